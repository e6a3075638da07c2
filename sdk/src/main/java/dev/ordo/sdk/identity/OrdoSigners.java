package dev.ordo.sdk.identity;

import dev.ordo.membership.crypto.EcKeys;
import java.security.PrivateKey;
import java.util.Objects;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.hyperledger.fabric.client.identity.Signer;

/**
 * Fast {@link Signer}s for the Fabric Gateway client, the counterpart of the client's own
 * {@code Signers.newPrivateKeySigner}.
 *
 * <p>The client's stock signer converts the JDK key for Bouncy Castle on every call, which
 * rebuilds the curve precomputation each time. These signers build the key parameters once,
 * sign the digest the client passes with Bouncy Castle's ECDSA (deterministic RFC 6979
 * nonces) and always return a low-S, DER-encoded signature, as Fabric requires. They are
 * thread-safe; a client signs three times per transaction (proposal, envelope, commit-status
 * request), so this matters under load.
 *
 * <pre>
 * Gateway gateway = Gateway.newInstance()
 *         .identity(new X509Identity("Org1MSP", certificate))
 *         .signer(OrdoSigners.newPrivateKeySigner(privateKey))
 *         .connection(channel)
 *         .connect();
 * </pre>
 */
public final class OrdoSigners {
    private OrdoSigners() {
    }

    /**
     * A signer for an ECDSA private key (P-256 as Fabric uses, or another named curve).
     *
     * @throws IllegalArgumentException if the key is not an EC key
     */
    public static Signer newPrivateKeySigner(PrivateKey privateKey) {
        Objects.requireNonNull(privateKey, "privateKey");
        return new EcdsaDigestSigner(EcKeys.privateParameters(privateKey));
    }

    /** A signer over Bouncy Castle key parameters the caller already holds. */
    public static Signer newPrivateKeySigner(ECPrivateKeyParameters privateKey) {
        return new EcdsaDigestSigner(Objects.requireNonNull(privateKey, "privateKey"));
    }
}
