package dev.ordo.proto.wire;

import com.google.protobuf.ByteString;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** SHA-256, the only hash of Fabric's wire format. */
public final class Sha256 {
    private Sha256() {
    }

    /** SHA-256 of the concatenation of {@code parts}. */
    public static byte[] digest(byte[]... parts) {
        MessageDigest digest = newDigest();
        for (byte[] part : parts) {
            digest.update(part);
        }
        return digest.digest();
    }

    /** SHA-256 of the concatenation of {@code parts}, without copying them. */
    public static byte[] digest(ByteString... parts) {
        MessageDigest digest = newDigest();
        for (ByteString part : parts) {
            for (java.nio.ByteBuffer buffer : part.asReadOnlyByteBufferList()) {
                digest.update(buffer);
            }
        }
        return digest.digest();
    }

    static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }
}
