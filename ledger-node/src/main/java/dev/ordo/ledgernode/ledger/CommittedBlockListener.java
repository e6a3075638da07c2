package dev.ordo.ledgernode.ledger;

import dev.ordo.ledgernode.validate.ValidatedBlock;

/**
 * Told about every block once it is durably committed, in block order, on the committer's
 * thread: keep it short (hand off to another thread for anything slow). What it throws is
 * logged and otherwise ignored.
 */
@FunctionalInterface
public interface CommittedBlockListener {
    void committed(String channelId, ValidatedBlock block);
}
