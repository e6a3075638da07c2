package dev.ordo.proto.wire;

import com.google.protobuf.ByteString;

/**
 * One signature found in a message, with the exact bytes it signs and the marshalled
 * {@code SerializedIdentity} that claims it. The proto module extracts these; the membership
 * module verifies them and evaluates policies over them.
 */
public record SignedContent(ByteString data, ByteString identity, ByteString signature) {
    public byte[] dataBytes() {
        return data.toByteArray();
    }

    public byte[] identityBytes() {
        return identity.toByteArray();
    }

    public byte[] signatureBytes() {
        return signature.toByteArray();
    }
}
