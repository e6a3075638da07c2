package dev.ordo.ordering.consensus;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.ordo.ordering.blockstore.DurableFiles;
import dev.ordo.ordering.blockstore.ProposalStore;
import dev.ordo.ordering.channel.ChannelStates;
import dev.ordo.ordering.channel.OrderingChannel;
import dev.ordo.proto.v1.OrderingLogEntry;
import java.io.DataInputStream;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.apache.ratis.proto.RaftProtos.LogEntryProto;
import org.apache.ratis.proto.RaftProtos.RoleInfoProto;
import org.apache.ratis.proto.RaftProtos.StateMachineLogEntryProto;
import org.apache.ratis.protocol.Message;
import org.apache.ratis.protocol.RaftClientRequest;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.protocol.RaftGroupMemberId;
import org.apache.ratis.protocol.RaftPeerId;
import org.apache.ratis.server.RaftServer;
import org.apache.ratis.server.protocol.TermIndex;
import org.apache.ratis.server.storage.FileInfo;
import org.apache.ratis.server.storage.RaftStorage;
import org.apache.ratis.statemachine.SnapshotRetentionPolicy;
import org.apache.ratis.statemachine.StateMachineStorage;
import org.apache.ratis.statemachine.TransactionContext;
import org.apache.ratis.statemachine.impl.BaseStateMachine;
import org.apache.ratis.statemachine.impl.SimpleStateMachineStorage;
import org.apache.ratis.statemachine.impl.SingleFileSnapshotInfo;
import org.apache.ratis.thirdparty.com.google.protobuf.ByteString;
import org.apache.ratis.thirdparty.com.google.protobuf.UnsafeByteOperations;
import org.apache.ratis.util.LifeCycle;
import org.apache.ratis.util.MD5FileUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The replicated state of one channel: its hash chain of blocks. Blocks in, chain head out.
 *
 * <ul>
 *   <li>{@link #applyTransaction}: one {@link OrderingLogEntry} holding a {@code BlockProposal}
 *       becomes the next block ({@link ChainAppender}); a proposal that does not follow the
 *       chain is ignored. The reply tells the proposer which ({@link ApplyResult}).</li>
 *   <li>{@link #takeSnapshot}: syncs the block store to disk and records the chain height the
 *       applied index stands for; {@link #reinitialize} truncates the block store back to that
 *       height, because Ratis applies every entry after the snapshot again.</li>
 *   <li>{@link #notifyInstallSnapshotFromLeader}: install-snapshot is disabled; an orderer whose
 *       log is behind the leader's purged log fetches the missing blocks over Deliver.</li>
 *   <li>The proposals travel as the entries' state machine data ({@link #startTransaction}), so
 *       Ratis's own log holds only the entries' headers; this state machine keeps the bytes in a
 *       {@link ProposalStore} through Ratis's {@code DataApi} ({@link #write}, {@link #flush},
 *       {@link #read}, {@link #truncate}) and drops them once Ratis has purged its log past them.
 *       Entries written before the proposal store (the proposal in the log data) still apply.</li>
 * </ul>
 */
public final class ChannelStateMachine extends BaseStateMachine {
  private static final Logger log = LoggerFactory.getLogger(ChannelStateMachine.class);
  private static final SnapshotRetentionPolicy KEEP_TWO = new SnapshotRetentionPolicy() {
    @Override
    public int getNumSnapshotsRetained() {
      return 2;
    }
  };

  private final SimpleStateMachineStorage storage = new SimpleStateMachineStorage();
  private final OrderingChannel channel;
  private final ChainAppender appender;
  private final LeadershipListener leadership;
  private final MissingBlockFetcher fetcher;
  private final long proposalCacheBytes;
  private final long proposalSegmentBytes;
  private volatile ProposalStore proposals;
  private volatile RaftServer.Division division;

  /**
   * @param proposalCacheBytes how many bytes of the newest proposals to keep on the heap (older
   *     ones are read back from disk)
   * @param proposalSegmentBytes the size at which the proposal store starts a new segment
   */
  public ChannelStateMachine(OrderingChannel channel, ChainAppender appender, LeadershipListener leadership,
      MissingBlockFetcher fetcher, long proposalCacheBytes, long proposalSegmentBytes) {
    this.channel = channel;
    this.appender = appender;
    this.leadership = leadership;
    this.fetcher = fetcher;
    this.proposalCacheBytes = proposalCacheBytes;
    this.proposalSegmentBytes = proposalSegmentBytes;
  }

  @Override
  public void initialize(RaftServer server, RaftGroupId groupId, RaftStorage raftStorage) throws IOException {
    super.initialize(server, groupId, raftStorage);
    getLifeCycle().startAndTransition(() -> {
      storage.init(raftStorage);
      // Under Ratis's state machine directory, so that formatting the group's storage clears it too.
      proposals = ProposalStore.open(raftStorage.getStorageDir().getStateMachineDir().toPath().resolve("proposals"),
          proposalCacheBytes, proposalSegmentBytes);
      restoreFromSnapshot();
    }, IOException.class);
  }

  /** The proposal goes in the entry's state machine data, which Ratis keeps out of its own log. */
  @Override
  public TransactionContext startTransaction(RaftClientRequest request) {
    return TransactionContext.newBuilder()
        .setStateMachine(this)
        .setClientRequest(request)
        .setLogData(ByteString.EMPTY)
        .setStateMachineData(request.getMessage().getContent())
        .build();
  }

  @Override
  public CompletableFuture<?> write(LogEntryProto entry, TransactionContext context) {
    return onStore(() -> "storing the proposal of Raft entry " + TermIndex.valueOf(entry), () -> {
      proposals.write(entry.getIndex(), entry.getTerm(),
          LogEntryReader.heapView(entry.getStateMachineLogEntry().getStateMachineEntry().getStateMachineData()));
      return null;
    });
  }

  @Override
  public CompletableFuture<Void> flush(long logIndex) {
    return onStore(() -> "syncing proposals up to Raft index " + logIndex, () -> {
      proposals.flush();
      return null;
    });
  }

  /** Serves a proposal for Ratis: to send an entry to a follower, or to apply it. */
  @Override
  public CompletableFuture<ByteString> read(LogEntryProto entry, TransactionContext context) {
    return onStore(() -> "reading the proposal of Raft entry " + TermIndex.valueOf(entry),
        () -> UnsafeByteOperations.unsafeWrap(proposals.read(entry.getIndex(), entry.getTerm())));
  }

  /** Ratis removes its entries from {@code logIndex} on (a new leader overwrote them). */
  @Override
  public CompletableFuture<Void> truncate(long logIndex) {
    return onStore(() -> "truncating proposals from Raft index " + logIndex, () -> {
      proposals.truncateFrom(logIndex);
      return null;
    });
  }

  /** One proposal store operation for Ratis: done at once, a failure logged and handed back in the future. */
  private <T> CompletableFuture<T> onStore(Supplier<String> what, StoreOperation<T> operation) {
    try {
      return CompletableFuture.completedFuture(operation.run());
    } catch (IOException | RuntimeException e) {
      log.error("channel {}: {} failed", channel.id(), what.get(), e);
      return CompletableFuture.failedFuture(e);
    }
  }

  private interface StoreOperation<T> {
    T run() throws IOException;
  }

  /**
   * The proposal of an entry to apply: in the entry itself when Ratis still holds it, in the log
   * data for entries written before the proposal store, otherwise read back from the store. An
   * entry whose proposal is missing or corrupt throws: Ratis then stops this group on this
   * orderer rather than let its chain skip a block (the others go on; see docs/ordering.md).
   */
  private ByteString proposalOf(LogEntryProto entry) {
    StateMachineLogEntryProto logEntry = entry.getStateMachineLogEntry();
    ByteString inEntry = logEntry.getStateMachineEntry().getStateMachineData();
    if (!inEntry.isEmpty()) {
      return inEntry;
    }
    if (!logEntry.getLogData().isEmpty()) {
      return logEntry.getLogData();
    }
    try {
      return UnsafeByteOperations.unsafeWrap(proposals.read(entry.getIndex(), entry.getTerm()));
    } catch (IOException e) {
      throw new UncheckedIOException("channel " + channel.id() + ": the proposal of Raft entry "
          + TermIndex.valueOf(entry) + " cannot be read, so it cannot be applied: " + e.getMessage(), e);
    }
  }

  @Override
  public void close() throws IOException {
    ProposalStore store = proposals;
    if (store != null) {
      store.close();
    }
    super.close();
  }

  /** Ratis pauses the state machine before reloading it from a snapshot (after a catch-up). */
  @Override
  public void pause() {
    getLifeCycle().transition(LifeCycle.State.PAUSING);
    getLifeCycle().transition(LifeCycle.State.PAUSED);
  }

  @Override
  public void reinitialize() throws IOException {
    restoreFromSnapshot();
    getLifeCycle().transition(LifeCycle.State.STARTING);
    getLifeCycle().transition(LifeCycle.State.RUNNING);
  }

  @Override
  public StateMachineStorage getStateMachineStorage() {
    return storage;
  }

  private synchronized void restoreFromSnapshot() throws IOException {
    SingleFileSnapshotInfo snapshot = storage.loadLatestSnapshot();
    long height = 1;
    if (snapshot != null) {
      try (DataInputStream in = new DataInputStream(Files.newInputStream(snapshot.getFile().getPath()))) {
        height = in.readLong();
      }
      setLastAppliedTermIndex(snapshot.getTermIndex());
    }
    if (channel.store().height() < height) {
      throw new IOException("channel " + channel.id() + ": snapshot " + snapshot + " covers " + height
          + " blocks but the block store holds only " + channel.store().height());
    }
    channel.store().truncateFrom(height);
    channel.advance(ChannelStates.load(channel.id(), channel.store()));
    appender.reloadRecentTxIds();
    log.info("channel {}: restored to height {} (snapshot {})", channel.id(), height,
        snapshot == null ? "none" : snapshot.getTermIndex());
  }

  @Override
  public CompletableFuture<Message> applyTransaction(TransactionContext trx) {
    LogEntryProto entry = trx.getLogEntry();
    TermIndex termIndex = TermIndex.valueOf(entry);
    ApplyResult result;
    try {
      OrderingLogEntry logEntry = LogEntryReader.parse(proposalOf(entry));
      result = logEntry.hasBlock()
          ? appender.apply(logEntry.getBlock(), termIndex)
          : ApplyResult.ignored("log entry kind " + logEntry.getEntryCase() + " is not ordered in a channel group");
    } catch (InvalidProtocolBufferException e) {
      result = ApplyResult.ignored("log entry " + termIndex + " does not parse: " + e.getMessage());
    }
    updateLastAppliedTermIndex(termIndex);
    releaseProposals(termIndex.getIndex());
    if (!result.isApplied()) {
      log.debug("channel {}: entry {} ignored: {}", channel.id(), termIndex, result.ignoredBecause());
    }
    return CompletableFuture.completedFuture(result.toMessage());
  }

  @Override
  public long takeSnapshot() throws IOException {
    TermIndex last = getLastAppliedTermIndex();
    if (last == null || last.getIndex() < 0) {
      return -1;
    }
    writeSnapshot(last, channel.height());
    return last.getIndex();
  }

  /**
   * After applying entry {@code applied}: drops from the heap the proposals that are applied here
   * and, on the leader, already sent to every follower; and removes the proposal segments all of
   * whose entries Ratis no longer has. Ratis purges its log after a snapshot returns, so the first
   * apply after a purge is when the purged entries' segments go.
   */
  private void releaseProposals(long applied) {
    try {
      RaftServer.Division division = division();
      long neededFrom = applied + 1;
      long[] followersNext = division.getInfo().getFollowerNextIndices(); // null unless leading
      if (followersNext != null) {
        for (long next : followersNext) {
          neededFrom = Math.min(neededFrom, next);
        }
      }
      proposals.uncacheBelow(neededFrom);
      long logStart = division.getRaftLog().getStartIndex();
      long[] stored = proposals.indexRange();
      if (stored.length > 0 && stored[0] < logStart) {
        proposals.purgeBelow(logStart);
      }
    } catch (IOException | RuntimeException e) {
      // Only memory and disk space are at stake: the next apply tries again.
      log.warn("channel {}: releasing proposals failed: {}", channel.id(), e.toString());
    }
  }

  private RaftServer.Division division() throws IOException {
    RaftServer.Division known = division;
    if (known == null) {
      known = getServer().join().getDivision(getGroupId());
      division = known;
    }
    return known;
  }

  /** Syncs the block store and records that {@code termIndex} stands for {@code height} blocks. */
  synchronized void writeSnapshot(TermIndex termIndex, long height) throws IOException {
    channel.store().syncToDisk();
    File file = storage.getSnapshotFile(termIndex.getTerm(), termIndex.getIndex());
    // Synced, not only renamed: once Ratis purges its log up to this index, the snapshot is the
    // only record of the height, so it must survive power loss like the log entries it replaces.
    DurableFiles.replace(file.toPath(), ByteBuffer.allocate(Long.BYTES).putLong(height).array());
    var md5 = MD5FileUtil.computeAndSaveMd5ForFile(file);
    storage.updateLatestSnapshot(new SingleFileSnapshotInfo(new FileInfo(file.toPath(), md5), termIndex));
    storage.cleanupOldSnapshots(KEEP_TWO);
    log.info("channel {}: snapshot at {} covers {} blocks", channel.id(), termIndex, height);
  }

  @Override
  public CompletableFuture<TermIndex> notifyInstallSnapshotFromLeader(RoleInfoProto roleInfo,
      TermIndex firstTermIndexInLog) {
    RaftPeerId leader = RaftPeerId.valueOf(roleInfo.getFollowerInfo().getLeaderInfo().getId().getId());
    log.info("channel {}: leader {} has purged its log before {}; fetching missing blocks", channel.id(), leader,
        firstTermIndexInLog);
    return fetcher.fetchMissingBlocks(channel, appender, leader, firstTermIndexInLog).thenApply(reached -> {
      try {
        writeSnapshot(reached, channel.height());
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
      return reached;
    });
  }

  @Override
  public void notifyLeaderChanged(RaftGroupMemberId groupMemberId, RaftPeerId newLeaderId) {
    leadership.leaderChanged(channel, newLeaderId, groupMemberId.getPeerId().equals(newLeaderId));
  }

  @Override
  public void notifyLeaderReady() {
    leadership.leaderReady(channel);
  }

  @Override
  public void notifyNotLeader(java.util.Collection<TransactionContext> pendingEntries) {
    leadership.leaderChanged(channel, null, false);
  }
}
