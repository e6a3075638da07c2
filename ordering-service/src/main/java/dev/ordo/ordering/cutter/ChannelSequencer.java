package dev.ordo.ordering.cutter;

import dev.ordo.ordering.channel.OrderingChannel;
import dev.ordo.proto.v1.BlockProposal;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.hyperledger.fabric.protos.common.Status;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the block cutter of one channel on its Raft leader: takes accepted envelopes from a
 * bounded queue, cuts them into blocks (count, bytes, timeout from the channel config), and
 * proposes each block as one Raft entry with the number it must get. Up to
 * {@code maxInFlight} proposals are pipelined; when one fails or is ignored as stale, the
 * sequencer waits for the rest and takes the next number from the applied chain again.
 * Envelopes are acknowledged only when their block was applied.
 */
public final class ChannelSequencer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ChannelSequencer.class);
  private static final long LEADERSHIP_CHECK_INTERVAL_NANOS = TimeUnit.MILLISECONDS.toNanos(200);
  private static final long OPEN_BATCH_TICK_NANOS = TimeUnit.MILLISECONDS.toNanos(1);
  private static final long NOT_LEADING_WAIT_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

  private final OrderingChannel channel;
  private final BlockProposer proposer;
  private final ConfigEnvelopeFactory configEnvelopes;
  private final BlockingQueue<PendingEnvelope> queue;
  private final int maxInFlight;
  private final Semaphore inFlight;
  private final BlockCutter<PendingEnvelope> cutter;
  private final Thread thread;
  private final SequencerMetrics metrics;
  private volatile boolean leading;
  private volatile boolean closed;
  private volatile boolean resync = true;
  private long nextNumber;
  private long batchStartNanos;
  private long nextLeadershipCheckNanos;
  private boolean leadershipMismatchSeen;

  public ChannelSequencer(OrderingChannel channel, BlockProposer proposer, ConfigEnvelopeFactory configEnvelopes,
      int queueCapacity, int maxInFlight, SequencerMetrics metrics) {
    this.channel = channel;
    this.proposer = proposer;
    this.configEnvelopes = configEnvelopes;
    this.queue = new ArrayBlockingQueue<>(queueCapacity);
    this.maxInFlight = maxInFlight;
    this.inFlight = new Semaphore(maxInFlight);
    this.metrics = metrics;
    this.cutter = new BlockCutter<>(channel.state().limits(), PendingEnvelope::size);
    this.thread = new Thread(this::run, "sequencer-" + channel.id());
    this.thread.setDaemon(true);
    this.thread.start();
  }

  /** Queues an accepted envelope; completes its ack at once when this orderer cannot take it. */
  public void submit(PendingEnvelope envelope) {
    if (!leading || closed) {
      envelope.fail(Status.SERVICE_UNAVAILABLE, "this orderer no longer leads channel '" + channel.id() + "', retry");
      return;
    }
    if (!queue.offer(envelope)) {
      envelope.fail(Status.SERVICE_UNAVAILABLE, "the ordering queue of channel '" + channel.id()
          + "' is full (" + (queue.size()) + " envelopes), retry later");
    }
  }

  public void setLeading(boolean leading) {
    if (this.leading != leading) {
      log.info("channel {}: sequencer {}", channel.id(), leading ? "started (this orderer leads)" : "stopped");
    }
    this.leading = leading;
    resync = true;
    LockSupport.unpark(thread);
  }

  public boolean isLeading() {
    return leading;
  }

  public int queued() {
    return queue.size();
  }

  private void run() {
    while (!closed) {
      try {
        reconcileLeadership();
        if (!leading) {
          failPending("this orderer no longer leads channel '" + channel.id() + "', retry", true);
          LockSupport.parkNanos(NOT_LEADING_WAIT_NANOS); // setLeading and close wake it at once
          if (Thread.interrupted()) {
            throw new InterruptedException();
          }
          continue;
        }
        cutter.setLimits(channel.state().limits());
        long now = System.nanoTime();
        long wait = cutter.hasPending()
            ? Math.max(0, batchStartNanos + cutter.limits().batchTimeout().toNanos() - now)
            : TimeUnit.MILLISECONDS.toNanos(100);
        PendingEnvelope next = cutter.hasPending() ? pollWhileBatchOpen(wait) : queue.poll(wait, TimeUnit.NANOSECONDS);
        if (next != null) {
          accept(next);
        }
        if (cutter.hasPending()
            && System.nanoTime() - batchStartNanos >= cutter.limits().batchTimeout().toNanos()) {
          propose(cutter.cut(), false);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (RuntimeException e) {
        log.error("channel {}: sequencer failed, pending envelopes are rejected", channel.id(), e);
        failPending("internal error while ordering: " + e.getMessage());
      }
    }
    failPending("orderer is shutting down");
  }

  /**
   * The next envelope while a batch is open, without asking the submitters to wake this
   * thread: it sleeps a tick when the queue is empty and looks again. Waiting on the queue
   * instead costs a futex wake-up and two context switches per envelope whenever the
   * sequencer is faster than its clients, which it nearly always is. A cut by count or size
   * comes at most one tick late; a cut by timeout comes on time, as the tick never outlasts
   * the batch's remaining time.
   */
  private PendingEnvelope pollWhileBatchOpen(long remainingNanos) throws InterruptedException {
    PendingEnvelope next = queue.poll();
    if (next != null || remainingNanos == 0) {
      return next;
    }
    LockSupport.parkNanos(Math.min(remainingNanos, OPEN_BATCH_TICK_NANOS));
    if (Thread.interrupted()) {
      throw new InterruptedException();
    }
    return queue.poll();
  }

  /**
   * Leadership normally follows Raft's notifications; this check makes the sequencer follow
   * the Raft role itself when the two disagree on two checks in a row, so a notification lost
   * or delivered out of order cannot leave a leader that refuses every envelope (or a follower
   * that keeps proposing) until the next election. Leading needs the leader to be ready; while
   * the group is not running here there is nothing to follow.
   */
  private void reconcileLeadership() {
    long now = System.nanoTime();
    if (now - nextLeadershipCheckNanos < 0) {
      return;
    }
    nextLeadershipCheckNanos = now + LEADERSHIP_CHECK_INTERVAL_NANOS;
    BlockProposer.Role role = proposer.role();
    if (role == BlockProposer.Role.NO_GROUP) {
      leadershipMismatchSeen = false; // starting, or being removed: nothing to follow
      return;
    }
    boolean raftLeads = role == BlockProposer.Role.LEADER && !channel.isEvicted();
    boolean mismatch = raftLeads ? !leading && proposer.readyToPropose() : leading;
    if (!mismatch) {
      leadershipMismatchSeen = false;
      return;
    }
    if (leadershipMismatchSeen) {
      log.warn("channel {}: the sequencer was {} although Raft says this orderer {}; following Raft", channel.id(),
          leading ? "running" : "stopped", raftLeads ? "leads" : "does not lead");
      leadershipMismatchSeen = false;
      setLeading(raftLeads);
    } else {
      leadershipMismatchSeen = true;
    }
  }

  private void accept(PendingEnvelope envelope) throws InterruptedException {
    if (envelope.isConfigUpdate()) {
      if (cutter.hasPending()) {
        propose(cutter.cut(), false);
      }
      proposeConfig(envelope);
      return;
    }
    boolean hadPending = cutter.hasPending();
    List<List<PendingEnvelope>> batches = cutter.add(envelope);
    for (List<PendingEnvelope> batch : batches) {
      propose(batch, false);
    }
    if (!batches.isEmpty() || !hadPending) {
      batchStartNanos = System.nanoTime();
    }
  }

  private void proposeConfig(PendingEnvelope update) throws InterruptedException {
    // A config update is checked against the config in force, so nothing may be in flight.
    try {
      awaitIdle();
    } catch (InterruptedException e) {
      update.fail(Status.SERVICE_UNAVAILABLE, "orderer is shutting down");
      throw e;
    }
    if (!leading) {
      update.fail(Status.SERVICE_UNAVAILABLE, "this orderer no longer leads channel '" + channel.id() + "', retry");
      return;
    }
    long current = channel.state().config().getSequence();
    if (update.configUpdate().getBaseSequence() != current) {
      update.fail(Status.BAD_REQUEST, "config update is based on config sequence "
          + update.configUpdate().getBaseSequence() + " but channel '" + channel.id() + "' is at sequence " + current);
      return;
    }
    PendingEnvelope config;
    try {
      config = new PendingEnvelope(configEnvelopes.configEnvelope(update.configUpdate(), update.envelope()), null,
          update.ack());
    } catch (RuntimeException e) {
      update.fail(Status.BAD_REQUEST, "config update cannot be turned into a config block: " + e.getMessage());
      return;
    }
    propose(List.of(config), true);
    awaitIdle();
  }

  private void awaitIdle() throws InterruptedException {
    inFlight.acquire(maxInFlight);
    inFlight.release(maxInFlight);
  }

  private void propose(List<PendingEnvelope> batch, boolean isConfig) throws InterruptedException {
    if (batch.isEmpty()) {
      return;
    }
    try {
      inFlight.acquire();
      if (resync) {
        inFlight.release();
        awaitIdle();
        inFlight.acquire();
        long waitedFor = 0;
        while (!proposer.readyToPropose() && leading && waitedFor < 5000) {
          Thread.sleep(10);
          waitedFor += 10;
        }
        nextNumber = channel.height();
        resync = false;
      }
    } catch (InterruptedException e) {
      // Shutting down while waiting for a slot: this batch left the cutter, answer it here.
      batch.forEach(envelope -> envelope.fail(Status.SERVICE_UNAVAILABLE, "orderer is shutting down"));
      throw e;
    }
    if (!leading) {
      inFlight.release();
      batch.forEach(e -> e.fail(Status.SERVICE_UNAVAILABLE,
          "this orderer no longer leads channel '" + channel.id() + "', retry"));
      return;
    }
    BlockProposal.Builder proposal = BlockProposal.newBuilder()
        .setChannelId(channel.id())
        .setNumber(nextNumber++)
        .setIsConfig(isConfig);
    long bytes = 0;
    for (PendingEnvelope envelope : batch) {
      proposal.addEnvelopes(envelope.envelope());
      bytes += envelope.size();
    }
    long started = System.nanoTime();
    final long blockBytes = bytes;
    proposer.propose(proposal.build()).whenComplete((number, failure) -> {
      inFlight.release();
      if (failure == null) {
        if (number < 0) {
          resync = true; // all were ordered before; the block number was not used
        }
        batch.forEach(PendingEnvelope::succeed);
        metrics.blockCut(batch.size(), blockBytes, System.nanoTime() - started);
      } else {
        resync = true;
        String reason = failure instanceof java.util.concurrent.CompletionException && failure.getCause() != null
            ? failure.getCause().getMessage() : failure.getMessage();
        log.info("channel {}: proposal of {} envelopes not ordered: {}", channel.id(), batch.size(), reason);
        batch.forEach(e -> e.fail(Status.SERVICE_UNAVAILABLE, "block was not ordered (" + reason + "), retry"));
      }
    });
  }

  private void failPending(String reason) {
    failPending(reason, false);
  }

  /**
   * Fails what was cut and what is queued. With {@code untilLeading} (used while not leading)
   * it stops as soon as leadership is back, so an envelope submitted to the new leader is
   * ordered rather than failed.
   */
  private void failPending(String reason, boolean untilLeading) {
    if (cutter.hasPending()) {
      cutter.cut().forEach(e -> e.fail(Status.SERVICE_UNAVAILABLE, reason));
    }
    PendingEnvelope e;
    while (!(untilLeading && leading) && (e = queue.poll()) != null) {
      e.fail(Status.SERVICE_UNAVAILABLE, reason);
    }
  }

  @Override
  public void close() {
    closed = true;
    leading = false;
    thread.interrupt();
    try {
      thread.join(5000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    failPending("orderer is shutting down");
  }

  /** Counts what the sequencer orders, for the metrics endpoint. */
  public interface SequencerMetrics {
    void blockCut(int envelopes, long bytes, long proposeToApplyNanos);

    SequencerMetrics NONE = (envelopes, bytes, nanos) -> { };
  }

}
