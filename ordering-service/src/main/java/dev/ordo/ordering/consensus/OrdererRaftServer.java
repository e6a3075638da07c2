package dev.ordo.ordering.consensus;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.ratis.client.RaftClient;
import org.apache.ratis.conf.Parameters;
import org.apache.ratis.conf.RaftProperties;
import org.apache.ratis.grpc.GrpcConfigKeys;
import org.apache.ratis.grpc.GrpcFactory;
import org.apache.ratis.grpc.GrpcTlsConfig;
import org.apache.ratis.protocol.ClientId;
import org.apache.ratis.protocol.GroupManagementRequest;
import org.apache.ratis.protocol.Message;
import org.apache.ratis.protocol.RaftClientReply;
import org.apache.ratis.protocol.RaftClientRequest;
import org.apache.ratis.protocol.RaftGroup;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.protocol.RaftPeer;
import org.apache.ratis.protocol.RaftPeerId;
import org.apache.ratis.retry.RetryPolicies;
import org.apache.ratis.server.RaftServer;
import org.apache.ratis.server.RaftServerConfigKeys;
import org.apache.ratis.server.storage.RaftStorage;
import org.apache.ratis.statemachine.StateMachine;
import org.apache.ratis.util.SizeInBytes;
import org.apache.ratis.util.TimeDuration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This orderer's single Ratis server, hosting one Raft group per channel. Settings follow
 * RATIS-NOTES: explicit storage dir, RECOVER start (groups are formatted when added), entry byte
 * limit with matching write buffer, automatic snapshots, install-snapshot off (missing blocks
 * are fetched over Deliver instead), default election timeouts, mutual TLS between orderers.
 */
