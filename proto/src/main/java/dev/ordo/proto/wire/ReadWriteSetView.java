package dev.ordo.proto.wire;


import static dev.ordo.proto.wire.Decoding.require;

import com.google.protobuf.ByteString;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.hyperledger.fabric.protos.ledger.rwset.CollectionHashedReadWriteSet;
import org.hyperledger.fabric.protos.ledger.rwset.NsReadWriteSet;
import org.hyperledger.fabric.protos.ledger.rwset.TxReadWriteSet;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.HashedRWSet;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVRWSet;
import org.hyperledger.fabric.protos.peer.TxValidationCode;

/**
 * A parsed {@code TxReadWriteSet} (the {@code ChaincodeAction.results} bytes): per namespace the
 * public {@code KVRWSet} and, per private collection, the {@code HashedRWSet} and the hash of
 * the private write set that travels through the private-tx-manager.
 */
public final class ReadWriteSetView {
    /** The read/write set of one namespace (contract). */
    public record Namespace(String namespace, KVRWSet rwSet, List<CollectionHashes> collections) {
        public Namespace {
            collections = List.copyOf(collections);
        }

        public Optional<CollectionHashes> collection(String name) {
            return collections.stream().filter(c -> c.collection().equals(name)).findFirst();
        }
    }

    /** The hashed read/write set of one private data collection. */
    public record CollectionHashes(String collection, HashedRWSet hashedRwSet, ByteString privateRwSetHash) {
    }

    private final TxReadWriteSet txReadWriteSet;
    private final List<Namespace> namespaces;

    private ReadWriteSetView(TxReadWriteSet txReadWriteSet, List<Namespace> namespaces) {
        this.txReadWriteSet = txReadWriteSet;
        this.namespaces = List.copyOf(namespaces);
    }

    /** Parses the marshalled {@code TxReadWriteSet}; empty bytes are an empty read/write set. */
    public static ReadWriteSetView parse(ByteString results) throws WireFormatException {
        TxReadWriteSet set = Decoding.parse(TxReadWriteSet.parser(), results, "ChaincodeAction.results", "TxReadWriteSet",
                TxValidationCode.BAD_RWSET);
        require(set.getDataModel() == TxReadWriteSet.DataModel.KV, TxValidationCode.BAD_RWSET,
                "TxReadWriteSet.data_model: only KV is supported, was " + set.getDataModelValue());
        List<Namespace> namespaces = new ArrayList<>(set.getNsRwsetCount());
        for (NsReadWriteSet ns : set.getNsRwsetList()) {
            String where = "NsReadWriteSet[" + ns.getNamespace() + "]";
            require(!ns.getNamespace().isEmpty(), TxValidationCode.BAD_RWSET, "NsReadWriteSet.namespace: missing");
            KVRWSet kv = Decoding.parse(KVRWSet.parser(), ns.getRwset(), where + ".rwset", "KVRWSet", TxValidationCode.BAD_RWSET);
            List<CollectionHashes> collections = new ArrayList<>(ns.getCollectionHashedRwsetCount());
            for (CollectionHashedReadWriteSet coll : ns.getCollectionHashedRwsetList()) {
                require(!coll.getCollectionName().isEmpty(), TxValidationCode.BAD_RWSET,
                        where + ".collection_hashed_rwset.collection_name: missing");
                HashedRWSet hashed = Decoding.parse(HashedRWSet.parser(), coll.getHashedRwset(),
                        where + ".collection_hashed_rwset[" + coll.getCollectionName() + "].hashed_rwset",
                        "HashedRWSet", TxValidationCode.BAD_RWSET);
                collections.add(new CollectionHashes(coll.getCollectionName(), hashed, coll.getPvtRwsetHash()));
            }
            namespaces.add(new Namespace(ns.getNamespace(), kv, collections));
        }
        return new ReadWriteSetView(set, namespaces);
    }

    public TxReadWriteSet txReadWriteSet() {
        return txReadWriteSet;
    }

    public List<Namespace> namespaces() {
        return namespaces;
    }

    public Optional<Namespace> namespace(String name) {
        return namespaces.stream().filter(n -> n.namespace().equals(name)).findFirst();
    }

    /** Namespaces with at least one public write, metadata write or private (hashed) write. */
    public List<String> writtenNamespaces() {
        List<String> written = new ArrayList<>();
        for (Namespace ns : namespaces) {
            boolean writes = ns.rwSet().getWritesCount() > 0 || ns.rwSet().getMetadataWritesCount() > 0
                    || ns.collections().stream().anyMatch(c -> c.hashedRwSet().getHashedWritesCount() > 0
                            || c.hashedRwSet().getMetadataWritesCount() > 0);
            if (writes) {
                written.add(ns.namespace());
            }
        }
        return written;
    }
}
