package dev.ordo.contracts.state;

import com.google.protobuf.InvalidProtocolBufferException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Map;
import java.util.NavigableMap;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import org.hyperledger.fabric.protos.ledger.rwset.CollectionHashedReadWriteSet;
import org.hyperledger.fabric.protos.ledger.rwset.CollectionPvtReadWriteSet;
import org.hyperledger.fabric.protos.ledger.rwset.NsPvtReadWriteSet;
import org.hyperledger.fabric.protos.ledger.rwset.NsReadWriteSet;
import org.hyperledger.fabric.protos.ledger.rwset.TxPvtReadWriteSet;
import org.hyperledger.fabric.protos.ledger.rwset.TxReadWriteSet;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.HashedRWSet;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVRWSet;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVWrite;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVWriteHash;

/**
 * A complete multi-version state store in memory: public state with history, private state,
 * and snapshots at a height. Used by tests and benchmarks in place of the ledger node's H2
 * store; it applies the writes of Fabric read/write sets exactly as a committer would, but does
 * no validation (MVCC and policies are the committer's job).
 *
 * <p>Every key keeps all its versions, so {@link #snapshot()} is a true snapshot: commits after
 * it stay invisible to it. Commits must come in increasing height order; they are serialised,
 * while snapshots may be read from any number of threads at once.
 */
public final class InMemoryState {

  /** One committed change of a key; {@code value == null} marks a delete. */
  private record Change(Version version, byte[] value, String txId, Instant timestamp) {}

  /** All changes of one key, oldest first; replaced whole on every commit. */
  private static final class Changes {
    private volatile Change[] changes = new Change[0];

    void append(Change change) {
      Change[] next = Arrays.copyOf(changes, changes.length + 1);
      next[changes.length] = change;
      changes = next;
    }

    void purge(Change delete) {
      changes = new Change[] {delete};
    }

    Change visibleAt(Version height) {
      if (height == null) {
        return null;
      }
      Change[] all = changes;
      for (int i = all.length - 1; i >= 0; i--) {
        if (all[i].version().compareTo(height) <= 0) {
          return all[i];
        }
      }
      return null;
    }

    Change[] all() {
      return changes;
    }
  }

  private final Map<String, NavigableMap<String, Changes>> publicState = new ConcurrentHashMap<>();
  private final Map<String, NavigableMap<String, Changes>> privateState =
      new ConcurrentHashMap<>();
  /** Height of the last commit; {@code null} before the first. */
  private volatile Version height;

  /** The height of the last committed transaction, or {@code null} before any commit. */
  public Version height() {
    return height;
  }

  /** A reader of the state as committed now; later commits do not show through it. */
  public StateReader snapshot() {
    return new Snapshot(height);
  }

  /**
   * Applies one valid transaction's writes at height {@code version}: the public writes of
   * {@code readWriteSet}, and the private writes of {@code privateWrites} (may be {@code null}),
   * including purges announced in the hashed write sets.
   *
   * @throws IllegalArgumentException if the height does not follow the last commit or a write
   *     set cannot be parsed
   */
  public synchronized void commit(Version version, String txId, Instant timestamp,
      TxReadWriteSet readWriteSet, TxPvtReadWriteSet privateWrites) {
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(txId, "txId");
    Objects.requireNonNull(timestamp, "timestamp");
    Objects.requireNonNull(readWriteSet, "readWriteSet");
    if (height != null && version.compareTo(height) <= 0) {
      throw new IllegalArgumentException("commit at " + version + " does not follow " + height);
    }
    try {
      for (NsReadWriteSet ns : readWriteSet.getNsRwsetList()) {
        KVRWSet kv = KVRWSet.parseFrom(ns.getRwset());
        for (KVWrite write : kv.getWritesList()) {
          apply(publicState, ns.getNamespace(), write, version, txId, timestamp, false);
        }
      }
      if (privateWrites != null) {
        for (NsPvtReadWriteSet ns : privateWrites.getNsPvtRwsetList()) {
          for (CollectionPvtReadWriteSet coll : ns.getCollectionPvtRwsetList()) {
            HashedRWSet hashed = hashedSetOf(readWriteSet, ns.getNamespace(),
                coll.getCollectionName());
            KVRWSet kv = KVRWSet.parseFrom(coll.getRwset());
            for (KVWrite write : kv.getWritesList()) {
              apply(privateState, privateNamespace(ns.getNamespace(), coll.getCollectionName()),
                  write, version, txId, timestamp, isPurge(hashed, write.getKey()));
            }
          }
        }
      }
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalArgumentException("transaction " + txId + " has a malformed write set: "
          + e.getMessage(), e);
    }
    height = version;
  }

  private static void apply(Map<String, NavigableMap<String, Changes>> state, String namespace,
      KVWrite write, Version version, String txId, Instant timestamp, boolean purge) {
    boolean delete = write.getIsDelete() || write.getValue().isEmpty();
    Change change = new Change(version, delete ? null : write.getValue().toByteArray(), txId,
        timestamp);
    Changes changes = state
        .computeIfAbsent(namespace, n -> new ConcurrentSkipListMap<>(KeyOrder.INSTANCE))
        .computeIfAbsent(write.getKey(), k -> new Changes());
    if (purge) {
      changes.purge(change);
    } else {
      changes.append(change);
    }
  }

