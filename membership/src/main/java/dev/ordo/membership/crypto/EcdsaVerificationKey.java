package dev.ordo.membership.crypto;

import dev.ordo.membership.crypto.p256.P256PublicKey;
import java.lang.ref.Cleaner;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceFieldUpdater;
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
 * the MSP's identity cache does not fill memory with tables of such keys. After 1 024
 * verifications a key gets the four times larger tables of
 * {@link P256PublicKey#withWideTables} (80 KB, ≈ 11 % cheaper verifications), as long as fewer
 * than 128 keys of the process hold them (a busy client's or peer's key verifies that often
 * within seconds; a network with thousands of such identities keeps the rest at 20 KB). A key
 * on any other curve is always verified by Bouncy Castle. Thread-safe.
 */
public final class EcdsaVerificationKey {
    /** Verifications after which a P-256 key is given wide tables, budget permitting. */
    static final int WIDE_TABLES_AFTER = 1024;

    private static final AtomicReferenceFieldUpdater<EcdsaVerificationKey, P256PublicKey> P256 =
            AtomicReferenceFieldUpdater.newUpdater(EcdsaVerificationKey.class, P256PublicKey.class, "p256");

    private final ECPublicKeyParameters parameters;
    private final boolean onP256;
    private final WideTableBudget wideTableBudget;
    private final AtomicInteger verifications = new AtomicInteger();
    private volatile P256PublicKey p256;

    private EcdsaVerificationKey(ECPublicKeyParameters parameters, boolean onP256, WideTableBudget wideTableBudget) {
        this.parameters = parameters;
        this.onP256 = onP256;
        this.wideTableBudget = wideTableBudget;
    }

    /**
     * Prepares Bouncy Castle public key parameters (whose constructor already checked that the
     * point lies on the curve).
     */
    public static EcdsaVerificationKey of(ECPublicKeyParameters parameters) {
        return of(parameters, WideTableBudget.PROCESS);
    }

    /** As {@link #of(ECPublicKeyParameters)}, with wide tables taken from {@code budget}. */
    static EcdsaVerificationKey of(ECPublicKeyParameters parameters, WideTableBudget budget) {
        Objects.requireNonNull(parameters, "parameters");
        return new EcdsaVerificationKey(parameters, P256PublicKey.isP256(parameters.getParameters()), budget);
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
     * build the default tables; only the first to finish installs them, so a late build can
     * never replace wide tables installed meanwhile.
     */
    P256PublicKey p256ForVerification() {
        if (!onP256) {
            return null;
        }
        P256PublicKey prepared = p256;
        if (prepared == null) {
            if (verifications.getAndIncrement() == 0) {
                return null;
            }
            P256PublicKey built = P256PublicKey.from(parameters);
            return P256.compareAndSet(this, null, built) ? built : p256;
        }
        // Counting stops at the threshold (a few concurrent increments may pass it), so a
        // settled key costs a read of the counter per verification and no shared write.
        if (verifications.get() >= WIDE_TABLES_AFTER
                || verifications.incrementAndGet() != WIDE_TABLES_AFTER || !wideTableBudget.tryTake()) {
            return prepared;
        }
        P256PublicKey wide = prepared.withWideTables();
        WideTableBudget budget = wideTableBudget; // the cleaning action must not hold this key
        WideTableRelease.CLEANER.register(this, budget::giveBack);
        p256 = wide;
        return wide;
    }

    /** Gives a collected key's place among the wide-table keys back; its thread starts with the first wide key. */
    private static final class WideTableRelease {
        static final Cleaner CLEANER = Cleaner.create();
    }

    /** Whether this key verifies with wide tables now (for tests). */
    boolean hasWideTables() {
        P256PublicKey prepared = p256;
        return prepared != null && prepared.hasWideTables();
    }
}
