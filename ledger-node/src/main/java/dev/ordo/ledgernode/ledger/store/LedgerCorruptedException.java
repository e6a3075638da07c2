package dev.ordo.ledgernode.ledger.store;

import java.io.IOException;

/**
 * The files of a channel's ledger disagree in a way recovery cannot repair (e.g. the store
 * references block bytes the block file does not hold). The channel must be rebuilt: delete its
 * directory and pull the chain from the orderers again.
 */
public class LedgerCorruptedException extends IOException {
    private static final long serialVersionUID = 1L;

    public LedgerCorruptedException(String message) {
        super(message);
    }

    public LedgerCorruptedException(String message, Throwable cause) {
        super(message, cause);
    }
}
