package dev.ordo.contracts.simulation;

import com.google.protobuf.ByteString;
import dev.ordo.contracts.state.KeyOrder;
import dev.ordo.contracts.state.Version;
import dev.ordo.proto.wire.Sha256;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import org.hyperledger.fabric.protos.ledger.rwset.CollectionHashedReadWriteSet;
import org.hyperledger.fabric.protos.ledger.rwset.CollectionPvtReadWriteSet;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.HashedRWSet;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVRWSet;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVReadHash;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVWrite;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVWriteHash;

/**
 * The private-data reads and writes of one collection. As in Fabric, reads are recorded only
 * as hashes (key hash and version); writes go both into the private write set (plaintext, kept
 * off the ledger) and, hashed, into the public read/write set. Entries are sorted by the plain
 * key, as Fabric's builder sorts them.
 */
final class CollectionRecord {

  private final String collection;
  private final Map<String, KVReadHash> reads = new TreeMap<>(KeyOrder.INSTANCE);
  private final Map<String, KVWrite> writes = new TreeMap<>(KeyOrder.INSTANCE);
  private final Map<String, KVWriteHash> hashedWrites = new TreeMap<>(KeyOrder.INSTANCE);

  CollectionRecord(String collection) {
    this.collection = collection;
  }

  void read(String key, Version version) {
    KVReadHash.Builder read = KVReadHash.newBuilder().setKeyHash(keyHash(key));
    if (version != null) {
      read.setVersion(version.toProto());
    }
    reads.put(key, read.build());
  }

  void write(String key, byte[] value) {
    if (value.length == 0) {
      delete(key, false);
      return;
    }
    writes.put(key, KVWrite.newBuilder().setKey(key).setValue(ByteString.copyFrom(value)).build());
    hashedWrites.put(key, KVWriteHash.newBuilder()
        .setKeyHash(keyHash(key))
        .setValueHash(ByteString.copyFrom(Sha256.digest(value)))
        .build());
  }

  void delete(String key, boolean purge) {
    writes.put(key, KVWrite.newBuilder().setKey(key).setIsDelete(true).build());
    hashedWrites.put(key, KVWriteHash.newBuilder()
        .setKeyHash(keyHash(key))
        .setIsDelete(true)
        .setIsPurge(purge)
        .build());
  }

  boolean hasWrites() {
    return !writes.isEmpty();
  }

  String collection() {
    return collection;
  }

  /** The private write set of this collection; only meaningful if {@link #hasWrites()}. */
  CollectionPvtReadWriteSet privateWriteSet() {
    return CollectionPvtReadWriteSet.newBuilder()
        .setCollectionName(collection)
        .setRwset(privateKvSet().toByteString())
        .build();
  }

  /** The hashed read/write set that goes on the ledger, with the private set's hash. */
  CollectionHashedReadWriteSet hashedReadWriteSet() {
    HashedRWSet hashed = HashedRWSet.newBuilder()
        .addAllHashedReads(reads.values())
        .addAllHashedWrites(hashedWrites.values())
        .build();
    CollectionHashedReadWriteSet.Builder set = CollectionHashedReadWriteSet.newBuilder()
        .setCollectionName(collection)
        .setHashedRwset(hashed.toByteString());
    if (hasWrites()) {
      set.setPvtRwsetHash(ByteString.copyFrom(Sha256.digest(privateKvSet().toByteString())));
    }
    return set.build();
  }

  private KVRWSet privateKvSet() {
    return KVRWSet.newBuilder().addAllWrites(writes.values()).build();
  }

  private static ByteString keyHash(String key) {
    return ByteString.copyFrom(Sha256.digest(key.getBytes(StandardCharsets.UTF_8)));
  }
}
