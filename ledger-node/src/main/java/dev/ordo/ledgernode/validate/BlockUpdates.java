package dev.ordo.ledgernode.validate;

import dev.ordo.ledgernode.ledger.store.Height;
import java.util.Arrays;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * The writes of the transactions of one block found valid so far, in the store's key order
 * (unsigned bytes of the encoded keys): what later transactions of the same block must not
 * have read, and what a range re-run sees on top of committed state.
 */
final class BlockUpdates {
    /** A write of a block's earlier transaction: its height, or a delete. */
    record Update(Height height, boolean deleted) {
    }

    private final NavigableMap<byte[], Update> publicWrites = new TreeMap<>(Arrays::compareUnsigned);
    private final NavigableMap<byte[], Update> privateWrites = new TreeMap<>(Arrays::compareUnsigned);

    boolean wrotePublic(byte[] stateKey) {
        return publicWrites.containsKey(stateKey);
    }

    boolean wrotePrivate(byte[] privateKey) {
        return privateWrites.containsKey(privateKey);
    }

    void writePublic(byte[] stateKey, Height height, boolean deleted) {
        publicWrites.put(stateKey, new Update(height, deleted));
    }

    void writePrivate(byte[] privateKey, Height height, boolean deleted) {
        privateWrites.put(privateKey, new Update(height, deleted));
    }

    /** Public writes with keys in {@code [from, to)}. */
    NavigableMap<byte[], Update> publicRange(byte[] from, byte[] to) {
        return publicWrites.subMap(from, true, to, false);
    }
}
