package dev.ordo.ordering.blockstore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import dev.ordo.proto.wire.Blocks;
import java.nio.file.Path;
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
  }
}
