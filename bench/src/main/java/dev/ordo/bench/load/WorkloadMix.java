package dev.ordo.bench.load;

import java.util.random.RandomGenerator;

/**
 * Which kind of transaction comes next: a transfer with probability {@code transferRatio}
 * (else a creation), and a transfer targets a hot, shared asset with probability
 * {@code conflictRate} (else one of the client's own assets). Each choice is independent, so
 * over many transactions the shares converge to the configured ratios.
 *
 * @param transferRatio fraction of transactions that are transfers, in [0, 1]
 * @param conflictRate fraction of transfers that target a hot asset, in [0, 1]
 */
public record WorkloadMix(double transferRatio, double conflictRate) {
    public WorkloadMix {
        requireFraction(transferRatio, "transfer ratio");
        requireFraction(conflictRate, "conflict rate");
    }

    /** The kind of the next transaction, drawn with {@code random}. */
    public TxKind choose(RandomGenerator random) {
        if (transferRatio > 0 && random.nextDouble() < transferRatio) {
            return conflictRate > 0 && random.nextDouble() < conflictRate ? TxKind.TRANSFER_HOT : TxKind.TRANSFER_OWN;
        }
        return TxKind.CREATE;
    }

    /** Whether any transaction may target a client's own assets (so they must exist first). */
    public boolean needsOwnAssets() {
        return transferRatio > 0 && conflictRate < 1;
    }

    /** Whether any transaction may target a hot asset (so they must exist first). */
    public boolean needsHotAssets() {
        return transferRatio > 0 && conflictRate > 0;
    }

    private static void requireFraction(double value, String name) {
        if (!(value >= 0 && value <= 1)) {
            throw new IllegalArgumentException(name + " must be between 0 and 1, was " + value);
        }
    }
}
