package dev.ordo.ordering;

import dev.ordo.membership.identity.SigningIdentity;
import dev.ordo.ordering.blockstore.BlockStore;
import dev.ordo.ordering.blockstore.RecentBlocks;
import dev.ordo.ordering.channel.ChannelGroups;
import dev.ordo.ordering.channel.ChannelRuntime;
import dev.ordo.ordering.channel.ChannelState;
import dev.ordo.ordering.channel.ChannelStates;
import dev.ordo.ordering.channel.OrderingChannel;
import dev.ordo.ordering.consensus.ChainAppender;
import dev.ordo.ordering.consensus.ChannelStateMachine;
import dev.ordo.ordering.consensus.LeadershipListener;
import dev.ordo.ordering.consensus.MissingBlockFetcher;
import dev.ordo.ordering.consensus.OrdererRaftServer;
import dev.ordo.ordering.consensus.RaftBlockProposer;
import dev.ordo.ordering.consensus.RaftSettings;
import dev.ordo.ordering.cutter.ChannelSequencer;
import dev.ordo.proto.v1.ChannelConfig;
import dev.ordo.proto.v1.Consenter;
import dev.ordo.proto.wire.ConfigBlocks;
import dev.ordo.proto.wire.WireFormatException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.protocol.RaftPeerId;
import org.apache.ratis.statemachine.StateMachine;
import org.hyperledger.fabric.protos.common.Block;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One orderer: its Raft server with one group per channel, and per channel the block store,
 * state machine and (on the leader) the sequencer. Channels are kept in
 * {@code <data-dir>/channels/<channel>}; the Ratis log in {@code <data-dir>/raft}.
 */
public final class OrdererNode implements AutoCloseable, LeadershipListener {
  private static final Logger log = LoggerFactory.getLogger(OrdererNode.class);

  /** Tuning of the ordering path. */
  public record Tuning(int queueCapacity, int maxInFlightBlocks, long snapshotThreshold, int maxEntryBytes,
      java.time.Duration electionTimeoutMin, java.time.Duration electionTimeoutMax, long raftSegmentBytes,
      long proposalSegmentBytes, long raftLogCacheBytes, long blockCacheBytes) {
  }

