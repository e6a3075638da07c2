package dev.ordo.ordering.channel;

import dev.ordo.ordering.blockstore.BlockStore;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.apache.ratis.protocol.RaftGroupId;
import org.hyperledger.fabric.protos.common.Block;

/**
 * One channel on this orderer: its block store and the state its applied chain has reached.
 * The Raft state machine is the only writer ({@link #advance}); Broadcast, Deliver and the
 * sequencer read {@link #state()} and wait for new blocks with {@link #awaitHeight}.
 */
public final class OrderingChannel implements AutoCloseable {
  private final String id;
  private final RaftGroupId groupId;
  private final BlockStore store;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition grown = lock.newCondition();
  private volatile ChannelState state;
  private volatile boolean closed;
  private volatile boolean evicted;

  public OrderingChannel(String id, BlockStore store, ChannelState state) {
    this.id = id;
    this.groupId = ChannelGroups.groupIdOf(id);
    this.store = store;
    this.state = state;
  }

  public String id() {
    return id;
  }

  public RaftGroupId groupId() {
    return groupId;
  }

  public BlockStore store() {
    return store;
  }

  public ChannelState state() {
    return state;
  }

  public long height() {
    return state.height();
  }

  public Optional<Block> block(long number) {
    return store.block(number);
  }

  /** Publishes a new state after its block was stored, waking Deliver streams. */
  public void advance(ChannelState next) {
    lock.lock();
    try {
      state = next;
      grown.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /**
   * Waits until the chain holds more than {@code number} blocks' worth, i.e. block
   * {@code number} exists, or the timeout passes or the channel closes.
   *
   * @return true when block {@code number} exists
   */
  public boolean awaitHeight(long number, long timeout, TimeUnit unit) throws InterruptedException {
    long deadline = System.nanoTime() + unit.toNanos(timeout);
    lock.lock();
    try {
      while (state.height() <= number && !closed && !evicted) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return false;
        }
        grown.awaitNanos(left);
      }
      return state.height() > number;
    } finally {
      lock.unlock();
    }
  }

  public boolean isClosed() {
    return closed;
  }

  /**
   * Marks the channel as no longer ordered here: a config block removed this orderer from its
   * consenters. Its blocks stay readable; waiters for new blocks are woken.
   */
  public void markEvicted() {
    lock.lock();
    try {
      evicted = true;
      grown.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /** Whether a config block removed this orderer from the channel's consenters. */
  public boolean isEvicted() {
    return evicted;
  }

  @Override
  public void close() {
    lock.lock();
    try {
      closed = true;
      grown.signalAll();
    } finally {
      lock.unlock();
    }
    store.close();
  }
}
