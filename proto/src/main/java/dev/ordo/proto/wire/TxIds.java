package dev.ordo.proto.wire;

import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * Fabric transaction ids: lowercase hex of SHA-256(nonce ‖ creator), where creator is the
 * marshalled {@code SerializedIdentity} and the nonce is 24 random bytes.
 */
public final class TxIds {
    /** Length of the nonces Ordo generates, as Fabric's clients do. */
    public static final int NONCE_LENGTH = 24;
    /** Length of a well-formed tx id: a SHA-256 in lowercase hex. */
    public static final int LENGTH = 64;

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final HexFormat HEX = HexFormat.of();

    private TxIds() {
    }

    /** The transaction id for a nonce and a marshalled creator identity. */
    public static String compute(byte[] nonce, byte[] creator) {
        return HEX.formatHex(Sha256.digest(nonce, creator));
    }

    /** A fresh 24-byte nonce from a {@link SecureRandom}. */
    public static byte[] newNonce() {
        byte[] nonce = new byte[NONCE_LENGTH];
        RANDOM.nextBytes(nonce);
        return nonce;
    }

    /** True if {@code txId} is 64 lowercase hex characters, the only shape {@link #compute} yields. */
    public static boolean isWellFormed(String txId) {
        if (txId == null || txId.length() != LENGTH) {
            return false;
        }
        for (int i = 0; i < txId.length(); i++) {
            char c = txId.charAt(i);
            if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
                return false;
            }
        }
        return true;
    }
}
