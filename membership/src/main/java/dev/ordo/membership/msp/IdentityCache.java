package dev.ordo.membership.msp;

import java.util.Arrays;
import java.util.Iterator;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * A size-capped concurrent map from serialized identity bytes to what validating them found.
 *
 * <p>When full, an arbitrary eighth of the entries is dropped; a real workload sees a small
 * set of hot identities, and a flood of distinct identities must not grow memory.
 */
final class IdentityCache<V> {
    private final ConcurrentHashMap<Key, V> entries = new ConcurrentHashMap<>();
    private final int capacity;

    IdentityCache(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive, was " + capacity);
        }
        this.capacity = capacity;
    }

    /** The cached value for these bytes, computing (and caching) it on a miss. */
    V get(byte[] serialized, Function<byte[], V> compute) {
        V cached = entries.get(new Key(serialized));
        if (cached != null) {
            return cached;
        }
        byte[] copy = serialized.clone();
        V value = compute.apply(copy);
        if (entries.size() >= capacity) {
            evictSome();
        }
        entries.putIfAbsent(new Key(copy), value);
        return value;
    }

    int size() {
        return entries.size();
    }

    private void evictSome() {
        int toDrop = Math.max(1, capacity / 8);
        Iterator<Key> keys = entries.keySet().iterator();
        while (toDrop-- > 0 && keys.hasNext()) {
            keys.next();
            keys.remove();
        }
    }

    /** Byte-array key with content equality; the array is never modified after insertion. */
    private static final class Key {
        private final byte[] bytes;
        private final int hash;

        Key(byte[] bytes) {
            this.bytes = bytes;
            this.hash = Arrays.hashCode(bytes);
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Key that && hash == that.hash && Arrays.equals(bytes, that.bytes);
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }
}
