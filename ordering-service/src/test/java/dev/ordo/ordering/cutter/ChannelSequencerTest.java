package dev.ordo.ordering.cutter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import dev.ordo.ordering.blockstore.BlockStore;
import dev.ordo.ordering.channel.ChannelState;
import dev.ordo.ordering.channel.OrderingChannel;
import dev.ordo.proto.v1.BatchSize;
import dev.ordo.proto.v1.BlockProposal;
import dev.ordo.proto.v1.ChannelConfig;
import dev.ordo.proto.v1.OrderingConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.hyperledger.fabric.protos.common.Status;
import org.hyperledger.fabric.protos.orderer.BroadcastResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sequencer against a proposer that "commits" each proposal at once: batches are cut by
 * count without waiting for the timeout, by timeout when they stay partial, every envelope is
 * proposed once and in submission order, and nothing queued is left unanswered on close.
 */
class ChannelSequencerTest {
  @TempDir
  Path dir;

  private final List<AutoCloseable> toClose = new ArrayList<>();

  @AfterEach
  void closeAll() throws Exception {
    for (int i = toClose.size() - 1; i >= 0; i--) {
      toClose.get(i).close();
    }
  }

  @Test
  void cutsAFullBatchWithoutWaitingForTheTimeout() throws Exception {
    CommittingProposer proposer = new CommittingProposer();
    ChannelSequencer sequencer = sequencer(5, 30_000, proposer);
    long tookMillis = millisUntilAllSucceed(sequencer, "full", 5);
    assertTrue(tookMillis < 5_000, "a full batch waited " + tookMillis + " ms, as if for the 30 s timeout");
    assertEquals(1, proposer.proposals.size());
    assertEquals(5, proposer.proposals.get(0).getEnvelopesCount());
  }

  @Test
  void cutsAPartialBatchWhenItsTimeoutExpires() throws Exception {
    CommittingProposer proposer = new CommittingProposer();
    ChannelSequencer sequencer = sequencer(100, 300, proposer);
    long tookMillis = millisUntilAllSucceed(sequencer, "partial", 3);
    assertTrue(tookMillis >= 290, "cut after " + tookMillis + " ms, before the 300 ms timeout");
    assertEquals(1, proposer.proposals.size());
    assertEquals(3, proposer.proposals.get(0).getEnvelopesCount());
  }

  @Test
  void proposesEveryEnvelopeOnceInSubmissionOrderWithConsecutiveNumbers() throws Exception {
    CommittingProposer proposer = new CommittingProposer();
    ChannelSequencer sequencer = sequencer(100, 50, proposer);
    int submitters = 4;
    int each = 1_000;
    List<Thread> threads = new ArrayList<>();
    List<PendingEnvelope> sent = new CopyOnWriteArrayList<>();
    for (int t = 0; t < submitters; t++) {
      String prefix = "s" + t;
      Thread thread = new Thread(() -> {
        for (int i = 0; i < each; i++) {
          PendingEnvelope envelope = PendingEnvelope.of(ByteString.copyFromUtf8(prefix + "-" + i), null);
          sent.add(envelope);
          sequencer.submit(envelope);
          if (i % 97 == 0) {
            sleepMillis(1); // let batches open and close between submissions
          }
        }
      });
      thread.start();
      threads.add(thread);
    }
    for (Thread thread : threads) {
      thread.join(TimeUnit.SECONDS.toMillis(30));
    }
    assertAllSucceed(sent);

    Map<String, Integer> nextOfSubmitter = new HashMap<>();
    long expectedNumber = proposer.proposals.get(0).getNumber();
    int total = 0;
    for (BlockProposal proposal : proposer.proposals) {
      assertEquals(expectedNumber++, proposal.getNumber());
      assertTrue(proposal.getEnvelopesCount() <= 100, "block of " + proposal.getEnvelopesCount() + " > max count");
      for (ByteString envelope : proposal.getEnvelopesList()) {
        String[] parts = envelope.toStringUtf8().split("-");
        int expected = nextOfSubmitter.getOrDefault(parts[0], 0);
        assertEquals(expected, Integer.parseInt(parts[1]), "order of submitter " + parts[0]);
        nextOfSubmitter.put(parts[0], expected + 1);
        total++;
      }
    }
    assertEquals(submitters * each, total);
  }

