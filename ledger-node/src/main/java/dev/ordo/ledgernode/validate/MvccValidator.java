package dev.ordo.ledgernode.validate;

import dev.ordo.ledgernode.ledger.store.Height;
import dev.ordo.ledgernode.ledger.store.LedgerStore;
import dev.ordo.ledgernode.ledger.store.StateEntry;
import dev.ordo.ledgernode.ledger.store.StoreKeys;
import dev.ordo.ledgernode.ledger.store.Writes;
import dev.ordo.proto.wire.ReadWriteSetView;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVRead;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVReadHash;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVWrite;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVWriteHash;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.RangeQueryInfo;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.Version;
import org.hyperledger.fabric.protos.peer.TxValidationCode;

/**
 * Fabric's MVCC validation of one block, transaction by transaction in block order, over
 * committed state plus the writes of the block's earlier valid transactions:
 * <ul>
 *   <li>a read fails if an earlier valid transaction of the block wrote the key; otherwise its
 *       version must equal the committed version (absent = no version, which matches only an
 *       absent key) — MVCC_READ_CONFLICT;</li>
 *   <li>each recorded range is re-run over committed state merged with the block's earlier
 *       writes and compared with its raw reads, key by key and version by version; a range the
 *       contract read to the end must also have no further keys — PHANTOM_READ_CONFLICT;</li>
 *   <li>hashed private reads likewise, on key hashes — MVCC_READ_CONFLICT.</li>
 * </ul>
 * A transaction found valid adds its writes to the block's updates.
 */
final class MvccValidator {
    private final LedgerStore store;
    private final BlockUpdates updates = new BlockUpdates();

    MvccValidator(LedgerStore store) {
        this.store = store;
    }

    /** VALID, MVCC_READ_CONFLICT or PHANTOM_READ_CONFLICT for the transaction at {@code height}. */
    TxValidationCode validateAndRecord(ReadWriteSetView rwSet, Height height) {
        TxValidationCode code = validate(rwSet);
        if (code == TxValidationCode.VALID) {
            record(rwSet, height);
        }
        return code;
    }

    private TxValidationCode validate(ReadWriteSetView rwSet) {
        for (ReadWriteSetView.Namespace namespace : rwSet.namespaces()) {
            String ns = namespace.namespace();
            for (KVRead read : namespace.rwSet().getReadsList()) {
                byte[] key = StoreKeys.state(ns, read.getKey());
                if (updates.wrotePublic(key)
                        || !versionMatches(store.stateHeight(key), read.hasVersion() ? read.getVersion() : null)) {
                    return TxValidationCode.MVCC_READ_CONFLICT;
                }
            }
            for (RangeQueryInfo range : namespace.rwSet().getRangeQueriesInfoList()) {
                if (!rangeUnchanged(ns, range)) {
                    return TxValidationCode.PHANTOM_READ_CONFLICT;
                }
            }
            for (ReadWriteSetView.CollectionHashes collection : namespace.collections()) {
                for (KVReadHash read : collection.hashedRwSet().getHashedReadsList()) {
                    byte[] key = StoreKeys.privateHash(ns, collection.collection(), read.getKeyHash().toByteArray());
                    if (updates.wrotePrivate(key)
                            || !versionMatches(store.privateHashHeight(key), read.hasVersion() ? read.getVersion() : null)) {
                        return TxValidationCode.MVCC_READ_CONFLICT;
                    }
                }
            }
        }
        return TxValidationCode.VALID;
    }

    private static boolean versionMatches(Height committed, Version read) {
        if (read == null) {
            return committed == null;
        }
        return committed != null && committed.matches(read);
    }

