package dev.ordo.contracts.simulation;

import com.google.protobuf.ByteString;
import dev.ordo.contracts.api.ContractResult;
import dev.ordo.contracts.api.KeyHistoryEntry;
import dev.ordo.contracts.api.KeyValueCursor;
import dev.ordo.contracts.api.KeyValuePage;
import dev.ordo.contracts.api.LedgerAccess;
import dev.ordo.contracts.state.HistoryEntry;
import dev.ordo.contracts.state.KeyOrder;
import dev.ordo.contracts.state.StateIterator;
import dev.ordo.contracts.state.StateReader;
import dev.ordo.contracts.state.VersionedKeyValue;
import dev.ordo.contracts.state.VersionedValue;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.hyperledger.fabric.protos.ledger.rwset.NsPvtReadWriteSet;
import org.hyperledger.fabric.protos.ledger.rwset.NsReadWriteSet;
import org.hyperledger.fabric.protos.ledger.rwset.TxPvtReadWriteSet;
import org.hyperledger.fabric.protos.ledger.rwset.TxReadWriteSet;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVRWSet;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVRead;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVWrite;
import org.hyperledger.fabric.protos.peer.ChaincodeEvent;
import org.hyperledger.fabric.protos.peer.Response;

/**
 * Simulates one transaction of one contract (namespace) over a {@link StateReader} and records
 * its read/write set the way Fabric's transaction simulator does:
 *
 * <ul>
 *   <li>reads see committed state only, never the transaction's own writes;
 *   <li>every point read is recorded with the version read (no version if absent);
 *   <li>range queries are recorded in call order with the keys consumed (see {@link
 *       RangeQueryRecord}); their keys are not added to the point reads;
 *   <li>an empty value written is a delete; the last write of a key wins;
 *   <li>paginated and private-range queries are allowed only in a transaction that writes
 *       nothing, and a transaction that made one may not write afterwards.
 * </ul>
 *
 * <p>A simulation is used by one contract call. Its methods are synchronised so that a call
 * that outlives its time limit cannot record anything once {@link #finish} has run.
 */
public final class TransactionSimulation implements LedgerAccess {

  private final String namespace;
  private final String txId;
  private final StateReader state;
  private final Map<String, KVRead> reads = new TreeMap<>(KeyOrder.INSTANCE);
  private final Map<String, KVWrite> writes = new TreeMap<>(KeyOrder.INSTANCE);
  private final List<RangeQueryRecord> ranges = new ArrayList<>();
  private final Map<String, CollectionRecord> collections = new TreeMap<>(KeyOrder.INSTANCE);
  private final List<StateIterator<?>> openIterators = new ArrayList<>();
  private ChaincodeEvent event;
  private boolean wrote;
  private String readOnlyQuery;
  private boolean finished;

  /**
   * Starts a simulation.
   *
   * @param namespace the invoked contract's name
   * @param txId the transaction id, for the event and error messages
   * @param state committed state at one height
   */
  public TransactionSimulation(String namespace, String txId, StateReader state) {
    this.namespace = namespace;
    this.txId = txId;
    this.state = state;
  }

  // ---- public state ----

  @Override
  public synchronized byte[] getState(String key) {
    requireOpen();
    VersionedValue value = state.get(namespace, key);
    KVRead.Builder read = KVRead.newBuilder().setKey(key);
    if (value != null) {
      read.setVersion(value.version().toProto());
    }
    reads.put(key, read.build());
    return value == null ? null : value.value();
  }

  @Override
  public synchronized void putState(String key, byte[] value) {
    requireUtf8(key);
    beforeWrite();
    writes.put(key, value.length == 0
        ? KVWrite.newBuilder().setKey(key).setIsDelete(true).build()
        : KVWrite.newBuilder().setKey(key).setValue(ByteString.copyFrom(value)).build());
  }

  @Override
  public synchronized void deleteState(String key) {
    beforeWrite();
    writes.put(key, KVWrite.newBuilder().setKey(key).setIsDelete(true).build());
  }

