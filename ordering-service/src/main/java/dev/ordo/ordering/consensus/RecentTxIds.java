package dev.ordo.ordering.consensus;

import com.google.protobuf.ByteString;
import dev.ordo.proto.wire.EnvelopeView;
import dev.ordo.proto.wire.Sha256;
import dev.ordo.proto.wire.TxIds;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.Arrays;
import org.hyperledger.fabric.protos.common.Block;

/**
 * The tx ids of the last {@code windowBlocks} blocks of a channel. Applying a proposal drops
 * envelopes whose tx id is already there (a client retried after a leader change although its
 * first copy had been ordered), so a retried envelope is ordered once. Derived from the chain
 * alone, so every orderer drops the same envelopes.
 *
 * <p>A window holds up to 256 blocks of thousands of envelopes, on every orderer and for every
 * channel, so ids are kept as 32-byte keys in primitive arrays rather than as strings in a
 * hash set: 75–120 bytes per id instead of ≈ 150, no per-envelope garbage when applying, and
 * nothing for the garbage collector to trace. A key is the tx id itself when it is 64
 * lowercase hex characters (what Broadcast accepts), else the SHA-256 of its bytes.
 */
final class RecentTxIds {
  private static final int KEY_LONGS = 4;
  private static final int MIN_SLOTS = 64;
  /** The value of each lowercase hex digit by its byte, −1 for every other byte. */
  private static final byte[] HEX_DIGIT_VALUES = hexDigitValues();

  private final int windowBlocks;
  /** Per block in the window, oldest first: its keys, {@link #KEY_LONGS} longs each. */
  private final ArrayDeque<long[]> blocks = new ArrayDeque<>();
  /** Open addressing with linear probing; slot i holds a key at {@code i * KEY_LONGS}. */
  private long[] keys;
  /** One bit per slot: whether it holds a key. */
  private long[] used;
  private int slots;
  private int size;

  RecentTxIds(int windowBlocks) {
    this.windowBlocks = windowBlocks;
    clear();
  }

  int windowBlocks() {
    return windowBlocks;
  }

  /** Number of tx ids in the window (each counted once). */
  int size() {
    return size;
  }

  /** Starts the tx ids of a block that is being built on top of the window. */
  BlockTxIds newBlock(int envelopes) {
    return new BlockTxIds(envelopes);
  }

  /** Puts a block's tx ids into the window, dropping the oldest block beyond it. */
  void commit(BlockTxIds block) {
    blocks.addLast(block.keys.length == block.count * KEY_LONGS ? block.keys
        : Arrays.copyOf(block.keys, block.count * KEY_LONGS));
    block.committed = true;
    while (blocks.size() > windowBlocks) {
      long[] oldest = blocks.removeFirst();
      for (int i = 0; i < oldest.length; i += KEY_LONGS) {
        remove(oldest, i);
      }
    }
    shrinkIfSparse();
  }

  /** Takes back the tx ids of a block that was not appended after all. */
  void abandon(BlockTxIds block) {
    if (block.committed) {
      return;
    }
    for (int i = 0; i < block.count * KEY_LONGS; i += KEY_LONGS) {
      remove(block.keys, i);
    }
    block.count = 0;
  }

  /** Adds the tx ids of a stored block (rebuilding the window from the chain). */
  void addStoredBlock(Block block) {
    BlockTxIds ids = newBlock(block.getData().getDataCount());
    for (ByteString envelope : block.getData().getDataList()) {
      ids.add(envelope);
    }
    commit(ids);
  }

  void clear() {
    blocks.clear();
    emptyTable(MIN_SLOTS);
  }

  /** The tx ids of one block in the making; each added id is in the window at once. */
  final class BlockTxIds {
    /** A tx id's bytes, copied out of the envelope once rather than read through it byte by byte. */
    private final byte[] idBytes = new byte[TxIds.LENGTH];
    private long[] keys;
    private int count;
    private boolean committed;

    private BlockTxIds(int expected) {
      keys = new long[Math.max(1, expected) * KEY_LONGS];
    }

    /**
     * Adds the envelope's tx id; false when the window or this block already holds it (the
     * envelope must be dropped). An envelope without tx id is always taken and not remembered.
     */
    boolean add(ByteString envelope) {
      ByteString txId = EnvelopeView.txIdBytesOf(envelope);
      if (txId.isEmpty()) {
        return true;
      }
      if ((count + 1) * KEY_LONGS > keys.length) {
        keys = Arrays.copyOf(keys, keys.length * 2);
      }
      int at = count * KEY_LONGS;
      keyOf(txId, idBytes, keys, at);
      if (!insert(keys, at)) {
        return false;
      }
      count++;
      return true;
    }
  }

