package dev.ordo.membership.crypto;

import dev.ordo.membership.crypto.p256.P256PublicKey;
import java.util.Objects;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;

/**
 * An EC public key prepared once for repeated verification with
 * {@link EcdsaSignatures#verify(EcdsaVerificationKey, byte[], byte[])}.
 *
 * <p>A P-256 key (every key Ordo and Fabric issue) gets Ordo's own verifier
 * ({@link P256PublicKey}), whose per-key tables (10 KB) are built here, in about the time of
 * four verifications, and make each verification well under Bouncy Castle's cost (see
 * {@code docs/performance.md}); a key on any other curve keeps Bouncy Castle's parameters and
 * is verified by Bouncy Castle. Immutable and thread-safe.
 */
public final class EcdsaVerificationKey {
    private final ECPublicKeyParameters parameters;
    private final P256PublicKey p256;

    private EcdsaVerificationKey(ECPublicKeyParameters parameters, P256PublicKey p256) {
        this.parameters = parameters;
        this.p256 = p256;
    }

    /**
     * Prepares Bouncy Castle public key parameters.
     *
     * @throws IllegalArgumentException if the key claims P-256 but is not a point of it
     */
    public static EcdsaVerificationKey of(ECPublicKeyParameters parameters) {
        Objects.requireNonNull(parameters, "parameters");
        P256PublicKey p256 = P256PublicKey.isP256(parameters.getParameters()) ? P256PublicKey.from(parameters) : null;
        return new EcdsaVerificationKey(parameters, p256);
    }

    /** The Bouncy Castle parameters the key was prepared from. */
    public ECPublicKeyParameters parameters() {
        return parameters;
    }

    /** Whether the key is on P-256 and so verified by Ordo's own verifier. */
    public boolean isP256() {
        return p256 != null;
    }

    /** The prepared P-256 key, or {@code null} for a key on another curve. */
    P256PublicKey p256() {
        return p256;
    }
}
