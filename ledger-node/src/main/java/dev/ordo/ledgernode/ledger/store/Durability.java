package dev.ordo.ledgernode.ledger.store;

/**
 * What a returned store commit survives. In both settings the block file is fdatasync'ed before
 * the store commit, so the store never references block bytes the device might not hold; a
 * block file longer than the store's index is cut back on open. See docs/ledger.md.
 */
public enum Durability {
    /**
     * The store commit is written to the OS before it returns (survives kill -9, nothing lost)
     * but not fsynced: a power loss can lose the last commits, which the peer re-pulls from the
     * orderers. The default.
     */
    PROCESS_CRASH,
    /** Additionally fsyncs the store after every commit: survives power loss, at about half the throughput. */
    POWER_LOSS
}
