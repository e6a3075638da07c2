package dev.ordo.proto.wire;

/**
 * Something that signs Fabric messages: an identity plus its private key.
 *
 * <p>{@link #serializedIdentity()} is the marshalled {@code msp.SerializedIdentity} that goes
 * into a {@code SignatureHeader.creator} or an {@code Endorsement.endorser}; {@link #sign(byte[])}
 * returns a DER-encoded ECDSA P-256/SHA-256 signature with low S over exactly the given bytes
 * (the signer hashes them). The proto module only builds the bytes to be signed; the
 * membership module supplies the implementations.
 */
public interface MessageSigner {
    byte[] serializedIdentity();

    byte[] sign(byte[] message);
}
