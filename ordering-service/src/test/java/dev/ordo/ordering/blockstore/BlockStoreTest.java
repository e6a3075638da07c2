package dev.ordo.ordering.blockstore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import dev.ordo.proto.wire.Blocks;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.hyperledger.fabric.protos.common.Block;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BlockStoreTest {
  @TempDir
  Path dir;

  private static Block block(long number, ByteString previous) {
    return Blocks.newBlock(number, previous, List.of(ByteString.copyFromUtf8("envelope " + number)));
  }

  /** Appends blocks 0..count-1, chained, and returns them. */
  private static List<Block> appendChain(BlockStore store, int count) {
    List<Block> chain = new ArrayList<>();
    ByteString previous = ByteString.EMPTY;
    for (int n = 0; n < count; n++) {
      Block next = block(n, previous);
      store.append(next);
      chain.add(next);
      previous = Blocks.headerHash(next.getHeader());
    }
    return chain;
  }

  private Path file() {
    return dir.resolve(BlockStore.FILE_NAME);
  }

  @Test
  void storesBlocksInOrderAndKeepsThemAcrossReopen() {
    Block b0 = block(0, ByteString.EMPTY);
    Block b1 = block(1, Blocks.headerHash(b0.getHeader()));
    try (BlockStore store = BlockStore.open(dir)) {
      store.append(b0);
      store.append(b1);
      assertEquals(2, store.height());
      assertThrows(BlockStoreException.class, () -> store.append(block(5, ByteString.EMPTY)));
    }
    try (BlockStore store = BlockStore.open(dir)) {
      assertEquals(2, store.height());
      assertEquals(b1, store.block(1).orElseThrow());
      assertTrue(store.block(2).isEmpty());
    }
  }

  @Test
  void truncatesSoThatBlocksCanBeAppliedAgain() {
    try (BlockStore store = BlockStore.open(dir)) {
      Block previous = block(0, ByteString.EMPTY);
      store.append(previous);
      for (int n = 1; n < 5; n++) {
        Block next = block(n, Blocks.headerHash(previous.getHeader()));
        store.append(next);
        previous = next;
      }
      store.truncateFrom(2);
      store.syncToDisk();
      assertEquals(2, store.height());
      assertTrue(store.block(3).isEmpty());
      store.append(block(2, Blocks.headerHash(store.block(1).orElseThrow().getHeader())));
      assertEquals(3, store.height());
    }
    try (BlockStore store = BlockStore.open(dir)) {
      assertEquals(3, store.height());
    }
  }

  @Test
  void readsBlocksThatAreNoLongerCached() {
    List<Block> chain;
    try (BlockStore store = BlockStore.open(dir)) {
      chain = appendChain(store, 200);
      assertEquals(chain.get(3), store.block(3).orElseThrow());
    }
    try (BlockStore store = BlockStore.open(dir)) {
      for (int n = 0; n < 200; n += 37) {
        assertEquals(chain.get(n), store.block(n).orElseThrow());
      }
    }
  }

  @Test
  void boundsItsCacheByBytesAndStillServesEvictedBlocks() {
    RecentBlocks cache = new RecentBlocks(16L << 20);
    List<Block> chain;
    try (BlockStore store = BlockStore.open(dir, cache)) {
      chain = appendMegabyteBlocks(store, 40);
      assertTrue(cache.bytes() <= 16L << 20, "cache holds " + cache.bytes() + " bytes");
      assertTrue(cache.blocks() >= 10, "the last blocks stay cached: " + cache.blocks());
      assertEquals(chain.get(3), store.block(3).orElseThrow(), "evicted, read from the file");
      assertEquals(chain.get(39), store.block(39).orElseThrow());

      int cachedBefore = cache.blocks();
      store.truncateFrom(35);
      long expected = chain.subList(40 - cachedBefore, 35).stream().mapToLong(Block::getSerializedSize).sum();
      assertEquals(expected, cache.bytes(), "truncated blocks leave the cache's count");
    }
    assertEquals(0, cache.blocks(), "a closed store's blocks leave the cache");
    assertEquals(0, cache.bytes());
  }

  @Test
  void storesSharingACacheShareItsBudgetAndKeepTheirBlocksApart() {
    RecentBlocks cache = new RecentBlocks(8L << 20);
    try (BlockStore quiet = BlockStore.open(dir.resolve("quiet"), cache);
        BlockStore busy = BlockStore.open(dir.resolve("busy"), cache)) {
      List<Block> quietChain = appendMegabyteBlocks(quiet, 3);
      List<Block> busyChain = appendMegabyteBlocks(busy, 2);
      assertEquals(5, cache.blocks());
      // Same numbers in both stores: each answers with its own block.
      for (int n = 0; n < 2; n++) {
        assertEquals(quietChain.get(n), quiet.block(n).orElseThrow());
        assertEquals(busyChain.get(n), busy.block(n).orElseThrow());
      }
      quiet.truncateFrom(1);
      assertEquals(3, cache.blocks(), "truncating one store drops only its own blocks");
      assertEquals(busyChain.get(1), busy.block(1).orElseThrow());

      busyChain.addAll(appendMegabyteBlocks(busy, 2, 18, Blocks.headerHash(busyChain.get(1).getHeader())));
      assertTrue(cache.bytes() <= 8L << 20, "both stores together stay within the budget: " + cache.bytes());
      assertTrue(cache.blocks() >= 5, "the busy store's newest blocks are cached: " + cache.blocks());
      assertEquals(quietChain.get(0), quiet.block(0).orElseThrow(), "aged out of the cache, read from the file");
      assertEquals(busyChain.get(0), busy.block(0).orElseThrow());
      assertEquals(busyChain.get(19), busy.block(19).orElseThrow());
    }
    assertEquals(0, cache.blocks());
  }

  private static List<Block> appendMegabyteBlocks(BlockStore store, int count) {
    return appendMegabyteBlocks(store, 0, count, ByteString.EMPTY);
  }

  private static List<Block> appendMegabyteBlocks(BlockStore store, int first, int count, ByteString previous) {
    byte[] megabyte = new byte[1 << 20];
    List<Block> chain = new ArrayList<>();
    for (int n = first; n < first + count; n++) {
      megabyte[0] = (byte) n;
      megabyte[1] = (byte) store.directory().hashCode();
      Block next = Blocks.newBlock(n, previous, List.of(ByteString.copyFrom(megabyte)));
      store.append(next);
      chain.add(next);
      previous = Blocks.headerHash(next.getHeader());
    }
    return chain;
  }

  @Test
  void dropsATornLastRecordOnOpen() throws IOException {
    List<Block> chain;
    try (BlockStore store = BlockStore.open(dir)) {
      chain = appendChain(store, 5);
      store.syncToDisk();
    }
    long whole = Files.size(file());
    int lastRecord = BlockRecord.HEADER_BYTES + chain.get(4).getSerializedSize();
    // A crash in the middle of the last append: only part of its payload reached the disk.
    try (FileChannel f = FileChannel.open(file(), StandardOpenOption.WRITE)) {
      f.truncate(whole - lastRecord / 2);
    }
    try (BlockStore store = BlockStore.open(dir)) {
      assertEquals(4, store.height());
      assertEquals(chain.get(3), store.block(3).orElseThrow());
      assertEquals(whole - lastRecord, Files.size(file()), "the torn record is cut off");
      store.append(chain.get(4));
      assertEquals(5, store.height());
    }
    try (BlockStore store = BlockStore.open(dir)) {
      assertEquals(chain.get(4), store.block(4).orElseThrow());
    }
  }

  @Test
  void dropsEverythingFromARecordWhoseBytesAreDamaged() throws IOException {
    List<Block> chain;
    try (BlockStore store = BlockStore.open(dir)) {
      chain = appendChain(store, 5);
    }
    long thirdStart = 0;
    for (int n = 0; n < 2; n++) {
      thirdStart += BlockRecord.HEADER_BYTES + chain.get(n).getSerializedSize();
    }
    // Power loss can leave a block's pages unwritten (zeros) while later ones made it.
    try (FileChannel f = FileChannel.open(file(), StandardOpenOption.WRITE)) {
      f.write(ByteBuffer.wrap(new byte[8]), thirdStart + BlockRecord.HEADER_BYTES + 2);
    }
    try (BlockStore store = BlockStore.open(dir)) {
      assertEquals(2, store.height());
      assertEquals(thirdStart, Files.size(file()));
      assertEquals(chain.get(1), store.block(1).orElseThrow());
    }
  }

  @Test
  void dropsGarbageAfterTheLastRecord() throws IOException {
    try (BlockStore store = BlockStore.open(dir)) {
      appendChain(store, 3);
    }
    long whole = Files.size(file());
    Files.write(file(), new byte[] {0, 0, 0, 5, 1, 2}, StandardOpenOption.APPEND);
    try (BlockStore store = BlockStore.open(dir)) {
      assertEquals(3, store.height());
      assertEquals(whole, Files.size(file()));
    }
  }

  /** Writes {@code chain} as the H2 block store of earlier versions did (same URL, table and rows). */
  private void writeEarlierH2Store(List<Block> chain) throws SQLException {
    String url = "jdbc:h2:file:" + dir.resolve("blocks").toAbsolutePath() + ";WRITE_DELAY=0";
    try (Connection db = DriverManager.getConnection(url, "sa", "");
        Statement ddl = db.createStatement()) {
      ddl.execute("CREATE TABLE BLOCKS(NUMBER BIGINT PRIMARY KEY, BYTES VARBINARY NOT NULL)");
      try (PreparedStatement insert = db.prepareStatement("INSERT INTO BLOCKS(NUMBER, BYTES) VALUES (?, ?)")) {
        for (Block block : chain) {
          insert.setLong(1, block.getHeader().getNumber());
          insert.setBytes(2, block.toByteArray());
          insert.executeUpdate();
        }
      }
    }
  }

  @Test
  void migratesBlocksFromTheEarlierH2FormatAndKeepsTheOldFile() throws Exception {
    List<Block> chain;
    try (BlockStore scratch = BlockStore.open(dir.resolve("scratch"))) {
      chain = appendChain(scratch, 5);
    }
    writeEarlierH2Store(chain);

    try (BlockStore store = BlockStore.open(dir)) {
      assertEquals(5, store.height());
      for (Block block : chain) {
        assertEquals(block, store.block(block.getHeader().getNumber()).orElseThrow());
      }
      store.append(block(5, Blocks.headerHash(chain.get(4).getHeader())));
    }
    assertTrue(Files.notExists(dir.resolve("blocks.mv.db")), "the old store is no longer where it is read");
    assertTrue(Files.exists(dir.resolve("blocks.mv.db.migrated")), "the old store is kept");
    try (BlockStore reopened = BlockStore.open(dir)) {
      assertEquals(6, reopened.height(), "a second start reads the migrated file and does not migrate again");
    }
  }

  @Test
  void refusesADamagedEarlierH2StoreAndLeavesItInPlace() throws IOException {
    Files.write(dir.resolve("blocks.mv.db"), new byte[] {1, 2, 3});
    BlockStoreException refused = assertThrows(BlockStoreException.class, () -> BlockStore.open(dir));
    assertTrue(refused.getMessage().contains("earlier H2 block store"), refused.getMessage());
    assertTrue(Files.notExists(file()), "no empty block file is left behind");
    assertTrue(Files.exists(dir.resolve("blocks.mv.db")), "the old store is left for the operator");
  }
}
