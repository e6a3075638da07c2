package dev.ordo.ledgernode.channel;

import dev.ordo.ledgernode.ledger.ChannelLedger;
import dev.ordo.ledgernode.ledger.CommittedBlockListener;
import dev.ordo.ledgernode.ledger.store.TxRecord;
import dev.ordo.ledgernode.validate.ValidatedBlock;
import dev.ordo.ledgernode.validate.ValidatedTransaction;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.List;

/**
 * Futures completed when a transaction id is committed (valid or not) on this channel, for the
 * gateway's CommitStatus. A waiter registers before it looks the id up in the ledger, so a
 * commit between the two is never missed.
 */
public final class CommitNotifications implements CommittedBlockListener, AutoCloseable {
    private final ChannelLedger ledger;
    private final Map<String, List<CompletableFuture<TxRecord>>> waiting = new ConcurrentHashMap<>();

    CommitNotifications(ChannelLedger ledger) {
        this.ledger = ledger;
        ledger.addListener(this);
    }

    /** Completes with where and how {@code txId} was committed; already committed ids complete at once. */
    public CompletableFuture<TxRecord> committed(String txId) {
        CompletableFuture<TxRecord> future = new CompletableFuture<>();
        waiting.computeIfAbsent(txId, id -> new CopyOnWriteArrayList<>()).add(future);
        Optional<TxRecord> known = ledger.transaction(txId);
        if (known.isPresent()) {
            complete(txId, known.get());
        }
        future.whenComplete((r, e) -> forget(txId, future));
        return future;
    }

    private void forget(String txId, CompletableFuture<TxRecord> future) {
        waiting.computeIfPresent(txId, (id, list) -> {
            list.remove(future);
            return list.isEmpty() ? null : list;
        });
    }

    private void complete(String txId, TxRecord record) {
        List<CompletableFuture<TxRecord>> futures = waiting.get(txId);
        if (futures != null) {
            for (CompletableFuture<TxRecord> f : futures) {
                f.complete(record);
            }
        }
    }

    @Override
    public void committed(String channelId, ValidatedBlock block) {
        if (waiting.isEmpty()) {
            return;
        }
        for (ValidatedTransaction tx : block.transactions()) {
            if (tx.txId() != null && waiting.containsKey(tx.txId())) {
                // The first occurrence is the one the ledger indexes.
                ledger.transaction(tx.txId()).ifPresent(record -> complete(tx.txId(), record));
            }
        }
    }

    @Override
    public void close() {
        ledger.removeListener(this);
        IllegalStateException closed = new IllegalStateException("channel " + ledger.channelId() + " closed");
        waiting.values().forEach(list -> list.forEach(f -> f.completeExceptionally(closed)));
        waiting.clear();
    }
}
