package dev.ordo.ledgernode.ledger.store;

import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVWrite;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVWriteHash;

/** How the ledger reads a write of a read/write set. */
public final class Writes {
    private Writes() {
    }

    /** A write removes the key when marked as delete or when it carries no value (Fabric's rule). */
    public static boolean isDelete(KVWrite write) {
        return write.getIsDelete() || write.getValue().isEmpty();
    }

    /** A hashed private write removes the key hash when marked delete or purge. */
    public static boolean isDelete(KVWriteHash write) {
        return write.getIsDelete() || write.getIsPurge();
    }
}
