package dev.ordo.ledgernode.channel;

import dev.ordo.ledgernode.ledger.ChannelLedger;
import dev.ordo.ledgernode.ledger.CommittedBlockListener;
import dev.ordo.ledgernode.validate.ValidatedBlock;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Lets readers (deliver streams, chaincode event streams) wait for the ledger to reach a
 * height. The committer only signals; readers fetch blocks themselves, so a slow reader never
 * holds up a commit.
 */
public final class BlockArrivals implements CommittedBlockListener, AutoCloseable {
    private final ChannelLedger ledger;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition grown = lock.newCondition();
    private volatile boolean closed;

    BlockArrivals(ChannelLedger ledger) {
        this.ledger = ledger;
        ledger.addListener(this);
    }

    @Override
    public void committed(String channelId, ValidatedBlock block) {
        lock.lock();
        try {
            grown.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Waits until block {@code number} is committed, the channel closes or {@code timeoutNanos}
     * passes.
     *
     * @return whether the block is committed
     */
    public boolean awaitBlock(long number, long timeoutNanos) throws InterruptedException {
        long remaining = timeoutNanos;
        lock.lock();
        try {
            while (ledger.height() <= number) {
                if (closed || remaining <= 0) {
                    return false;
                }
                remaining = grown.awaitNanos(Math.min(remaining, TimeUnit.SECONDS.toNanos(1)));
            }
            return true;
        } finally {
            lock.unlock();
        }
    }

    public boolean isClosed() {
        return closed;
    }

    @Override
    public void close() {
        closed = true;
        ledger.removeListener(this);
        lock.lock();
        try {
            grown.signalAll();
        } finally {
            lock.unlock();
        }
    }
}
