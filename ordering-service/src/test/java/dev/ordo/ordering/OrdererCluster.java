package dev.ordo.ordering;

import com.google.protobuf.ByteString;
import dev.ordo.membership.cryptogen.CryptoLayout;
import dev.ordo.membership.cryptogen.CryptoMaterialGenerator;
import dev.ordo.membership.cryptogen.NetworkSpec;
import dev.ordo.membership.identity.SigningIdentity;
import dev.ordo.membership.msp.MspDirectory;
import dev.ordo.membership.tls.TlsMaterial;
import dev.ordo.proto.v1.BatchSize;
import dev.ordo.proto.v1.ChannelConfig;
import dev.ordo.proto.v1.Consenter;
import dev.ordo.proto.v1.Endpoint;
import dev.ordo.proto.v1.OrderingConfig;
import dev.ordo.proto.wire.ConfigBlocks;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.ratis.protocol.RaftPeerId;
import org.hyperledger.fabric.protos.common.Block;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A test network of orderers on loopback, like Ratis's MiniRaftCluster: crypto material for
 * an orderer organisation and two peer organisations, each orderer an in-JVM Spring context
 * with its own ports and data directory; start, kill, restart, add a new empty orderer.
 */
public final class OrdererCluster implements AutoCloseable {
  public static final String ORDERER_DOMAIN = "example.com";
  public static final String ORDERER_MSP = "OrdererMSP";

  private final Path root;
  private final CryptoLayout crypto;
  private final List<Member> members = new ArrayList<>();
  private final Map<String, String> overrides;

  /** One orderer of the cluster: its fixed ports and data dir, and its context while running. */
  public static final class Member {
    final String id;
    final int broadcastPort;
    final int raftPort;
    final int adminPort;
    final int operationsPort;
    final Path dataDir;
    final Path home;
    ConfigurableApplicationContext context;

    Member(String id, Path home, Path dataDir) {
      this.id = id;
      this.home = home;
      this.dataDir = dataDir;
      this.broadcastPort = LoopbackPorts.next();
      this.raftPort = LoopbackPorts.next();
      this.adminPort = LoopbackPorts.next();
      this.operationsPort = LoopbackPorts.next();
    }

    public String id() {
      return id;
    }

    public int broadcastPort() {
      return broadcastPort;
    }

    public int adminPort() {
      return adminPort;
    }

    public int operationsPort() {
      return operationsPort;
    }

    public boolean running() {
      return context != null;
    }

    public OrdererNode node() {
      if (context == null) {
        throw new IllegalStateException(id + " is not running");
      }
      return context.getBean(OrdererNode.class);
    }

    public Consenter consenter() throws IOException {
      return Consenter.newBuilder()
          .setId(id)
          .setMspId(ORDERER_MSP)
          .setEndpoint(Endpoint.newBuilder().setHost("127.0.0.1").setPort(broadcastPort))
          .setRaftEndpoint(Endpoint.newBuilder().setHost("127.0.0.1").setPort(raftPort))
          .setIdentity(ByteString.copyFrom(MspDirectory.loadSigningIdentity(home.resolve("msp"), ORDERER_MSP)
              .serializedIdentity()))
          .setServerTlsCert(ByteString.copyFrom(Files.readAllBytes(home.resolve("tls/server.crt"))))
          .setClientTlsCert(ByteString.copyFrom(Files.readAllBytes(home.resolve("tls/server.crt"))))
          .build();
    }
  }

  private OrdererCluster(Path root, CryptoLayout crypto, Map<String, String> overrides) {
    this.root = root;
    this.crypto = crypto;
    this.overrides = Map.copyOf(overrides);
  }

  /**
   * Generates material for {@code capacity} orderers (so tests can add some later) and two
   * peer organisations, and starts the first {@code running} orderers.
   */
  public static OrdererCluster start(Path root, int running, int capacity) throws IOException {
    return start(root, running, capacity, Map.of());
  }

