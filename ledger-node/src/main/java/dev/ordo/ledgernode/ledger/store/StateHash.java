package dev.ordo.ledgernode.ledger.store;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * An order-independent digest of a channel's whole state, maintained incrementally: the sum
 * modulo 2^256 of SHA-256 over every live entry (public key with value and version, private key
 * hash with value hash and version). A write adds the new entry's digest and subtracts the one
 * it replaces, so the sum depends only on the set of live entries, never on the order or
 * grouping of commits. Two peers with equal state therefore have equal hashes, and
 * {@link #recompute} over an ordered scan gives the same value as the running sum.
 *
 * <p>An additive set hash is collision resistant against accidental divergence, which is what
 * peers comparing notes need; it is not meant as a commitment against an adversary who chooses
 * the state (see docs/ledger.md).
 */
public final class StateHash {
    public static final int SIZE = 32;
    private static final byte PUBLIC_ENTRY = 1;
    private static final byte PRIVATE_ENTRY = 2;
    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(StateHash::newDigest);

    private final byte[] sum;

    private StateHash(byte[] sum) {
        this.sum = sum;
    }

    public static StateHash empty() {
        return new StateHash(new byte[SIZE]);
    }

    public static StateHash of(byte[] sum) {
        if (sum.length != SIZE) {
            throw new IllegalArgumentException("state hash must be " + SIZE + " bytes, was " + sum.length);
        }
        return new StateHash(sum.clone());
    }

    /** Adds a live public entry ({@code storedValue} = the encoded version and value). */
    void addPublic(byte[] stateKey, byte[] storedValue) {
        add(entryDigest(PUBLIC_ENTRY, stateKey, storedValue), false);
    }

    void removePublic(byte[] stateKey, byte[] storedValue) {
        add(entryDigest(PUBLIC_ENTRY, stateKey, storedValue), true);
    }

    void addPrivate(byte[] privateKey, byte[] storedValue) {
        add(entryDigest(PRIVATE_ENTRY, privateKey, storedValue), false);
    }

    void removePrivate(byte[] privateKey, byte[] storedValue) {
        add(entryDigest(PRIVATE_ENTRY, privateKey, storedValue), true);
    }

    public byte[] bytes() {
        return sum.clone();
    }

    StateHash copy() {
        return new StateHash(sum.clone());
    }

    public String hex() {
        return HexFormat.of().formatHex(sum);
    }

    private void add(byte[] digest, boolean subtract) {
        int carry = 0;
        for (int i = SIZE - 1; i >= 0; i--) {
            int a = sum[i] & 0xFF;
            int b = digest[i] & 0xFF;
            int r = subtract ? a - b - carry : a + b + carry;
            if (subtract) {
                carry = r < 0 ? 1 : 0;
                r += carry << 8;
            } else {
                carry = r >> 8;
                r &= 0xFF;
            }
            sum[i] = (byte) r;
        }
    }

    private static byte[] entryDigest(byte kind, byte[] key, byte[] storedValue) {
        MessageDigest digest = SHA256.get();
        digest.update(kind);
        digest.update(ByteBuffer.allocate(4).putInt(key.length).array());
        digest.update(key);
        digest.update(storedValue);
        return digest.digest();
    }

    private static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    @Override
    public String toString() {
        return hex();
    }

}
