package dev.ordo.membership.msp;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.security.SecureRandom;
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
        private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class,
                ByteOrder.LITTLE_ENDIAN);
        /**
         * Per process, so that nobody can prepare identities that all land in one bin of the
         * map (equality still decides; this only keeps the bins short).
         */
        private static final long SEED = new SecureRandom().nextLong();

        private final byte[] bytes;
        private final int hash;

        Key(byte[] bytes) {
            this.bytes = bytes;
            this.hash = hash(bytes);
        }

        /**
         * Every lookup hashes a whole identity (≈ 800 bytes of certificate). Arrays.hashCode
         * takes one dependent multiply per byte, ≈ 1 µs; this mixes eight bytes per multiply.
         */
        static int hash(byte[] bytes) {
            long h = SEED ^ bytes.length;
            int i = 0;
            for (; i + Long.BYTES <= bytes.length; i += Long.BYTES) {
                h = (h ^ (long) LONGS.get(bytes, i)) * 0x9E3779B97F4A7C15L;
                h ^= h >>> 32;
            }
            for (; i < bytes.length; i++) {
                h = (h ^ bytes[i]) * 0x9E3779B97F4A7C15L;
            }
            h ^= h >>> 29;
            h *= 0xBF58476D1CE4E5B9L;
            h ^= h >>> 32;
            return (int) h;
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