  /** As {@link #start(Path, int, int)}, with extra {@code ordo.orderer.*} (or other) properties for every orderer. */
  public static OrdererCluster start(Path root, int running, int capacity, Map<String, String> overrides)
      throws IOException {
    CryptoMaterialGenerator.generate(NetworkSpec.sample(capacity, 2, 1), root.resolve("crypto"));
    OrdererCluster cluster = new OrdererCluster(root, CryptoLayout.of(root.resolve("crypto")), overrides);
    for (int i = 0; i < capacity; i++) {
      String host = "orderer" + i;
      cluster.members.add(new Member(host + "." + ORDERER_DOMAIN, cluster.crypto.orderer(ORDERER_DOMAIN, host),
          root.resolve("data").resolve(host)));
    }
    try {
      for (int i = 0; i < running; i++) {
        cluster.startMember(i);
      }
    } catch (RuntimeException e) {
      cluster.close();
      throw e;
    }
    return cluster;
  }

  public CryptoLayout crypto() {
    return crypto;
  }

  public Member member(int i) {
    return members.get(i);
  }

  public List<Member> running() {
    return members.stream().filter(Member::running).toList();
  }

  /** Starts (or restarts from its data directory) orderer {@code i}. */
  public void startMember(int i) {
    Member m = members.get(i);
    if (m.context != null) {
      throw new IllegalStateException(m.id + " already runs");
    }
    Path tls = m.home.resolve("tls");
    Map<String, Object> props = new HashMap<>();
    props.put("ordo.orderer.id", m.id);
    props.put("ordo.orderer.msp-id", ORDERER_MSP);
    props.put("ordo.orderer.msp-dir", m.home.resolve("msp").toString());
    props.put("ordo.orderer.tls-dir", tls.toString());
    props.put("ordo.orderer.data-dir", m.dataDir.toString());
    props.put("ordo.orderer.broadcast-port", m.broadcastPort);
    props.put("ordo.orderer.raft-port", m.raftPort);
    props.put("ordo.orderer.snapshot-threshold", 200);
    props.put("ordo.orderer.client-root-cas", crypto.peerOrganization("org1.example.com").resolve("tlsca")
        .resolve("tlsca.org1.example.com-cert.pem") + "," + crypto.peerOrganization("org2.example.com")
        .resolve("tlsca").resolve("tlsca.org2.example.com-cert.pem"));
    // Three orderers and the load generator share one JVM on two cores: longer election
    // timeouts than Ratis's 150/300 ms keep CPU stalls from deposing healthy leaders.
    props.put("ordo.orderer.election-timeout-min", "1s");
    props.put("ordo.orderer.election-timeout-max", "2s");
    props.put("server.port", m.adminPort);
    props.put("management.server.port", m.operationsPort);
    props.put("spring.main.banner-mode", "off");
    props.put("logging.level.dev.ordo.ordering.consensus.ChainAppender", "DEBUG"); // a line per block applied
    props.putAll(overrides);
    // Command-line arguments outrank application.yaml (builder properties would not).
    String[] args = props.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new);
    m.context = new SpringApplicationBuilder(OrderingServiceApplication.class).run(args);
  }

  /** Stops orderer {@code i} (its peers see it vanish; its data directory stays). */
  public void kill(int i) {
    Member m = members.get(i);
    if (m.context != null) {
      ConfigurableApplicationContext context = m.context;
      m.context = null;
      context.close();
    }
  }

  /** The channel configuration the tests use: orderer org + Org1 + Org2, given consenters. */
  public ChannelConfig channelConfig(String channelId, List<Integer> consenters, int maxMessageCount,
      Duration batchTimeout) throws IOException {
    ChannelConfig.Builder config = ChannelConfig.newBuilder().setChannelId(channelId).setSequence(0);
    config.addOrganizations(MspDirectory.loadOrganization(crypto.ordererOrganization(ORDERER_DOMAIN).resolve("msp"),
        ORDERER_MSP));
    for (int org = 1; org <= 2; org++) {
      config.addOrganizations(MspDirectory.loadOrganization(
          crypto.peerOrganization("org" + org + ".example.com").resolve("msp"), "Org" + org + "MSP"));
    }
    OrderingConfig.Builder ordering = OrderingConfig.newBuilder()
        .setBatchSize(BatchSize.newBuilder().setMaxMessageCount(maxMessageCount)
            .setAbsoluteMaxBytes(10 * 1024 * 1024).setPreferredMaxBytes(2 * 1024 * 1024))
        .setBatchTimeoutMillis(batchTimeout.toMillis())
        .setMaxEnvelopeBytes(1024 * 1024);
    for (int i : consenters) {
      ordering.addConsenters(members.get(i).consenter());
    }
    return config.setOrdering(ordering).build();
  }

  /** Creates a channel on the given orderers by joining each to the genesis block. */
  public Block createChannel(ChannelConfig config, List<Integer> on) throws Exception {
    Block genesis = ConfigBlocks.genesis(config);
    for (int i : on) {
      members.get(i).node().join(genesis);
    }
    return genesis;
  }

  /** Waits until every running orderer ordering the channel agrees on one leader; returns its index. */
  public int awaitLeader(String channelId, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      Optional<Integer> leader = leaderIndex(channelId);
      if (leader.isPresent()) {
        return leader.get();
      }
      Thread.sleep(50);
    }
    throw new AssertionError("no leader for channel " + channelId + " within " + timeout);
  }

  private Optional<Integer> leaderIndex(String channelId) {
    RaftPeerId agreed = null;
    for (Member m : running()) {
      var runtime = m.node().channel(channelId);
      if (runtime.isEmpty() || runtime.get().channel().isEvicted()) {
        continue;
      }
      Optional<RaftPeerId> leader = m.node().leaderOf(runtime.get());
      if (leader.isEmpty() || (agreed != null && !agreed.equals(leader.get()))) {
        return Optional.empty();
      }
      agreed = leader.get();
    }
    if (agreed == null) {
      return Optional.empty();
    }
    for (int i = 0; i < members.size(); i++) {
      Member m = members.get(i);
      if (m.id.equals(agreed.toString()) && m.running()
          && m.node().channel(channelId).map(r -> r.sequencer().isLeading()).orElse(false)) {
        return Optional.of(i);
      }
    }
    return Optional.empty();
  }

  /** A client of Org{@code org}: User1's signing identity and TLS client material. */
  public SigningIdentity user(int org) throws IOException {
    String domain = "org" + org + ".example.com";
    return MspDirectory.loadSigningIdentity(crypto.peerUser(domain, "User1").resolve("msp"), "Org" + org + "MSP");
  }

  /** User1's TLS client material, trusting the orderer organisation's TLS CA. */
  public TlsMaterial userTls(int org) throws IOException {
    return TlsMaterial.load(crypto.peerUser("org" + org + ".example.com", "User1").resolve("tls"))
        .withTrustedRoots(ordererTlsRoots());
  }

  public List<java.security.cert.X509Certificate> ordererTlsRoots() throws IOException {
    return TlsMaterial.load(members.get(0).home.resolve("tls")).trustedRoots();
  }

  /** Deletes orderer {@code i}'s data directory (it must be stopped). */
  public void wipe(int i) throws IOException {
    Member m = members.get(i);
    if (m.running()) {
      throw new IllegalStateException(m.id + " still runs");
    }
    if (Files.exists(m.dataDir)) {
      try (var paths = Files.walk(m.dataDir)) {
        for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
          Files.delete(p);
        }
      }
    }
  }

  public Path root() {
    return root;
  }

  @Override
  public void close() {
    for (int i = 0; i < members.size(); i++) {
      try {
        kill(i);
      } catch (RuntimeException e) {
        // keep stopping the others
      }
    }
  }
}
