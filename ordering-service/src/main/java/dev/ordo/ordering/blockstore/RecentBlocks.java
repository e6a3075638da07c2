package dev.ordo.ordering.blockstore;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import org.hyperledger.fabric.protos.common.Block;

/**
 * The blocks appended last, over all the block stores that share this cache (one per orderer),
 * for Deliver readers that follow the tip without reading and parsing the file again. Bounded
 * by serialized bytes and by count for the whole process, so an orderer's heap does not grow
 * with the number of channels it serves: the busiest channels keep their newest blocks, a quiet
 * channel's blocks age out. Evicts in append order. Thread-safe.
 */
public final class RecentBlocks {
  /**
   * At most this many blocks whatever their size. Small blocks (a quiet channel cuts one per
   * batch timeout) have envelopes that are views of larger arrays (a Raft entry, on a follower
   * a message of several entries), so bytes alone would undercount what many of them keep alive.
   */
  static final int MAX_BLOCKS = 64;

  private final long maxBytes;
  private final LinkedHashMap<Key, Block> blocks = new LinkedHashMap<>();
  private long bytes;

  /** @param maxBytes serialized bytes the cache may hold; the newest block is kept even if larger */
  public RecentBlocks(long maxBytes) {
    if (maxBytes < 1) {
      throw new IllegalArgumentException("the block cache needs a positive size, got " + maxBytes);
    }
    this.maxBytes = maxBytes;
  }

  synchronized void put(BlockStore store, long number, Block block) {
    Block previous = blocks.put(new Key(store, number), block);
    if (previous != null) {
      bytes -= previous.getSerializedSize();
    }
    bytes += block.getSerializedSize(); // memoized: the block was just serialized to be stored
    Iterator<Block> eldest = blocks.values().iterator();
    while (blocks.size() > 1 && (bytes > maxBytes || blocks.size() > MAX_BLOCKS)) {
      bytes -= eldest.next().getSerializedSize();
      eldest.remove();
    }
  }

  synchronized Block get(BlockStore store, long number) {
    return blocks.get(new Key(store, number));
  }

  /** Forgets the store's blocks numbered {@code from} and above (the store was truncated). */
  synchronized void forget(BlockStore store, long from) {
    Iterator<Map.Entry<Key, Block>> entries = blocks.entrySet().iterator();
    while (entries.hasNext()) {
      Map.Entry<Key, Block> entry = entries.next();
      if (entry.getKey().store == store && entry.getKey().number >= from) {
        bytes -= entry.getValue().getSerializedSize();
        entries.remove();
      }
    }
  }

  /** Serialized bytes held, all stores together. */
  synchronized long bytes() {
    return bytes;
  }

  /** Blocks held, all stores together. */
  synchronized int blocks() {
    return blocks.size();
  }

  /** A block of one store (BlockStore has identity equality: a reopened store is another). */
  private record Key(BlockStore store, long number) {
  }
}
