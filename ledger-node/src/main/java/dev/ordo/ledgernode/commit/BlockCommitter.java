package dev.ordo.ledgernode.commit;

import dev.ordo.ledgernode.ledger.store.Height;
import dev.ordo.ledgernode.ledger.store.LedgerStore;
import dev.ordo.ledgernode.ledger.store.StoreKeys;
import dev.ordo.ledgernode.ledger.store.TxRecord;
import dev.ordo.ledgernode.ledger.store.Writes;
import dev.ordo.ledgernode.validate.ValidatedBlock;
import dev.ordo.ledgernode.validate.ValidatedTransaction;
import dev.ordo.proto.wire.ReadWriteSetView;
import java.io.IOException;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVWrite;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVWriteHash;

/**
 * Writes one validated block into the store: the block bytes (with their validation codes),
 * every transaction id with its code, and the writes of the valid transactions (world state
 * with versions, key history, private key hashes); for a config block, the new configuration.
 * Nothing is durable until the caller commits the store, which it does once per block or once
 * per run of blocks during replay.
 */
public final class BlockCommitter {

    public void apply(ValidatedBlock block, LedgerStore store) throws IOException {
        long number = block.number();
        store.appendBlock(number, block.block().toByteArray(), block.headerHash());
        for (ValidatedTransaction transaction : block.transactions()) {
            if (transaction.txId() != null && !transaction.txId().isEmpty()) {
                store.indexTransaction(transaction.txId(), new TxRecord(number, transaction.index(), transaction.code()));
            }
            if (transaction.isValid() && transaction.envelope() != null && transaction.envelope().isEndorserTransaction()) {
                applyWrites(transaction.envelope().transaction().readWriteSet(), new Height(number, transaction.index()),
                        store);
            }
        }
        if (block.isConfigBlock()) {
            store.setConfig(block.newRules().config(), number);
        }
    }

    private static void applyWrites(ReadWriteSetView rwSet, Height height, LedgerStore store) {
        for (ReadWriteSetView.Namespace namespace : rwSet.namespaces()) {
            String ns = namespace.namespace();
            for (KVWrite write : namespace.rwSet().getWritesList()) {
                byte[] key = StoreKeys.state(ns, write.getKey());
                if (Writes.isDelete(write)) {
                    store.deleteState(key, height);
                } else {
                    store.putState(key, write.getValue().toByteArray(), height);
                }
            }
            for (ReadWriteSetView.CollectionHashes collection : namespace.collections()) {
                for (KVWriteHash write : collection.hashedRwSet().getHashedWritesList()) {
                    byte[] key = StoreKeys.privateHash(ns, collection.collection(), write.getKeyHash().toByteArray());
                    if (Writes.isDelete(write)) {
                        store.deletePrivateHash(key);
                    } else {
                        store.putPrivateHash(key, write.getValueHash().toByteArray(), height);
                    }
                }
            }
        }
    }
}