  /** Writes the 32-byte key of a tx id into {@code out} at {@code at}; {@code scratch} holds {@link TxIds#LENGTH} bytes. */
  static void keyOf(ByteString txId, byte[] scratch, long[] out, int at) {
    if (txId.size() == TxIds.LENGTH) {
      txId.copyTo(scratch, 0);
      if (decodeLowercaseHex(scratch, out, at)) {
        return;
      }
    }
    ByteBuffer digest = ByteBuffer.wrap(Sha256.digest(txId));
    for (int i = 0; i < KEY_LONGS; i++) {
      out[at + i] = digest.getLong();
    }
  }

  /** Decodes a tx id's lowercase hex bytes into four longs; false (out undefined) if any byte is not one. */
  private static boolean decodeLowercaseHex(byte[] hex, long[] out, int at) {
    int seen = 0; // a −1 anywhere sets the sign bit: one test after the loops instead of one per byte
    for (int word = 0; word < KEY_LONGS; word++) {
      long value = 0;
      for (int i = word * 16; i < word * 16 + 16; i++) {
        int digit = HEX_DIGIT_VALUES[hex[i] & 0xFF];
        seen |= digit;
        value = (value << 4) | (digit & 0xF);
      }
      out[at + word] = value;
    }
    return seen >= 0;
  }

  private static byte[] hexDigitValues() {
    byte[] values = new byte[256];
    Arrays.fill(values, (byte) -1);
    for (int c = '0'; c <= '9'; c++) {
      values[c] = (byte) (c - '0');
    }
    for (int c = 'a'; c <= 'f'; c++) {
      values[c] = (byte) (c - 'a' + 10);
    }
    return values;
  }

  /** Inserts the key at {@code from[at..]}; false if it is already there. */
  private boolean insert(long[] from, int at) {
    if ((size + 1) * 4L > slots * 3L) {
      resize(slots * 2);
    }
    int slot = home(from, at);
    while (isUsed(slot)) {
      if (equalsKey(slot, from, at)) {
        return false;
      }
      slot = (slot + 1) & (slots - 1);
    }
    System.arraycopy(from, at, keys, slot * KEY_LONGS, KEY_LONGS);
    used[slot >>> 6] |= 1L << slot;
    size++;
    return true;
  }

  /** Removes the key at {@code from[at..]} if present, shifting later keys of its run back. */
  private void remove(long[] from, int at) {
    int slot = home(from, at);
    while (isUsed(slot) && !equalsKey(slot, from, at)) {
      slot = (slot + 1) & (slots - 1);
    }
    if (!isUsed(slot)) {
      return;
    }
    int hole = slot;
    int next = (hole + 1) & (slots - 1);
    while (isUsed(next)) {
      int home = home(keys, next * KEY_LONGS);
      // Move the key back into the hole unless its home lies cyclically in (hole, next].
      boolean homeAfterHole = hole <= next ? hole < home && home <= next : hole < home || home <= next;
      if (!homeAfterHole) {
        System.arraycopy(keys, next * KEY_LONGS, keys, hole * KEY_LONGS, KEY_LONGS);
        hole = next;
      }
      next = (next + 1) & (slots - 1);
    }
    used[hole >>> 6] &= ~(1L << hole);
    size--;
  }

  private void shrinkIfSparse() {
    if (slots > MIN_SLOTS && size * 8L < slots) {
      resize(Math.max(MIN_SLOTS, Integer.highestOneBit(Math.max(1, size) * 2) * 2));
    }
  }

  private void resize(int newSlots) {
    long[] oldKeys = keys;
    long[] oldUsed = used;
    int oldSlots = slots;
    emptyTable(newSlots);
    for (int slot = 0; slot < oldSlots; slot++) {
      if ((oldUsed[slot >>> 6] & (1L << slot)) != 0) {
        insert(oldKeys, slot * KEY_LONGS);
      }
    }
  }

  private void emptyTable(int newSlots) {
    keys = new long[newSlots * KEY_LONGS];
    used = new long[Math.max(1, newSlots / 64)];
    slots = newSlots;
    size = 0;
  }

  private boolean isUsed(int slot) {
    return (used[slot >>> 6] & (1L << slot)) != 0;
  }

  private boolean equalsKey(int slot, long[] other, int at) {
    int base = slot * KEY_LONGS;
    return keys[base] == other[at] && keys[base + 1] == other[at + 1] && keys[base + 2] == other[at + 2]
        && keys[base + 3] == other[at + 3];
  }

  /** The key's first slot. Keys are SHA-256 outputs or ids chosen by clients, so mix them. */
  private int home(long[] key, int at) {
    long h = key[at] * 0x9E3779B97F4A7C15L ^ key[at + 1] * 0xC2B2AE3D27D4EB4FL ^ key[at + 2] * 0x165667B19E3779F9L
        ^ key[at + 3];
    h ^= h >>> 31;
    h *= 0xBF58476D1CE4E5B9L;
    h ^= h >>> 29;
    return (int) h & (slots - 1);
  }
}