  @Test
  void answersEveryQueuedEnvelopeWhenClosed() throws Exception {
    CompletableFuture<Long> never = new CompletableFuture<>();
    CommittingProposer proposer = new CommittingProposer() {
      @Override
      public CompletableFuture<Long> propose(BlockProposal proposal) {
        proposals.add(proposal);
        return never; // Raft never commits: the batch stays in flight
      }
    };
    // One proposal in flight: the first block waits for Raft, the second for a slot, the rest queue.
    ChannelSequencer sequencer = sequencer(2, 30_000, 1, proposer);
    List<PendingEnvelope> sent = submit(sequencer, "closing", 7);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (proposer.proposals.isEmpty() && System.nanoTime() < deadline) {
      sleepMillis(10);
    }
    sleepMillis(100); // let it cut the second block and wait for a slot (else the cutter holds it: same answer)
    sequencer.close();

    for (PendingEnvelope envelope : sent.subList(2, sent.size())) {
      BroadcastResponse response = envelope.ack().get(10, TimeUnit.SECONDS);
      assertEquals(Status.SERVICE_UNAVAILABLE, response.getStatus(), response.getInfo());
    }
    assertEquals(1, proposer.proposals.size());
    assertTrue(sent.subList(0, 2).stream().noneMatch(e -> e.ack().isDone()), "answered before Raft answered");
    never.completeExceptionally(new IllegalStateException("group closed"));
    for (PendingEnvelope envelope : sent.subList(0, 2)) {
      assertEquals(Status.SERVICE_UNAVAILABLE, envelope.ack().get(10, TimeUnit.SECONDS).getStatus());
    }
  }

  private ChannelSequencer sequencer(int maxCount, long timeoutMillis, BlockProposer proposer) throws Exception {
    return sequencer(maxCount, timeoutMillis, 4, proposer);
  }

  private ChannelSequencer sequencer(int maxCount, long timeoutMillis, int maxInFlight, BlockProposer proposer)
      throws Exception {
    ChannelConfig config = ChannelConfig.newBuilder().setChannelId("seq")
        .setOrdering(OrderingConfig.newBuilder()
            .setBatchSize(BatchSize.newBuilder().setMaxMessageCount(maxCount)
                .setAbsoluteMaxBytes(1 << 20).setPreferredMaxBytes(1 << 19))
            .setBatchTimeoutMillis(timeoutMillis))
        .build();
    BlockStore store = BlockStore.open(dir.resolve("store-" + toClose.size()));
    toClose.add(store);
    OrderingChannel channel = new OrderingChannel("seq", store, ChannelState.of(1, ByteString.EMPTY, 0, config));
    ChannelSequencer sequencer = new ChannelSequencer(channel, proposer, (update, envelope) -> {
      throw new UnsupportedOperationException("no config updates here");
    }, 10_000, maxInFlight, ChannelSequencer.SequencerMetrics.NONE);
    toClose.add(sequencer);
    sequencer.setLeading(true);
    return sequencer;
  }

  /** Submits {@code count} envelopes and waits for all to succeed; how long that took. */
  private static long millisUntilAllSucceed(ChannelSequencer sequencer, String prefix, int count) throws Exception {
    long started = System.nanoTime();
    assertAllSucceed(submit(sequencer, prefix, count));
    return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
  }

  private static void assertAllSucceed(List<PendingEnvelope> sent) throws Exception {
    for (PendingEnvelope envelope : sent) {
      BroadcastResponse response = envelope.ack().get(10, TimeUnit.SECONDS);
      assertEquals(Status.SUCCESS, response.getStatus(), response.getInfo());
    }
  }

  private static List<PendingEnvelope> submit(ChannelSequencer sequencer, String prefix, int count) {
    List<PendingEnvelope> sent = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      PendingEnvelope envelope = PendingEnvelope.of(ByteString.copyFromUtf8(prefix + "-" + i), null);
      sent.add(envelope);
      sequencer.submit(envelope);
    }
    return sent;
  }

  private static void sleepMillis(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Commits every proposal at once, with the number it asks for. */
  private static class CommittingProposer implements BlockProposer {
    final List<BlockProposal> proposals = new CopyOnWriteArrayList<>();

    @Override
    public CompletableFuture<Long> propose(BlockProposal proposal) {
      proposals.add(proposal);
      return CompletableFuture.completedFuture(proposal.getNumber());
    }

    @Override
    public boolean readyToPropose() {
      return true;
    }

    @Override
    public Role role() {
      return Role.LEADER;
    }
  }
}
