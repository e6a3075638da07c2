package dev.ordo.ledgernode.ledger;

import java.util.concurrent.atomic.LongAdder;

/**
 * Where a channel ledger's commit time goes, cumulative since it was opened: per-transaction
 * checks (summed over the validation threads), the in-order phase (duplicates and MVCC), writing
 * into the store, and the store commits. For metrics and the replay benchmark.
 */
public final class CommitStatistics {
    final LongAdder blocks = new LongAdder();
    final LongAdder transactions = new LongAdder();
    final LongAdder inOrderValidationNanos = new LongAdder();
    final LongAdder applyNanos = new LongAdder();
    final LongAdder storeCommitNanos = new LongAdder();
    final LongAdder storeCommits = new LongAdder();

    /** An immutable copy of the counters. */
    public record Snapshot(long blocks, long transactions, long transactionCheckNanos, long waitForChecksNanos,
            long inOrderValidationNanos, long applyNanos, long storeCommitNanos, long storeCommits) {
    }

    /** The in-order validation time excludes {@code waitNanos}, the time spent waiting for the checks. */
    Snapshot snapshot(long transactionCheckNanos, long waitNanos) {
        return new Snapshot(blocks.sum(), transactions.sum(), transactionCheckNanos, waitNanos,
                inOrderValidationNanos.sum() - waitNanos, applyNanos.sum(), storeCommitNanos.sum(), storeCommits.sum());
    }
}