    /**
     * Re-runs a range over committed state merged with this block's earlier writes. Ordo's
     * endorsers record raw reads; a Merkle summary cannot be checked key by key and is treated
     * as a phantom (Fabric only summarises ranges of thousands of keys).
     */
    private boolean rangeUnchanged(String ns, RangeQueryInfo range) {
        if (range.hasReadsMerkleHashes()) {
            return false;
        }
        List<KVRead> rawReads = range.getRawReads().getKvReadsList();
        byte[] from = StoreKeys.state(ns, range.getStartKey());
        byte[] to = rangeEnd(ns, range.getEndKey());
        Iterator<Map.Entry<byte[], Height>> current = merged(store.range(ns, range.getStartKey(), range.getEndKey()),
                updates.publicRange(from, to));
        for (KVRead read : rawReads) {
            if (!current.hasNext()) {
                return false;
            }
            Map.Entry<byte[], Height> entry = current.next();
            if (!Arrays.equals(entry.getKey(), StoreKeys.state(ns, read.getKey()))
                    || !read.hasVersion() || !entry.getValue().matches(read.getVersion())) {
                return false;
            }
        }
        return !range.getItrExhausted() || !current.hasNext();
    }

    private static byte[] rangeEnd(String ns, String endKey) {
        if (!endKey.isEmpty()) {
            return StoreKeys.state(ns, endKey);
        }
        byte[] prefix = StoreKeys.state(ns, "");
        prefix[prefix.length - 1] = 1;
        return prefix;
    }

    /** Committed entries overlaid with the block's updates (deletes hide keys), in key order. */
    private static Iterator<Map.Entry<byte[], Height>> merged(Iterator<StateEntry> committed,
            NavigableMap<byte[], BlockUpdates.Update> updated) {
        Iterator<Map.Entry<byte[], BlockUpdates.Update>> overlay = updated.entrySet().iterator();
        return new Iterator<>() {
            private StateEntry nextCommitted = committed.hasNext() ? committed.next() : null;
            private Map.Entry<byte[], BlockUpdates.Update> nextUpdate = overlay.hasNext() ? overlay.next() : null;
            private Map.Entry<byte[], Height> next = advance();

            private Map.Entry<byte[], Height> advance() {
                while (nextCommitted != null || nextUpdate != null) {
                    int order = nextCommitted == null ? 1 : nextUpdate == null ? -1
                            : Arrays.compareUnsigned(nextCommitted.stateKey(), nextUpdate.getKey());
                    if (order < 0) {
                        StateEntry entry = nextCommitted;
                        nextCommitted = committed.hasNext() ? committed.next() : null;
                        return Map.entry(entry.stateKey(), entry.height());
                    }
                    Map.Entry<byte[], BlockUpdates.Update> update = nextUpdate;
                    nextUpdate = overlay.hasNext() ? overlay.next() : null;
                    if (order == 0) {
                        nextCommitted = committed.hasNext() ? committed.next() : null;
                    }
                    if (!update.getValue().deleted()) {
                        return Map.entry(update.getKey(), update.getValue().height());
                    }
                }
                return null;
            }

            @Override
            public boolean hasNext() {
                return next != null;
            }

            @Override
            public Map.Entry<byte[], Height> next() {
                if (next == null) {
                    throw new java.util.NoSuchElementException();
                }
                Map.Entry<byte[], Height> current = next;
                next = advance();
                return current;
            }
        };
    }

    private void record(ReadWriteSetView rwSet, Height height) {
        for (ReadWriteSetView.Namespace namespace : rwSet.namespaces()) {
            for (KVWrite write : namespace.rwSet().getWritesList()) {
                updates.writePublic(StoreKeys.state(namespace.namespace(), write.getKey()), height, Writes.isDelete(write));
            }
            for (ReadWriteSetView.CollectionHashes collection : namespace.collections()) {
                for (KVWriteHash write : collection.hashedRwSet().getHashedWritesList()) {
                    updates.writePrivate(StoreKeys.privateHash(namespace.namespace(), collection.collection(),
                            write.getKeyHash().toByteArray()), height, Writes.isDelete(write));
                }
            }
        }
    }
}
