package dev.ordo.ledgernode.ledger;

import dev.ordo.contracts.state.HistoryEntry;
import dev.ordo.contracts.state.StateIterator;
import dev.ordo.contracts.state.StateReader;
import dev.ordo.contracts.state.Version;
import dev.ordo.contracts.state.VersionedKeyValue;
import dev.ordo.contracts.state.VersionedValue;
import dev.ordo.ledgernode.ledger.store.Height;
import dev.ordo.ledgernode.ledger.store.LedgerStore;
import dev.ordo.ledgernode.ledger.store.StateEntry;
import dev.ordo.ledgernode.ledger.store.VersionedBytes;
import dev.ordo.proto.wire.Sha256;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.concurrent.locks.StampedLock;

/**
 * Committed state of one channel at one height, for a transaction simulation: while a snapshot
 * is open the committer waits before applying the next block (as Fabric holds commits while
 * simulating), so every read sees the same height. Close it when the simulation ends; until
 * then commits of this channel are held back. May be used and closed from any thread. Do not
 * open a second snapshot of the same channel while holding one: once the committer waits for
 * the first to close, the second waits behind the committer.
 *
 * <p>Private values are not available yet: they arrive with the private-tx-manager, and
 * {@link #getPrivate} and {@link #privateRange} say so. Private value hashes are.
 */
public final class StateSnapshot implements StateReader, AutoCloseable {
    static final String NO_PRIVATE_DATA = "private data store not yet available";

    private final LedgerStore store;
    private final HistoryResolver history;
    private final StampedLock lock;
    private final long stamp;
    private final long height;
    private boolean closed;

    StateSnapshot(LedgerStore store, StampedLock lock) {
        this.store = store;
        this.history = new HistoryResolver(store);
        this.lock = lock;
        this.stamp = lock.readLock();
        this.height = store.height();
    }

    /** The number of blocks whose writes this snapshot sees. */
    public long height() {
        return height;
    }

    @Override
    public VersionedValue get(String namespace, String key) {
        checkOpen();
        VersionedBytes value = store.state(namespace, key);
        return value == null ? null : new VersionedValue(value.value(), version(value.height()));
    }

    @Override
    public StateIterator<VersionedKeyValue> range(String namespace, String startKey, String endKey) {
        checkOpen();
        Iterator<StateEntry> entries = store.range(namespace, startKey, endKey);
        return iterator(entries, entry -> {
            VersionedBytes value = entry.value();
            return new VersionedKeyValue(entry.key(), value.value(), version(value.height()));
        });
    }

    @Override
    public StateIterator<HistoryEntry> history(String namespace, String key) {
        checkOpen();
        Iterator<Height> heights = store.history(namespace, key);
        return iterator(heights, height -> history.resolve(namespace, key, height));
    }

    @Override
    public VersionedValue getPrivate(String namespace, String collection, String key) {
        throw new IllegalStateException(NO_PRIVATE_DATA + ": cannot read " + namespace + "/" + collection + "/" + key);
    }

    @Override
    public VersionedValue getPrivateHash(String namespace, String collection, String key) {
        checkOpen();
        VersionedBytes value = store.privateHash(namespace, collection, Sha256.digest(key.getBytes(StandardCharsets.UTF_8)));
        return value == null ? null : new VersionedValue(value.value(), version(value.height()));
    }

    @Override
    public StateIterator<VersionedKeyValue> privateRange(String namespace, String collection, String startKey,
            String endKey) {
        throw new IllegalStateException(NO_PRIVATE_DATA + ": cannot scan " + namespace + "/" + collection);
    }

    /** Releases the snapshot; commits may proceed. Idempotent. */
    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            lock.unlockRead(stamp);
        }
    }

    private synchronized void checkOpen() {
        if (closed) {
            throw new IllegalStateException("state snapshot at height " + height + " is closed");
        }
    }

    private static Version version(Height height) {
        return new Version(height.blockNum(), height.txNum());
    }

    private <S, T> StateIterator<T> iterator(Iterator<S> source, java.util.function.Function<S, T> convert) {
        return new StateIterator<>() {
            @Override
            public boolean hasNext() {
                checkOpen();
                return source.hasNext();
            }

            @Override
            public T next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return convert.apply(source.next());
            }

            @Override
            public void close() {
                // Iteration holds nothing beyond the snapshot itself.
            }
        };
    }
}
