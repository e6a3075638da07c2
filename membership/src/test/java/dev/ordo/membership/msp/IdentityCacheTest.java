package dev.ordo.membership.msp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class IdentityCacheTest {
    @Test
    void equalBytesHitAndAnyDifferentByteMisses() {
        IdentityCache<String> cache = new IdentityCache<>(10_000);
        AtomicInteger computed = new AtomicInteger();
        List<byte[]> keys = new ArrayList<>();
        // Every length up to a few words (the tail loop) and one byte changed at every position.
        for (int length = 0; length <= 40; length++) {
            byte[] base = new byte[length];
            for (int i = 0; i < length; i++) {
                base[i] = (byte) (i * 31 + length);
            }
            keys.add(base);
            for (int i = 0; i < length; i++) {
                byte[] changed = base.clone();
                changed[i] ^= 1;
                keys.add(changed);
            }
        }
        for (byte[] key : keys) {
            cache.get(key, bytes -> "v" + computed.incrementAndGet());
        }
        int distinct = computed.get();
        assertEquals(keys.size(), distinct, "bytes that differ must not share an entry");

        for (byte[] key : keys) {
            String first = cache.get(key, bytes -> "recomputed");
            assertEquals(first, cache.get(key.clone(), bytes -> "recomputed again"));
        }
        assertEquals(distinct, computed.get(), "a copy of cached bytes must hit");
    }

    @Test
    void theCallerMayReuseItsArrayAfterAMiss() {
        IdentityCache<String> cache = new IdentityCache<>(16);
        byte[] identity = "Org1MSP certificate bytes".getBytes();
        cache.get(identity, bytes -> "org1");
        identity[0] = 'X';
        assertEquals("computed", cache.get(identity, bytes -> "computed"));
        assertEquals("org1", cache.get("Org1MSP certificate bytes".getBytes(), bytes -> "wrong"));
    }

    @Test
    void staysWithinItsCapacity() {
        IdentityCache<Integer> cache = new IdentityCache<>(64);
        for (int i = 0; i < 10_000; i++) {
            cache.get(("identity-" + i).getBytes(), bytes -> bytes.length);
        }
        assertTrue(cache.size() <= 64, "size " + cache.size());
    }
}
