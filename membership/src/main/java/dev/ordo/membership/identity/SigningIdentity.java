package dev.ordo.membership.identity;

import dev.ordo.proto.wire.MessageSigner;
import java.security.PrivateKey;

/**
 * An {@link Identity} together with its private key: what a client, peer or orderer signs
 * Fabric messages with.
 *
 * <p>{@link #sign(byte[])} returns a DER-encoded ECDSA signature over SHA-256 of the message
 * with low S; {@link #serializedIdentity()} is the identity's marshalled
 * {@code msp.SerializedIdentity}. Implementations are thread-safe.
 */
public interface SigningIdentity extends MessageSigner {
    /** The public side of this signer. */
    Identity identity();

    /**
     * A signer for {@code identity} with its private key; the key's Bouncy Castle parameters
     * are built once here.
     *
     * @throws IllegalArgumentException if the key is not an EC key or does not belong to the
     *     identity's certificate
     */
    static SigningIdentity of(Identity identity, PrivateKey privateKey) {
        return new EcdsaSigningIdentity(identity, privateKey);
    }
}
