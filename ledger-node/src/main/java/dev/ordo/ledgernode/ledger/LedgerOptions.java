package dev.ordo.ledgernode.ledger;

import dev.ordo.ledgernode.ledger.store.Durability;

/**
 * Settings of a channel ledger.
 *
 * @param durability what a returned commit survives (see {@link Durability})
 * @param maxBlocksPerCommit during a multi-block commit (replay, catch-up), at most this many
 *     blocks share one store commit
 * @param maxTransactionsPerCommit ... and at most about this many transactions
 */
public record LedgerOptions(Durability durability, int maxBlocksPerCommit, int maxTransactionsPerCommit) {
    public LedgerOptions {
        if (durability == null) {
            throw new IllegalArgumentException("durability is required");
        }
        if (maxBlocksPerCommit < 1 || maxTransactionsPerCommit < 1) {
            throw new IllegalArgumentException("commit batch limits must be positive: " + maxBlocksPerCommit + ", "
                    + maxTransactionsPerCommit);
        }
    }

    /** Process-crash durability; up to 100 blocks or 20 000 transactions per store commit on replay. */
    public static LedgerOptions defaults() {
        return new LedgerOptions(Durability.PROCESS_CRASH, 100, 20_000);
    }

    public LedgerOptions withDurability(Durability newDurability) {
        return new LedgerOptions(newDurability, maxBlocksPerCommit, maxTransactionsPerCommit);
    }

    public LedgerOptions withMaxBlocksPerCommit(int blocks) {
        return new LedgerOptions(durability, blocks, maxTransactionsPerCommit);
    }
}