  private final String ordererId;
  private final SigningIdentity signer;
  private final Path channelsDir;
  private final Tuning tuning;
  /** The newest blocks of all this orderer's channels, for Deliver. */
  private final RecentBlocks recentBlocks;
  private final MissingBlockFetcher fetcher;
  private final ChannelSequencer.SequencerMetrics metrics;
  private final Map<String, ChannelRuntime> channels = new ConcurrentHashMap<>();
  private final Map<RaftGroupId, ChannelRuntime> byGroup = new ConcurrentHashMap<>();
  private final java.util.concurrent.ExecutorService membershipChanges =
      java.util.concurrent.Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "raft-membership");
        t.setDaemon(true);
        return t;
      });
  /** File in a channel's directory recording that a config block removed this orderer from its consenters. */
  static final String EVICTED_MARKER = "evicted";
  /** How long an evicted orderer leaves its Raft group running, so the leader can commit the change. */
  private static final long EVICTION_GRACE_MILLIS = 20_000;

  // Built after the channels found on disk are registered (the registry needs them).
  private OrdererRaftServer raft;
  private org.apache.ratis.protocol.RaftPeer selfAsPeer;

  public OrdererNode(String ordererId, SigningIdentity signer, Path dataDir, RaftSettings.TlsFiles raftTls,
      String raftHost, int raftPort, Tuning tuning, MissingBlockFetcher fetcher,
      ChannelSequencer.SequencerMetrics metrics) throws IOException {
    this.ordererId = ordererId;
    this.signer = signer;
    this.channelsDir = dataDir.resolve("channels");
    this.tuning = tuning;
    this.recentBlocks = new RecentBlocks(tuning.blockCacheBytes());
    this.fetcher = fetcher;
    this.metrics = metrics;
    Files.createDirectories(channelsDir);
    Path raftDir = Files.createDirectories(dataDir.resolve("raft"));
    for (Path dir : listChannelDirs()) {
      String channelId = dir.getFileName().toString();
      BlockStore store = BlockStore.open(dir, recentBlocks);
      if (store.height() == 0) {
        store.close();
        log.warn("channel {}: directory without genesis block ignored (join did not finish)", channelId);
        continue;
      }
      OrderingChannel channel = new OrderingChannel(channelId, store, ChannelStates.load(channelId, store));
      if (Files.exists(dir.resolve(EVICTED_MARKER))) {
        channel.markEvicted();
      }
      register(channel);
    }
    RaftSettings settings = new RaftSettings(ordererId, raftHost, raftPort, raftDir, raftTls,
        tuning.snapshotThreshold(), tuning.maxEntryBytes(), tuning.electionTimeoutMin(), tuning.electionTimeoutMax(),
        tuning.raftSegmentBytes(), tuning.raftLogCacheBytes());
    StateMachine.Registry registry = groupId -> {
      ChannelRuntime runtime = byGroup.get(groupId);
      if (runtime == null) {
        throw new IllegalStateException("Raft group " + groupId + " has a log in " + raftDir
            + " but no channel directory in " + channelsDir);
      }
      return runtime.stateMachine();
    };
    this.raft = new OrdererRaftServer(settings, registry);
    this.selfAsPeer = org.apache.ratis.protocol.RaftPeer.newBuilder().setId(ordererId)
        .setAddress(raftHost + ":" + raftPort).build();
  }

  /** Starts Raft; recreates the group of any channel whose join stopped before the group existed. */
  public void start() throws IOException {
    raft.start();
    for (ChannelRuntime runtime : channels.values()) {
      if (runtime.channel().isEvicted()) {
        if (raft.hasGroup(runtime.channel().groupId())) {
          raft.removeGroup(runtime.channel().groupId()); // stopped before the eviction finished
        }
        continue;
      }
      if (!raft.hasGroup(runtime.channel().groupId())) {
        raft.addGroup(groupOf(runtime.channel().state().config()));
      }
    }
  }

  private List<Path> listChannelDirs() throws IOException {
    try (Stream<Path> dirs = Files.list(channelsDir)) {
      return dirs.filter(Files::isDirectory).sorted(Comparator.naturalOrder()).toList();
    }
  }

  private ChannelRuntime register(OrderingChannel channel) {
    ChainAppender appender = new ChainAppender(channel, signer, this::configApplied);
    ChannelStateMachine stateMachine = new ChannelStateMachine(channel, appender, this, fetcher,
        tuning.raftLogCacheBytes(), tuning.proposalSegmentBytes());
    ChannelSequencer sequencer = new ChannelSequencer(channel,
        new RaftBlockProposer(() -> raft, channel, tuning.maxEntryBytes()),
        (update, updateEnvelope) -> ConfigBlocks.configEnvelope(update.getNewConfig(), updateEnvelope, signer)
            .toByteString(),
        tuning.queueCapacity(), tuning.maxInFlightBlocks(), metrics);
    ChannelRuntime runtime = new ChannelRuntime(channel, appender, stateMachine, sequencer);
    channels.put(channel.id(), runtime);
    byGroup.put(channel.groupId(), runtime);
    return runtime;
  }

  private org.apache.ratis.protocol.RaftGroup groupOf(ChannelConfig config) {
    List<Consenter> consenters = new ArrayList<>(config.getOrdering().getConsentersList());
    return ChannelGroups.groupOf(config.getChannelId(), consenters);
  }

  /**
   * Joins a channel from its genesis block: checks it, stores it as block 0 and starts the
   * channel's Raft group on this orderer. An orderer that is not among the genesis consenters
   * joins ahead of the config update that adds it, and waits for the leader to bring it in.
   *
   * @throws ChannelJoinException with a reason a person understands
   */
  public synchronized ChannelState join(Block genesis) throws ChannelJoinException {
    ChannelConfig config;
    try {
      config = ConfigBlocks.configOf(genesis);
    } catch (WireFormatException e) {
      throw new ChannelJoinException(ChannelJoinException.Kind.BAD_REQUEST, "not a config block: " + e.getMessage());
    }
    if (genesis.getHeader().getNumber() != 0) {
      throw new ChannelJoinException(ChannelJoinException.Kind.BAD_REQUEST,
          "join needs the genesis block (number 0), got block " + genesis.getHeader().getNumber());
    }
    String channelId = config.getChannelId();
    if (!channelId.matches("[a-z][a-z0-9.-]{0,248}")) {
      throw new ChannelJoinException(ChannelJoinException.Kind.BAD_REQUEST, "channel id '" + channelId
          + "' is not valid: lowercase letters, digits, '.' and '-', starting with a letter");
    }
    if (channels.containsKey(channelId)) {
      throw new ChannelJoinException(ChannelJoinException.Kind.CONFLICT, "channel '" + channelId + "' already exists");
    }
    boolean genesisConsenter = isConsenter(config);
    ChannelState state;
    try {
      state = ChannelState.of(1, dev.ordo.proto.wire.Blocks.headerHash(genesis.getHeader()), 0, config);
    } catch (RuntimeException e) {
      throw new ChannelJoinException(ChannelJoinException.Kind.BAD_REQUEST,
          "channel configuration is not valid: " + e.getMessage());
    }
    if (state.limits().absoluteMaxBytes() > tuning.maxEntryBytes() - 64 * 1024) {
      throw new ChannelJoinException(ChannelJoinException.Kind.BAD_REQUEST, "absolute_max_bytes "
          + state.limits().absoluteMaxBytes() + " exceeds what this orderer's Raft log takes per entry ("
          + (tuning.maxEntryBytes() - 64 * 1024) + ")");
    }
    Path dir = channelsDir.resolve(channelId);
    BlockStore store = BlockStore.open(dir, recentBlocks);
    store.append(genesis);
    store.syncToDisk(); // the genesis block is in no Raft log: nothing could apply it again
    ChannelRuntime runtime = register(new OrderingChannel(channelId, store, state));
    try {
      // An orderer that is being added (not in the genesis consenters) starts with the genesis
      // members plus itself and waits until the leader's setConfiguration brings it in.
      var group = groupOf(config);
      if (!genesisConsenter) {
        List<org.apache.ratis.protocol.RaftPeer> peers = new ArrayList<>(group.getPeers());
        peers.add(selfAsPeer);
        group = org.apache.ratis.protocol.RaftGroup.valueOf(group.getGroupId(), peers);
      }
      raft.addGroup(group);
    } catch (IOException e) {
      runtime.close();
      channels.remove(channelId);
      byGroup.remove(runtime.channel().groupId());
      deleteRecursively(dir);
      throw new ChannelJoinException(ChannelJoinException.Kind.INTERNAL, "cannot start Raft for channel '"
          + channelId + "': " + e.getMessage());
    }
    log.info("channel {}: joined, {} consenters", channelId, config.getOrdering().getConsentersCount());
    return state;
  }

  /** Stops ordering a channel on this orderer and deletes its blocks and Raft log. */
  public synchronized boolean remove(String channelId) throws IOException {
    ChannelRuntime runtime = channels.remove(channelId);
    if (runtime == null) {
      return false;
    }
    byGroup.remove(runtime.channel().groupId());
    raft.removeGroup(runtime.channel().groupId());
    runtime.close();
    deleteRecursively(channelsDir.resolve(channelId));
    log.info("channel {}: removed from this orderer", channelId);
    return true;
  }

  public Optional<ChannelRuntime> channel(String channelId) {
    return Optional.ofNullable(channels.get(channelId));
  }

  public List<ChannelRuntime> channels() {
    return channels.values().stream().sorted(Comparator.comparing(r -> r.channel().id())).toList();
  }

  public String ordererId() {
    return ordererId;
  }

  public SigningIdentity signer() {
    return signer;
  }

  public OrdererRaftServer raft() {
    return raft;
  }

  /** True when this orderer leads the channel's Raft group. */
  public boolean isLeader(ChannelRuntime runtime) {
    var division = raft.division(runtime.channel().groupId());
    return division != null && division.getInfo().isLeader();
  }

  /** The channel's current Raft leader as this orderer sees it, if any. */
  public Optional<RaftPeerId> leaderOf(ChannelRuntime runtime) {
    var division = raft.division(runtime.channel().groupId());
    if (division == null) {
      return Optional.empty();
    }
    return Optional.ofNullable(division.getInfo().getLeaderId());
  }

  @Override
  public void leaderChanged(OrderingChannel channel, RaftPeerId leader, boolean self) {
    ChannelRuntime runtime = channels.get(channel.id());
    if (runtime == null) {
      return;
    }
    if (leader == null && isRaftLeader(channel)) {
      // Ratis can deliver a "not leader" from before this term's election after the election
      // itself (seen on a single orderer: elected, then "unknown" 80 ms later); taking it would
      // leave the real leader's sequencer stopped until the next term. A real step-down also
      // changes the role first, and is followed by the new leader's notification.
      log.debug("channel {}: ignoring a stale not-leader notification, this orderer leads", channel.id());
      return;
    }
    runtime.setLeader(leader);
    runtime.sequencer().setLeading(self && !runtime.channel().isEvicted());
    log.info("channel {}: leader is now {}", channel.id(), leader == null ? "unknown" : leader);
  }

  @Override
  public void leaderReady(OrderingChannel channel) {
    ChannelRuntime runtime = channels.get(channel.id());
    if (runtime != null && !runtime.channel().isEvicted()) {
      runtime.sequencer().setLeading(true);
      // A leader that died between a config block and its setConfiguration leaves it to the next one.
      reconcileMembership(channel);
    }
  }

  private void configApplied(OrderingChannel channel, ChannelConfig previous, ChannelConfig current) {
    if (!previous.getOrdering().getConsentersList().equals(current.getOrdering().getConsentersList())) {
      reconcileMembership(channel);
      if (isConsenter(previous) && !isConsenter(current)) {
        evict(channel);
      }
    }
  }

  /**
   * This orderer was removed from the channel's consenters: it stops ordering and answering
   * for the channel at once (Broadcast and Deliver send clients to the consenters), keeps the
   * blocks it has, records the eviction so a restart does not rejoin the old group, and leaves
   * the Raft group once the leader had time to commit the new membership (it may be the leader).
   */
  private void evict(OrderingChannel channel) {
    log.warn("channel {}: this orderer was removed from the consenters at block {}; it stops ordering the channel "
        + "(its blocks stay; remove the channel with the participation API to delete them)", channel.id(),
        channel.height() - 1);
    channel.markEvicted();
    ChannelRuntime runtime = channels.get(channel.id());
    if (runtime != null) {
      runtime.sequencer().setLeading(false);
    }
    try {
      Files.writeString(channelsDir.resolve(channel.id()).resolve(EVICTED_MARKER),
          "removed from the consenters at block " + (channel.height() - 1) + "\n");
    } catch (IOException e) {
      log.error("channel {}: cannot record the eviction; after a restart this orderer would try to rejoin "
          + "the Raft group", channel.id(), e);
    }
    membershipChanges.execute(() -> {
      long deadline = System.currentTimeMillis() + EVICTION_GRACE_MILLIS;
      try {
        while (System.currentTimeMillis() < deadline && stillMemberOfRaftGroup(channel)) {
          Thread.sleep(200);
        }
        if (channels.get(channel.id()) != null && raft.hasGroup(channel.groupId())) {
          raft.removeGroup(channel.groupId());
          log.info("channel {}: left the Raft group after the eviction", channel.id());
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } catch (IOException | RuntimeException e) {
        log.warn("channel {}: cannot leave the Raft group after the eviction: {}", channel.id(), e.getMessage());
      }
    });
  }

  private boolean isConsenter(ChannelConfig config) {
    return config.getOrdering().getConsentersList().stream().anyMatch(c -> c.getId().equals(ordererId));
  }

  private boolean isRaftLeader(OrderingChannel channel) {
    var division = raft == null ? null : raft.division(channel.groupId());
    return division != null && division.getInfo().isLeader();
  }

  private boolean stillMemberOfRaftGroup(OrderingChannel channel) {
    var division = raft.division(channel.groupId());
    if (division == null) {
      return false;
    }
    for (var peer : division.getRaftConf().getCurrentPeers()) {
      if (peer.getId().equals(raft.peerId())) {
        return true;
      }
    }
    return false;
  }

  /** On the leader: makes the Raft group's members equal the channel's consenters. */
  private void reconcileMembership(OrderingChannel channel) {
    membershipChanges.execute(() -> {
      var division = raft.division(channel.groupId());
      if (division == null || !division.getInfo().isLeader()) {
        return;
      }
      List<org.apache.ratis.protocol.RaftPeer> wanted =
          ChannelGroups.peersOf(channel.state().config().getOrdering().getConsentersList());
      java.util.Set<RaftPeerId> current = new java.util.HashSet<>();
      division.getRaftConf().getCurrentPeers().forEach(p -> current.add(p.getId()));
      java.util.Set<RaftPeerId> target = new java.util.HashSet<>();
      wanted.forEach(p -> target.add(p.getId()));
      if (current.equals(target)) {
        return;
      }
      try {
        log.info("channel {}: changing Raft members from {} to {}", channel.id(), current, target);
        raft.setConfiguration(division.getGroup(), wanted);
        log.info("channel {}: Raft members are now {}", channel.id(), target);
      } catch (IOException | RuntimeException e) {
        log.warn("channel {}: setConfiguration to {} failed: {}", channel.id(), target, e.getMessage());
      }
    });
  }

  @Override
  public void close() throws IOException {
    membershipChanges.shutdownNow();
    for (ChannelRuntime runtime : channels.values()) {
      runtime.sequencer().close();
    }
    try {
      raft.close();
    } finally {
      for (ChannelRuntime runtime : channels.values()) {
        runtime.channel().close();
      }
    }
  }

  private static void deleteRecursively(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + dir, e);
    }
  }
}
