package dev.ordo.ordering.consensus;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.ordo.ordering.blockstore.DurableFiles;
import dev.ordo.ordering.channel.ChannelStates;
import dev.ordo.ordering.channel.OrderingChannel;
import dev.ordo.proto.v1.OrderingLogEntry;
import java.io.DataInputStream;
import java.io.File;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.util.concurrent.CompletableFuture;
import org.apache.ratis.proto.RaftProtos.LogEntryProto;
import org.apache.ratis.proto.RaftProtos.RoleInfoProto;
import org.apache.ratis.protocol.Message;
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

  public ChannelStateMachine(OrderingChannel channel, ChainAppender appender, LeadershipListener leadership,
      MissingBlockFetcher fetcher) {
    this.channel = channel;
    this.appender = appender;
    this.leadership = leadership;
    this.fetcher = fetcher;
  }

  @Override
  public void initialize(RaftServer server, RaftGroupId groupId, RaftStorage raftStorage) throws IOException {
    super.initialize(server, groupId, raftStorage);
    getLifeCycle().startAndTransition(() -> {
      storage.init(raftStorage);
      restoreFromSnapshot();
    }, IOException.class);
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
      OrderingLogEntry logEntry = LogEntryReader.parse(entry.getStateMachineLogEntry().getLogData());
      result = logEntry.hasBlock()
          ? appender.apply(logEntry.getBlock(), termIndex)
          : ApplyResult.ignored("log entry kind " + logEntry.getEntryCase() + " is not ordered in a channel group");
    } catch (InvalidProtocolBufferException e) {
      result = ApplyResult.ignored("log entry " + termIndex + " does not parse: " + e.getMessage());
    }
    updateLastAppliedTermIndex(termIndex);
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