  @Override
  public synchronized KeyValueCursor rangeScan(String startKey, String endKey) {
    requireOpen();
    RangeQueryRecord record = new RangeQueryRecord(startKey, endKey);
    ranges.add(record);
    return cursor(state.range(namespace, startKey, endKey), record);
  }

  @Override
  public synchronized KeyValuePage rangePage(String startKey, String endKey, int pageSize,
      String bookmark) {
    requireOpen();
    if (wrote) {
      throw new IllegalStateException("transaction " + txId + ": paginated queries are supported "
          + "only in a read-only transaction, and this one has written");
    }
    readOnlyQuery = "a paginated query";
    String from = bookmark.isEmpty() || KeyOrder.INSTANCE.compare(bookmark, startKey) < 0
        ? startKey : bookmark;
    List<Map.Entry<String, byte[]>> entries = new ArrayList<>();
    String next = "";
    try (StateIterator<VersionedKeyValue> it = state.range(namespace, from, endKey)) {
      while (it.hasNext()) {
        VersionedKeyValue kv = it.next();
        if (entries.size() == pageSize) {
          next = kv.key();
          break;
        }
        entries.add(new AbstractMap.SimpleImmutableEntry<>(kv.key(), kv.value()));
      }
    }
    return new KeyValuePage(entries, next);
  }

  @Override
  public synchronized Iterator<KeyHistoryEntry> history(String key) {
    requireOpen();
    List<KeyHistoryEntry> entries = new ArrayList<>();
    try (StateIterator<HistoryEntry> it = state.history(namespace, key)) {
      while (it.hasNext()) {
        HistoryEntry h = it.next();
        entries.add(new KeyHistoryEntry(h.txId(), h.timestamp(), h.value(), h.deleted()));
      }
    }
    return entries.iterator();
  }

  // ---- private data ----

  @Override
  public synchronized byte[] getPrivateData(String collection, String key) {
    requireOpen();
    VersionedValue value = state.getPrivate(namespace, collection, key);
    collection(collection).read(key, value == null ? null : value.version());
    return value == null ? null : value.value();
  }

  @Override
  public synchronized byte[] getPrivateDataHash(String collection, String key) {
    requireOpen();
    VersionedValue hash = state.getPrivateHash(namespace, collection, key);
    collection(collection).read(key, hash == null ? null : hash.version());
    return hash == null ? null : hash.value();
  }

  @Override
  public synchronized void putPrivateData(String collection, String key, byte[] value) {
    requireUtf8(key);
    beforeWrite();
    collection(collection).write(key, value);
  }

  @Override
  public synchronized void deletePrivateData(String collection, String key) {
    beforeWrite();
    collection(collection).delete(key, false);
  }

  @Override
  public synchronized void purgePrivateData(String collection, String key) {
    beforeWrite();
    collection(collection).delete(key, true);
  }

  @Override
  public synchronized KeyValueCursor privateRangeScan(String collection, String startKey,
      String endKey) {
    requireOpen();
    if (wrote) {
      throw new IllegalStateException("transaction " + txId + ": queries on private data are "
          + "supported only in a read-only transaction, and this one has written");
    }
    readOnlyQuery = "a query on private data";
    return cursor(state.privateRange(namespace, collection, startKey, endKey), null);
  }

  // ---- event ----

  @Override
  public synchronized void setEvent(String name, byte[] payload) {
    requireOpen();
    event = ChaincodeEvent.newBuilder()
        .setChaincodeId(namespace)
        .setTxId(txId)
        .setEventName(name)
        .setPayload(ByteString.copyFrom(payload))
        .build();
  }

  // ---- result ----

  /**
   * Ends the simulation: later calls from the contract fail, open range iterators are closed,
   * and the recorded sets are returned with the contract's response.
   */
  public synchronized SimulationResult finish(ContractResult result) {
    end();
    Response response = Response.newBuilder()
        .setStatus(result.status())
        .setMessage(result.message())
        .setPayload(ByteString.copyFrom(result.payload()))
        .build();
    return new SimulationResult(response, readWriteSet(), Optional.ofNullable(event),
        privateWriteSet());
  }