  private static HashedRWSet hashedSetOf(TxReadWriteSet rwset, String namespace,
      String collection) throws InvalidProtocolBufferException {
    for (NsReadWriteSet ns : rwset.getNsRwsetList()) {
      if (ns.getNamespace().equals(namespace)) {
        for (CollectionHashedReadWriteSet coll : ns.getCollectionHashedRwsetList()) {
          if (coll.getCollectionName().equals(collection)) {
            return HashedRWSet.parseFrom(coll.getHashedRwset());
          }
        }
      }
    }
    return HashedRWSet.getDefaultInstance();
  }

  private static boolean isPurge(HashedRWSet hashed, String key) {
    byte[] keyHash = sha256(key.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    for (KVWriteHash write : hashed.getHashedWritesList()) {
      if (write.getIsPurge() && Arrays.equals(write.getKeyHash().toByteArray(), keyHash)) {
        return true;
      }
    }
    return false;
  }

  private static String privateNamespace(String namespace, String collection) {
    // U+0000 cannot appear in a contract or collection name, so the pair stays unambiguous.
    return namespace + '\u0000' + collection;
  }

  static byte[] sha256(byte[] data) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(data);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK lacks SHA-256", e);
    }
  }

  /** The state at one height. */
  private final class Snapshot implements StateReader {
    private final Version at;

    Snapshot(Version at) {
      this.at = at;
    }

    @Override
    public VersionedValue get(String namespace, String key) {
      return read(publicState, namespace, key);
    }

    @Override
    public StateIterator<VersionedKeyValue> range(String namespace, String startKey,
        String endKey) {
      return scan(publicState, namespace, startKey, endKey);
    }

    @Override
    public StateIterator<HistoryEntry> history(String namespace, String key) {
      NavigableMap<String, Changes> keys = publicState.get(namespace);
      Changes changes = keys == null ? null : keys.get(key);
      Change[] all = changes == null ? new Change[0] : changes.all();
      return new StateIterator<>() {
        private int next = latestVisibleIndex(all);

        @Override
        public boolean hasNext() {
          return next >= 0;
        }

        @Override
        public HistoryEntry next() {
          if (next < 0) {
            throw new NoSuchElementException("no more history for " + key);
          }
          Change c = all[next--];
          return new HistoryEntry(c.txId(), c.timestamp(),
              c.value() == null ? new byte[0] : c.value(), c.value() == null, c.version());
        }

        @Override
        public void close() {
          next = -1;
        }
      };
    }

    @Override
    public VersionedValue getPrivate(String namespace, String collection, String key) {
      return read(privateState, privateNamespace(namespace, collection), key);
    }

    @Override
    public VersionedValue getPrivateHash(String namespace, String collection, String key) {
      VersionedValue value = getPrivate(namespace, collection, key);
      return value == null ? null : new VersionedValue(sha256(value.value()), value.version());
    }

    @Override
    public StateIterator<VersionedKeyValue> privateRange(String namespace, String collection,
        String startKey, String endKey) {
      return scan(privateState, privateNamespace(namespace, collection), startKey, endKey);
    }

    private int latestVisibleIndex(Change[] all) {
      int i = at == null ? -1 : all.length - 1;
      while (i >= 0 && all[i].version().compareTo(at) > 0) {
        i--;
      }
      return i;
    }

    private VersionedValue read(Map<String, NavigableMap<String, Changes>> state,
        String namespace, String key) {
      NavigableMap<String, Changes> keys = state.get(namespace);
      Changes changes = keys == null ? null : keys.get(key);
      Change c = changes == null ? null : changes.visibleAt(at);
      return c == null || c.value() == null ? null : new VersionedValue(c.value(), c.version());
    }

    private StateIterator<VersionedKeyValue> scan(
        Map<String, NavigableMap<String, Changes>> state, String namespace, String startKey,
        String endKey) {
      NavigableMap<String, Changes> keys = state.get(namespace);
      if (keys == null || (!endKey.isEmpty() && KeyOrder.INSTANCE.compare(startKey, endKey) >= 0)) {
        return emptyIterator();
      }
      Iterator<Map.Entry<String, Changes>> entries = (endKey.isEmpty()
          ? keys.tailMap(startKey, true)
          : keys.subMap(startKey, true, endKey, false)).entrySet().iterator();
      return new StateIterator<>() {
        private VersionedKeyValue next;
        private boolean closed;

        @Override
        public boolean hasNext() {
          while (next == null && !closed && entries.hasNext()) {
            Map.Entry<String, Changes> e = entries.next();
            Change c = e.getValue().visibleAt(at);
            if (c != null && c.value() != null) {
              next = new VersionedKeyValue(e.getKey(), c.value(), c.version());
            }
          }
          return next != null;
        }

        @Override
        public VersionedKeyValue next() {
          if (!hasNext()) {
            throw new NoSuchElementException("the range has no more keys");
          }
          VersionedKeyValue result = next;
          next = null;
          return result;
        }

        @Override
        public void close() {
          closed = true;
          next = null;
        }
      };
    }
  }

  private static <T> StateIterator<T> emptyIterator() {
    return new StateIterator<>() {
      @Override
      public boolean hasNext() {
        return false;
      }

      @Override
      public T next() {
        throw new NoSuchElementException("empty range");
      }

      @Override
      public void close() {}
    };
  }
}
