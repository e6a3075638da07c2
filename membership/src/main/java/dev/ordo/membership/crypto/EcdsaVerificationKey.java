package dev.ordo.membership.crypto;

import dev.ordo.membership.crypto.p256.P256PublicKey;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;

/**
 * An EC public key prepared once for repeated verification with
 * {@link EcdsaSignatures#verify(EcdsaVerificationKey, byte[], byte[])}.
 *
 * <p>A P-256 key (every key Ordo and Fabric issue) gets Ordo's own verifier
 * ({@link P256PublicKey}), whose per-key tables (20 KB, built in about the time of nine
 * verifications) make each verification well under Bouncy Castle's cost (see
 * {@code docs/performance.md}). The tables are built on the key's second verification: a key
 * seen once (a client that submits once) costs one Bouncy Castle verification and no table, and
 * the MSP's identity cache does not fill memory with tables of such keys. A key on any other
 * curve is always verified by Bouncy Castle. Thread-safe.
 */
public final class EcdsaVerificationKey {
    private final ECPublicKeyParameters parameters;
    private final boolean onP256;
    private final AtomicInteger verifications = new AtomicInteger();
    private volatile P256PublicKey p256;

    private EcdsaVerificationKey(ECPublicKeyParameters parameters, boolean onP256) {
        this.parameters = parameters;
        this.onP256 = onP256;
    }

    /**
     * Prepares Bouncy Castle public key parameters (whose constructor already checked that the
     * point lies on the curve).
     */
    public static EcdsaVerificationKey of(ECPublicKeyParameters parameters) {
        Objects.requireNonNull(parameters, "parameters");
        return new EcdsaVerificationKey(parameters, P256PublicKey.isP256(parameters.getParameters()));
    }

    /** The Bouncy Castle parameters the key was prepared from. */
    public ECPublicKeyParameters parameters() {
        return parameters;
    }

    /** Whether the key is on P-256 and so verified by Ordo's own verifier from its second use on. */
    public boolean isP256() {
        return onP256;
    }

    /**
     * The P-256 key with its tables for this verification, or {@code null} when Bouncy Castle
     * should verify (another curve, or the key's first verification). Two threads may both
     * build the tables once; either result is the same.
     */
    P256PublicKey p256ForVerification() {
        P256PublicKey prepared = p256;
        if (prepared != null || !onP256) {
            return prepared;
        }
        if (verifications.getAndIncrement() == 0) {
            return null;
        }
        prepared = P256PublicKey.from(parameters);
        p256 = prepared;
        return prepared;
    }
}
