package dev.ordo.ordering.consensus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.hyperledger.fabric.protos.common.ChannelHeader;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.Header;
import org.hyperledger.fabric.protos.common.Payload;
import org.junit.jupiter.api.Test;

class RecentTxIdsTest {
  @Test
  void remembersTheLastBlocksOfTheWindowOnly() {
    RecentTxIds recent = new RecentTxIds(2);
    commit(recent, "a", "b");
    commit(recent, "c");
    assertFalse(probe(recent, "a"), "a is in the window");
    commit(recent, "d"); // pushes the block of a and b out
    assertTrue(probe(recent, "a"));
    assertTrue(probe(recent, "b"));
    assertFalse(probe(recent, "c"));
    assertFalse(probe(recent, "d"));
    assertEquals(2, recent.size());
  }

  @Test
  void dropsADuplicateInsideOneBlockAndTakesEnvelopesWithoutTxId() {
    RecentTxIds recent = new RecentTxIds(8);
    RecentTxIds.BlockTxIds block = recent.newBlock(4);
    assertTrue(block.add(envelope(hex("x"))));
    assertFalse(block.add(envelope(hex("x"))));
    assertTrue(block.add(envelope("")));
    assertTrue(block.add(envelope("")));
    recent.commit(block);
    assertEquals(1, recent.size());
  }

  @Test
  void anAbandonedBlockLeavesNothingBehind() {
    RecentTxIds recent = new RecentTxIds(8);
    commit(recent, "kept");
    RecentTxIds.BlockTxIds block = recent.newBlock(2);
    assertTrue(block.add(envelope(hex("lost"))));
    recent.abandon(block);
    assertEquals(1, recent.size());
    assertTrue(probe(recent, "lost"));
    assertFalse(probe(recent, "kept"));
  }

  @Test
  void idsThatAreNotLowercaseHexAreKeptByTheirBytes() {
    RecentTxIds recent = new RecentTxIds(8);
    String upper = hex("u").toUpperCase();
    RecentTxIds.BlockTxIds block = recent.newBlock(3);
    assertTrue(block.add(envelope(upper)));
    assertTrue(block.add(envelope(hex("u"))), "same hex in another case is another id");
    assertTrue(block.add(envelope("short-id")));
    recent.commit(block);
    assertFalse(recent.newBlock(1).add(envelope("short-id")));
    assertFalse(recent.newBlock(1).add(envelope(upper)));
  }

  @Test
  void aSingleNonHexByteAnywhereMakesAnIdKeptByItsBytes() {
    RecentTxIds recent = new RecentTxIds(8);
    int[] positions = {0, 31, 63};
    StringBuilder withF = new StringBuilder(hex("v"));
    for (int position : positions) {
      withF.setCharAt(position, 'f'); // a decoder that took a bad byte for a digit would read it as this
    }
    String valid = withF.toString();
    RecentTxIds.BlockTxIds block = recent.newBlock(4);
    assertTrue(block.add(envelope(valid)));
    for (int position : positions) {
      // 'g' is one past 'f'; '/' and ':' border the digits. Each such id is another id than the valid one.
      for (char bad : new char[] {'g', '/', ':'}) {
        String id = valid.substring(0, position) + bad + valid.substring(position + 1);
        assertTrue(block.add(envelope(id)), id);
        assertFalse(block.add(envelope(id)), "a repeat of " + id);
      }
    }
    recent.commit(block);
    assertEquals(10, recent.size());
    assertFalse(recent.newBlock(1).add(envelope(valid)));
  }

  @Test
  void agreesWithASetOfStringsOverManyBlocks() {
    Random random = new Random(42);
    int window = 16;
    RecentTxIds recent = new RecentTxIds(window);
    ArrayDeque<List<String>> modelBlocks = new ArrayDeque<>();
    Set<String> model = new HashSet<>();
    List<String> seen = new ArrayList<>();
    for (int b = 0; b < 400; b++) {
      // Bursts of large blocks make the table grow, quiet stretches make it shrink again.
      int count = (b / 50) % 2 == 0 ? 1 + random.nextInt(300) : random.nextInt(3);
      RecentTxIds.BlockTxIds block = recent.newBlock(count);
      List<String> added = new ArrayList<>();
      Set<String> inBlock = new HashSet<>();
      for (int i = 0; i < count; i++) {
        String id = !seen.isEmpty() && random.nextInt(4) == 0 ? seen.get(random.nextInt(seen.size()))
            : random.nextInt(10) == 0 ? "id-" + random.nextInt(1_000_000) : randomHex(random);
        boolean expected = !model.contains(id) && inBlock.add(id);
        assertEquals(expected, block.add(envelope(id)), "block " + b + ", id " + id);
        if (expected) {
          added.add(id);
        }
        seen.add(id);
      }
      if (random.nextInt(10) == 0) {
        recent.abandon(block);
        continue;
      }
      recent.commit(block);
      modelBlocks.addLast(added);
      model.addAll(added);
      while (modelBlocks.size() > window) {
        model.removeAll(modelBlocks.removeFirst());
      }
      assertEquals(model.size(), recent.size(), "after block " + b);
    }
  }

  private static void commit(RecentTxIds recent, String... names) {
    RecentTxIds.BlockTxIds block = recent.newBlock(names.length);
    for (String name : names) {
      assertTrue(block.add(envelope(hex(name))));
    }
    recent.commit(block);
  }

  /** True when an envelope with this id would be taken now (the probe is taken back). */
  private static boolean probe(RecentTxIds recent, String name) {
    RecentTxIds.BlockTxIds block = recent.newBlock(1);
    boolean taken = block.add(envelope(hex(name)));
    recent.abandon(block);
    return taken;
  }

  private static String hex(String name) {
    return HexFormat.of().formatHex(dev.ordo.proto.wire.Sha256.digest(name.getBytes()));
  }

  static String randomHex(Random random) {
    byte[] bytes = new byte[32];
    random.nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }

  /** An unsigned envelope with this tx id, some payload data and a signature-sized field to walk past. */
  static ByteString envelope(String txId) {
    ChannelHeader channelHeader = ChannelHeader.newBuilder().setChannelId("c").setTxId(txId).build();
    Payload payload = Payload.newBuilder()
        .setHeader(Header.newBuilder().setChannelHeader(channelHeader.toByteString()))
        .setData(ByteString.copyFrom(new byte[100])).build();
    return Envelope.newBuilder().setPayload(payload.toByteString()).setSignature(ByteString.copyFrom(new byte[70]))
        .build().toByteString();
  }
}