  /** Ends the simulation without a contract response (time limit, host failure). */
  public synchronized SimulationResult abort(int status, String message) {
    end();
    Response response = Response.newBuilder().setStatus(status).setMessage(message).build();
    return new SimulationResult(response, TxReadWriteSet.newBuilder()
        .setDataModel(TxReadWriteSet.DataModel.KV).build(), Optional.empty(),
        TxPvtReadWriteSet.newBuilder().setDataModel(TxReadWriteSet.DataModel.KV).build());
  }

  private void end() {
    finished = true;
    for (StateIterator<?> it : openIterators) {
      it.close();
    }
    openIterators.clear();
  }

  private TxReadWriteSet readWriteSet() {
    TxReadWriteSet.Builder tx = TxReadWriteSet.newBuilder()
        .setDataModel(TxReadWriteSet.DataModel.KV);
    if (reads.isEmpty() && writes.isEmpty() && ranges.isEmpty() && collections.isEmpty()) {
      return tx.build();
    }
    KVRWSet.Builder kv = KVRWSet.newBuilder()
        .addAllReads(reads.values())
        .addAllWrites(writes.values());
    for (RangeQueryRecord range : ranges) {
      kv.addRangeQueriesInfo(range.toProto());
    }
    NsReadWriteSet.Builder ns = NsReadWriteSet.newBuilder()
        .setNamespace(namespace)
        .setRwset(kv.build().toByteString());
    for (CollectionRecord coll : collections.values()) {
      ns.addCollectionHashedRwset(coll.hashedReadWriteSet());
    }
    return tx.addNsRwset(ns).build();
  }

  private TxPvtReadWriteSet privateWriteSet() {
    TxPvtReadWriteSet.Builder tx = TxPvtReadWriteSet.newBuilder()
        .setDataModel(TxReadWriteSet.DataModel.KV);
    NsPvtReadWriteSet.Builder ns = NsPvtReadWriteSet.newBuilder().setNamespace(namespace);
    for (CollectionRecord coll : collections.values()) {
      if (coll.hasWrites()) {
        ns.addCollectionPvtRwset(coll.privateWriteSet());
      }
    }
    if (ns.getCollectionPvtRwsetCount() > 0) {
      tx.addNsPvtRwset(ns);
    }
    return tx.build();
  }

  // ---- helpers ----

  private CollectionRecord collection(String name) {
    return collections.computeIfAbsent(name, CollectionRecord::new);
  }

  /** Fabric's state database accepts only keys that are valid UTF-8. */
  private void requireUtf8(String key) {
    for (int i = 0; i < key.length(); i++) {
      char c = key.charAt(i);
      if (Character.isHighSurrogate(c) && i + 1 < key.length()
          && Character.isLowSurrogate(key.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        throw new IllegalArgumentException("transaction " + txId + ": key is not valid UTF-8 "
            + "(unpaired surrogate at index " + i + ")");
      }
    }
  }

  private void requireOpen() {
    if (finished) {
      throw new IllegalStateException("the simulation of transaction " + txId + " has ended");
    }
  }

  private void beforeWrite() {
    requireOpen();
    if (readOnlyQuery != null) {
      throw new IllegalStateException("transaction " + txId + " made " + readOnlyQuery
          + ", which is supported only in a read-only transaction: it may not write");
    }
    wrote = true;
  }

  private KeyValueCursor cursor(StateIterator<VersionedKeyValue> it, RangeQueryRecord record) {
    openIterators.add(it);
    return new KeyValueCursor() {
      private boolean closed;

      @Override
      public Map.Entry<String, byte[]> next() {
        synchronized (TransactionSimulation.this) {
          requireOpen();
          if (closed) {
            throw new IllegalStateException("the range query of transaction " + txId
                + " was closed");
          }
          if (!it.hasNext()) {
            if (record != null) {
              record.exhausted();
            }
            return null;
          }
          VersionedKeyValue kv = it.next();
          if (record != null) {
            record.consumed(kv);
          }
          return new AbstractMap.SimpleImmutableEntry<>(kv.key(), kv.value());
        }
      }

      @Override
      public void close() {
        synchronized (TransactionSimulation.this) {
          closed = true;
          it.close();
          openIterators.remove(it);
        }
      }
    };
  }
}