public final class OrdererRaftServer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(OrdererRaftServer.class);

  private final RaftSettings settings;
  private final RaftProperties properties;
  private final Parameters parameters;
  private final RaftServer server;
  private final ClientId clientId = ClientId.randomId();
  private final AtomicLong callIds = new AtomicLong();

  public OrdererRaftServer(RaftSettings settings, StateMachine.Registry stateMachines) throws IOException {
    this.settings = settings;
    this.properties = properties(settings);
    this.parameters = new Parameters();
    GrpcTlsConfig tls = new GrpcTlsConfig(settings.tls().privateKey().toFile(), settings.tls().certificate().toFile(),
        settings.tls().trustedRoots().toFile(), true);
    GrpcConfigKeys.TLS.setConf(parameters, tls);
    GrpcConfigKeys.Server.setTlsConf(parameters, tls);
    GrpcConfigKeys.Client.setTlsConf(parameters, tls);
    GrpcConfigKeys.Admin.setTlsConf(parameters, tls);
    this.server = RaftServer.newBuilder()
        .setServerId(RaftPeerId.valueOf(settings.peerId()))
        .setProperties(properties)
        .setParameters(parameters)
        .setStateMachineRegistry(stateMachines)
        .setOption(RaftStorage.StartupOption.RECOVER)
        .build();
  }

  static RaftProperties properties(RaftSettings settings) {
    RaftProperties p = new RaftProperties();
    RaftServerConfigKeys.setStorageDir(p, List.of(settings.storageDir().toFile()));
    GrpcConfigKeys.Server.setHost(p, settings.host());
    GrpcConfigKeys.Server.setPort(p, settings.port());
    SizeInBytes entryLimit = SizeInBytes.valueOf(settings.maxEntryBytes());
    RaftServerConfigKeys.Log.Appender.setBufferByteLimit(p, entryLimit);
    RaftServerConfigKeys.Log.setWriteBufferSize(p, SizeInBytes.valueOf(settings.maxEntryBytes() + 1024 * 1024));
    RaftServerConfigKeys.Log.setSegmentSizeMax(p, SizeInBytes.valueOf(settings.segmentBytes()));
    RaftServerConfigKeys.Log.setSegmentCacheNumMax(p, 2);
    // The proposals are state machine data kept by ChannelStateMachine's ProposalStore, which
    // caches the newest itself: Ratis's log and its cache hold only the entries' headers.
    RaftServerConfigKeys.Log.StateMachineData.setCachingEnabled(p, true);
    // Ratis keeps up to this much of each group's log on the heap (default 200 MB); per channel
    // on a small orderer heap that must stay modest.
    RaftServerConfigKeys.Log.setSegmentCacheSizeMax(p, SizeInBytes.valueOf(settings.logCacheBytes()));
    GrpcConfigKeys.setMessageSizeMax(p, SizeInBytes.valueOf(Math.max(64L << 20, 4L * settings.maxEntryBytes())));
    RaftServerConfigKeys.Log.Appender.setInstallSnapshotEnabled(p, false);
    RaftServerConfigKeys.Snapshot.setAutoTriggerEnabled(p, true);
    RaftServerConfigKeys.Snapshot.setAutoTriggerThreshold(p, settings.snapshotThreshold());
    RaftServerConfigKeys.Log.setPurgeGap(p, (int) Math.max(1, Math.min(1024, settings.snapshotThreshold() / 2)));
    RaftServerConfigKeys.Rpc.setTimeoutMin(p, TimeDuration.valueOf(settings.electionTimeoutMin().toMillis(),
        java.util.concurrent.TimeUnit.MILLISECONDS));
    RaftServerConfigKeys.Rpc.setTimeoutMax(p, TimeDuration.valueOf(settings.electionTimeoutMax().toMillis(),
        java.util.concurrent.TimeUnit.MILLISECONDS));
    RaftServerConfigKeys.Rpc.setRequestTimeout(p, TimeDuration.valueOf(10, java.util.concurrent.TimeUnit.SECONDS));
    return p;
  }

  public void start() throws IOException {
    server.start();
    log.info("Raft server {} listening on {}:{}", settings.peerId(), settings.host(), settings.port());
  }

  public RaftPeerId peerId() {
    return server.getId();
  }

  public RaftServer server() {
    return server;
  }

  /** Adds (and formats) a group on this server; the state machine comes from the registry. */
  public void addGroup(RaftGroup group) throws IOException {
    RaftClientReply reply = server.groupManagement(
        GroupManagementRequest.newAdd(clientId, server.getId(), callIds.incrementAndGet(), group, true));
    if (!reply.isSuccess()) {
      throw new IOException("cannot add Raft group " + group.getGroupId() + ": " + reply.getException());
    }
  }

  /** Removes a group from this server and deletes its Raft log. */
  public void removeGroup(RaftGroupId groupId) throws IOException {
    RaftClientReply reply = server.groupManagement(
        GroupManagementRequest.newRemove(clientId, server.getId(), callIds.incrementAndGet(), groupId, true, false));
    if (!reply.isSuccess()) {
      throw new IOException("cannot remove Raft group " + groupId + ": " + reply.getException());
    }
  }

  /** True when this server hosts the group. */
  public boolean hasGroup(RaftGroupId groupId) {
    for (RaftGroupId id : server.getGroupIds()) {
      if (id.equals(groupId)) {
        return true;
      }
    }
    return false;
  }

  /** This server's role in a group, or null when it does not host it. */
  public RaftServer.Division division(RaftGroupId groupId) {
    try {
      return server.getDivision(groupId);
    } catch (IOException e) {
      return null;
    }
  }

  /**
   * Submits a log entry to the group through this server, which must be the leader: no
   * retries, no forwarding. Completes when the entry is applied on this server.
   */
  public CompletableFuture<RaftClientReply> submit(RaftGroupId groupId, Message message) {
    RaftClientRequest request = RaftClientRequest.newBuilder()
        .setClientId(clientId)
        .setServerId(server.getId())
        .setGroupId(groupId)
        .setCallId(callIds.incrementAndGet())
        .setMessage(message)
        .setType(RaftClientRequest.writeRequestType())
        .build();
    try {
      return server.submitClientRequestAsync(request);
    } catch (IOException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  /** Changes a group's members (run on any member; the client finds the leader). */
  public void setConfiguration(RaftGroup group, List<RaftPeer> newPeers) throws IOException {
    try (RaftClient client = RaftClient.newBuilder()
        .setProperties(properties)
        .setParameters(parameters)
        .setRaftGroup(group)
        .setRetryPolicy(RetryPolicies.retryUpToMaximumCountWithFixedSleep(20,
            TimeDuration.valueOf(500, java.util.concurrent.TimeUnit.MILLISECONDS)))
        .build()) {
      RaftClientReply reply = client.admin().setConfiguration(newPeers);
      if (!reply.isSuccess()) {
        throw new IOException("setConfiguration of group " + group.getGroupId() + " failed: " + reply.getException());
      }
    }
  }

  @Override
  public void close() throws IOException {
    server.close();
  }
}
