package dev.ordo.ordering;

import dev.ordo.membership.identity.SigningIdentity;
import dev.ordo.ordering.blockstore.BlockStore;
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
      java.time.Duration electionTimeoutMin, java.time.Duration electionTimeoutMax) {
  }

  private final String ordererId;
  private final SigningIdentity signer;
  private final Path channelsDir;
  private final Tuning tuning;
  private final MissingBlockFetcher fetcher;
  private final ChannelSequencer.SequencerMetrics metrics;
  private final Map<String, ChannelRuntime> channels = new ConcurrentHashMap<>();
  private final Map<RaftGroupId, ChannelRuntime> byGroup = new ConcurrentHashMap<>();
  // Built after the channels found on disk are registered (the registry needs them).
  private OrdererRaftServer raft;

  public OrdererNode(String ordererId, SigningIdentity signer, Path dataDir, RaftSettings.TlsFiles raftTls,
      String raftHost, int raftPort, Tuning tuning, MissingBlockFetcher fetcher,
      ChannelSequencer.SequencerMetrics metrics) throws IOException {
    this.ordererId = ordererId;
    this.signer = signer;
    this.channelsDir = dataDir.resolve("channels");
    this.tuning = tuning;
    this.fetcher = fetcher;
    this.metrics = metrics;
    Files.createDirectories(channelsDir);
    Path raftDir = Files.createDirectories(dataDir.resolve("raft"));
    for (Path dir : listChannelDirs()) {
      String channelId = dir.getFileName().toString();
      BlockStore store = BlockStore.open(dir);
      if (store.height() == 0) {
        store.close();
        log.warn("channel {}: directory without genesis block ignored (join did not finish)", channelId);
        continue;
      }
      OrderingChannel channel = new OrderingChannel(channelId, store, ChannelStates.load(channelId, store));
      register(channel);
    }
    RaftSettings settings = new RaftSettings(ordererId, raftHost, raftPort, raftDir, raftTls,
        tuning.snapshotThreshold(), tuning.maxEntryBytes(), tuning.electionTimeoutMin(), tuning.electionTimeoutMax());
    StateMachine.Registry registry = groupId -> {
      ChannelRuntime runtime = byGroup.get(groupId);
      if (runtime == null) {
        throw new IllegalStateException("Raft group " + groupId + " has a log in " + raftDir
            + " but no channel directory in " + channelsDir);
      }
      return runtime.stateMachine();
    };
    this.raft = new OrdererRaftServer(settings, registry);
  }

  /** Starts Raft; recreates the group of any channel whose join stopped before the group existed. */
  public void start() throws IOException {
    raft.start();
    for (ChannelRuntime runtime : channels.values()) {
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
    ChainAppender appender = new ChainAppender(channel, signer);
    ChannelStateMachine stateMachine = new ChannelStateMachine(channel, appender, this, fetcher);
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
   * channel's Raft group on this orderer.
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
    if (config.getOrdering().getConsentersList().stream().noneMatch(c -> c.getId().equals(ordererId))) {
      throw new ChannelJoinException(ChannelJoinException.Kind.BAD_REQUEST,
          "this orderer (" + ordererId + ") is not a consenter of channel '" + channelId + "'");
    }
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
    BlockStore store = BlockStore.open(dir);
    store.append(genesis);
    ChannelRuntime runtime = register(new OrderingChannel(channelId, store, state));
    try {
      raft.addGroup(groupOf(config));
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
    runtime.setLeader(leader);
    runtime.sequencer().setLeading(self);
    log.info("channel {}: leader is now {}", channel.id(), leader == null ? "unknown" : leader);
  }

  @Override
  public void leaderReady(OrderingChannel channel) {
    ChannelRuntime runtime = channels.get(channel.id());
    if (runtime != null) {
      runtime.sequencer().setLeading(true);
    }
  }

  @Override
  public void close() throws IOException {
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
