package dev.ordo.ledgernode.ledger.store;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Byte encodings of the store's keys, chosen so that MVStore's unsigned byte order is Fabric's
 * key order (UTF-8 byte order) within a namespace:
 * <ul>
 *   <li>state: {@code ns 0x00 key}</li>
 *   <li>history: {@code ns 0x00 key 0xFF block(8, big endian) tx(4, big endian)}; 0xFF never
 *       occurs in UTF-8, so the prefix up to it belongs to exactly one key</li>
 *   <li>private hashes: {@code ns 0x00 collection 0x00 keyHash(32)}</li>
 *   <li>blocks: {@code number(8, big endian)}</li>
 * </ul>
 * Namespaces and collections never contain 0x00 (the validator rejects such read/write sets).
 */
public final class StoreKeys {
    private static final byte SEPARATOR = 0x00;
    private static final byte HISTORY_MARK = (byte) 0xFF;

    private StoreKeys() {
    }

    public static byte[] state(String namespace, String key) {
        return state(utf8(namespace), utf8(key));
    }

    static byte[] state(byte[] namespace, byte[] key) {
        byte[] out = new byte[namespace.length + 1 + key.length];
        System.arraycopy(namespace, 0, out, 0, namespace.length);
        out[namespace.length] = SEPARATOR;
        System.arraycopy(key, 0, out, namespace.length + 1, key.length);
        return out;
    }

    /** The first state key of {@code namespace} at or after {@code startKey}. */
    static byte[] rangeStart(String namespace, String startKey) {
        return state(namespace, startKey);
    }

    /** The exclusive upper bound of a range; an empty {@code endKey} means the namespace's end. */
    static byte[] rangeEnd(String namespace, String endKey) {
        if (!endKey.isEmpty()) {
            return state(namespace, endKey);
        }
        byte[] ns = utf8(namespace);
        byte[] out = Arrays.copyOf(ns, ns.length + 1);
        out[ns.length] = SEPARATOR + 1;
        return out;
    }

    /** The key part of a state key of {@code namespace}. */
    static String keyOf(byte[] stateKey, int namespaceLength) {
        return new String(stateKey, namespaceLength + 1, stateKey.length - namespaceLength - 1, StandardCharsets.UTF_8);
    }

    static byte[] history(byte[] stateKey, long blockNum, int txNum) {
        byte[] out = Arrays.copyOf(stateKey, stateKey.length + 1 + 12);
        out[stateKey.length] = HISTORY_MARK;
        ByteBuffer.wrap(out, stateKey.length + 1, 12).putLong(blockNum).putInt(txNum);
        return out;
    }

    /** The prefix shared by every history key of one state key. */
    static byte[] historyPrefix(byte[] stateKey) {
        byte[] out = Arrays.copyOf(stateKey, stateKey.length + 1);
        out[stateKey.length] = HISTORY_MARK;
        return out;
    }

    static long historyBlock(byte[] historyKey) {
        return ByteBuffer.wrap(historyKey, historyKey.length - 12, 8).getLong();
    }

    static int historyTx(byte[] historyKey) {
        return ByteBuffer.wrap(historyKey, historyKey.length - 4, 4).getInt();
    }

    public static byte[] privateHash(String namespace, String collection, byte[] keyHash) {
        byte[] ns = utf8(namespace);
        byte[] coll = utf8(collection);
        byte[] out = new byte[ns.length + 1 + coll.length + 1 + keyHash.length];
        System.arraycopy(ns, 0, out, 0, ns.length);
        out[ns.length] = SEPARATOR;
        System.arraycopy(coll, 0, out, ns.length + 1, coll.length);
        out[ns.length + 1 + coll.length] = SEPARATOR;
        System.arraycopy(keyHash, 0, out, ns.length + coll.length + 2, keyHash.length);
        return out;
    }

    static byte[] blockNumber(long number) {
        return ByteBuffer.allocate(8).putLong(number).array();
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** True when {@code key} starts with {@code prefix}. */
    static boolean hasPrefix(byte[] key, byte[] prefix) {
        return key.length >= prefix.length && Arrays.equals(key, 0, prefix.length, prefix, 0, prefix.length);
    }
}
