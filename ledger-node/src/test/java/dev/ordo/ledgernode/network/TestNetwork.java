package dev.ordo.ledgernode.network;

import com.google.protobuf.ByteString;
import dev.ordo.ledgernode.node.Channels;
import dev.ordo.ledgernode.node.LedgerNodeApplication;
import dev.ordo.membership.cryptogen.CryptoLayout;
import dev.ordo.membership.cryptogen.CryptoMaterialGenerator;
import dev.ordo.membership.cryptogen.NetworkSpec;
import dev.ordo.membership.msp.MspDirectory;
import dev.ordo.ordering.LoopbackPorts;
import dev.ordo.ordering.OrdererNode;
import dev.ordo.ordering.OrderingServiceApplication;
import dev.ordo.proto.v1.BatchSize;
import dev.ordo.proto.v1.ChannelConfig;
import dev.ordo.proto.v1.Consenter;
import dev.ordo.proto.v1.ContractDefinition;
import dev.ordo.proto.v1.Endpoint;
import dev.ordo.proto.v1.OrderingConfig;
import dev.ordo.proto.v1.Organization;
import dev.ordo.proto.v1.Policy;
import dev.ordo.proto.wire.ConfigBlocks;
import dev.ordo.proto.wire.Sha256;
import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.InvalidKeyException;
import java.security.cert.CertificateException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.hyperledger.fabric.client.Gateway;
import org.hyperledger.fabric.client.identity.Identities;
import org.hyperledger.fabric.client.identity.Signers;
import org.hyperledger.fabric.client.identity.X509Identity;
import org.hyperledger.fabric.protos.common.Block;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A real network on loopback for end-to-end tests: one orderer (the ordering service's own
 * Spring application, single-node Raft) and one ledger node per peer organisation (Org1,
 * Org2), each an in-JVM Spring context with its own ports and data directory, on one channel
 * whose genesis block defines the asset-transfer sample with the given endorsement policy.
 * Clients are the official fabric-gateway client.
 */
public final class TestNetwork implements AutoCloseable {
    public static final String CHANNEL = "mychannel";
    public static final String CONTRACT = "asset-transfer";
    public static final String ORDERER_MSP = "OrdererMSP";
    private static final Path SAMPLES = Path.of(System.getProperty("ordo.sample.contracts", "target/sample-contracts"));

    private final Path root;
    private final CryptoLayout crypto;
    private final int ordererPort = LoopbackPorts.next();
    private final int raftPort = LoopbackPorts.next();
    private final int ordererAdminPort = LoopbackPorts.next();
    private final int ordererOperationsPort = LoopbackPorts.next();
    private final List<Peer> peers = new ArrayList<>();
    private final List<ManagedChannel> clientChannels = new ArrayList<>();
    private final List<Gateway> gateways = new ArrayList<>();
    private ConfigurableApplicationContext orderer;
    private Path genesisFile;

    /** One ledger node: its fixed ports and directories, and its context while it runs. */
    public static final class Peer {
        final int org;
        final int port = LoopbackPorts.next();
        final int adminPort = LoopbackPorts.next();
        final int operationsPort = LoopbackPorts.next();
        final Path home;
        final Path dataDir;
        ConfigurableApplicationContext context;

        Peer(int org, Path home, Path dataDir) {
            this.org = org;
            this.home = home;
            this.dataDir = dataDir;
        }

        public String mspId() {
            return "Org" + org + "MSP";
        }

        public int port() {
            return port;
        }

        public int operationsPort() {
            return operationsPort;
        }

        public int adminPort() {
            return adminPort;
        }

        public Path dataDir() {
            return dataDir;
        }

        public Channels channels() {
            return context.getBean(Channels.class);
        }

        public long height() {
            return channels().channel(CHANNEL).orElseThrow().ledger().height();
        }
    }

    private TestNetwork(Path root, CryptoLayout crypto) {
        this.root = root;
        this.crypto = crypto;
    }

    /** Generates material, starts the orderer and both ledger nodes, and joins them all to the channel. */
    public static TestNetwork start(Path root, String endorsementPolicy) throws Exception {
        CryptoMaterialGenerator.generate(NetworkSpec.sample(1, 2, 1), root.resolve("crypto"));
        TestNetwork network = new TestNetwork(root, CryptoLayout.of(root.resolve("crypto")));
        try {
            network.startOrderer();
            for (int org = 1; org <= 2; org++) {
                network.peers.add(new Peer(org, network.crypto.peer("org" + org + ".example.com", "peer0"),
                        root.resolve("data").resolve("peer0.org" + org)));
            }
            Block genesis = ConfigBlocks.genesis(network.channelConfig(endorsementPolicy));
            network.genesisFile = Files.write(root.resolve("genesis.block"), genesis.toByteArray());
            network.orderer.getBean(OrdererNode.class).join(genesis);
            network.startPeers();
        } catch (Exception | Error e) {
            network.close();
            throw e;
        }
        return network;
    }

    private void startOrderer() {
        Path home = crypto.orderer("example.com", "orderer0");
        Path tls = home.resolve("tls");
        Map<String, Object> props = new LinkedHashMap<>();
        props.put("ordo.orderer.id", "orderer0.example.com");
        props.put("ordo.orderer.msp-id", ORDERER_MSP);
        props.put("ordo.orderer.msp-dir", home.resolve("msp"));
        props.put("ordo.orderer.tls-dir", tls);
        props.put("ordo.orderer.data-dir", root.resolve("data").resolve("orderer0"));
        props.put("ordo.orderer.host", "127.0.0.1");
        props.put("ordo.orderer.broadcast-port", ordererPort);
        props.put("ordo.orderer.raft-port", raftPort);
        props.put("ordo.orderer.client-root-cas", tlsCa(1) + "," + tlsCa(2));
        props.put("server.port", ordererAdminPort);
        props.put("server.address", "127.0.0.1");
        props.put("server.ssl.enabled", "true");
        props.put("server.ssl.certificate", "file:" + tls.resolve("server.crt"));
        props.put("server.ssl.certificate-private-key", "file:" + tls.resolve("server.key"));
        props.put("server.ssl.trust-certificate", "file:" + tls.resolve("ca.crt"));
        props.put("server.ssl.client-auth", "need");
        props.put("management.server.port", ordererOperationsPort);
        props.put("management.server.address", "127.0.0.1");
        props.put("spring.main.banner-mode", "off");
        props.put("logging.level.org.apache.ratis", "WARN");
        orderer = new SpringApplicationBuilder(OrderingServiceApplication.class).run(args(props));
    }

    private Path tlsCa(int org) {
        String domain = "org" + org + ".example.com";
        return crypto.peerOrganization(domain).resolve("tlsca").resolve("tlsca." + domain + "-cert.pem");
    }

    /** Starts (or restarts from its data directory) ledger node {@code i} (0 = Org1, 1 = Org2). */
    public void startPeer(int i) throws IOException {
        Peer peer = peers.get(i);
        if (peer.context != null) {
            throw new IllegalStateException("peer of Org" + peer.org + " already runs");
        }
        Path contracts = Files.createDirectories(peer.dataDir.resolve("contracts"));
        Files.copy(SAMPLES.resolve("asset-transfer.jar"), contracts.resolve(CONTRACT + ".jar"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Path tls = peer.home.resolve("tls");
        Map<String, Object> props = new LinkedHashMap<>();
        props.put("ordo.peer.id", "peer0.org" + peer.org + ".example.com");
        props.put("ordo.peer.msp-id", peer.mspId());
        props.put("ordo.peer.msp-dir", peer.home.resolve("msp"));
        props.put("ordo.peer.tls-dir", tls);
        props.put("ordo.peer.data-dir", peer.dataDir);
        props.put("ordo.peer.host", "127.0.0.1");
        props.put("ordo.peer.port", peer.port);
        props.put("ordo.peer.channels[0].genesis-block", genesisFile);
        props.put("server.port", peer.adminPort);
        props.put("server.address", "127.0.0.1");
        props.put("server.ssl.enabled", "true");
        props.put("server.ssl.certificate", "file:" + tls.resolve("server.crt"));
        props.put("server.ssl.certificate-private-key", "file:" + tls.resolve("server.key"));
        props.put("server.ssl.trust-certificate", "file:" + tls.resolve("ca.crt"));
        props.put("server.ssl.client-auth", "need");
        props.put("management.server.port", peer.operationsPort);
        props.put("management.server.address", "127.0.0.1");
        props.put("spring.main.banner-mode", "off");
        peer.context = new SpringApplicationBuilder(LedgerNodeApplication.class).run(args(props));
    }

    /** Starts every ledger node at once (each deploys its contracts, which takes seconds). */
    private void startPeers() throws Exception {
        // Own threads: the common pool has a single worker on two cores.
        java.util.concurrent.ExecutorService starter = java.util.concurrent.Executors.newFixedThreadPool(peers.size());
        List<java.util.concurrent.CompletableFuture<Void>> starts = new ArrayList<>();
        for (int i = 0; i < peers.size(); i++) {
            int index = i;
            starts.add(java.util.concurrent.CompletableFuture.runAsync(() -> {
                try {
                    startPeer(index);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }, starter));
        }
        starter.shutdown();
        for (java.util.concurrent.CompletableFuture<Void> start : starts) {
            try {
                start.get();
            } catch (java.util.concurrent.ExecutionException e) {
                throw e.getCause() instanceof Exception cause ? cause : e;
            }
        }
    }

    /** Stops ledger node {@code i}; its data directory stays. */
    public void stopPeer(int i) {
        Peer peer = peers.get(i);
        if (peer.context != null) {
            ConfigurableApplicationContext context = peer.context;
            peer.context = null;
            context.close();
        }
    }

    public Peer peer(int i) {
        return peers.get(i);
    }

    private ChannelConfig channelConfig(String endorsementPolicy) throws IOException {
        ChannelConfig.Builder config = ChannelConfig.newBuilder().setChannelId(CHANNEL).setSequence(0);
        config.addOrganizations(MspDirectory.loadOrganization(crypto.ordererOrganization("example.com")
                .resolve("msp"), ORDERER_MSP));
        for (Peer peer : peers) {
            Organization org = MspDirectory.loadOrganization(
                    crypto.peerOrganization("org" + peer.org + ".example.com").resolve("msp"), peer.mspId());
            config.addOrganizations(org.toBuilder()
                    .addAnchorPeers(Endpoint.newBuilder().setHost("127.0.0.1").setPort(peer.port)));
        }
        Path ordererHome = crypto.orderer("example.com", "orderer0");
        byte[] serverCert = Files.readAllBytes(ordererHome.resolve("tls/server.crt"));
        config.setOrdering(OrderingConfig.newBuilder()
                .setBatchSize(BatchSize.newBuilder().setMaxMessageCount(50)
                        .setAbsoluteMaxBytes(10 * 1024 * 1024).setPreferredMaxBytes(2 * 1024 * 1024))
                .setBatchTimeoutMillis(100)
                .setMaxEnvelopeBytes(1024 * 1024)
                .addConsenters(Consenter.newBuilder()
                        .setId("orderer0.example.com")
                        .setMspId(ORDERER_MSP)
                        .setEndpoint(Endpoint.newBuilder().setHost("127.0.0.1").setPort(ordererPort))
                        .setRaftEndpoint(Endpoint.newBuilder().setHost("127.0.0.1").setPort(raftPort))
                        .setIdentity(ByteString.copyFrom(MspDirectory.loadSigningIdentity(ordererHome.resolve("msp"),
                                ORDERER_MSP).serializedIdentity()))
                        .setServerTlsCert(ByteString.copyFrom(serverCert))
                        .setClientTlsCert(ByteString.copyFrom(serverCert))));
        byte[] jar = Files.readAllBytes(SAMPLES.resolve("asset-transfer.jar"));
        config.addContracts(ContractDefinition.newBuilder()
                .setName(CONTRACT)
                .setVersion("1.0")
                .setSequence(1)
                .setJarSha256(ByteString.copyFrom(Sha256.digest(jar)))
                .setEndorsementPolicy(Policy.newBuilder().setSignature(endorsementPolicy)));
        return config.build();
    }

    /** A gateway connection for User1 of Org{@code org} to that org's ledger node, over TLS. */
    public Gateway gateway(int org) throws IOException, CertificateException, InvalidKeyException {
        ManagedChannel channel = connectionTo(org);
        Gateway gateway = Gateway.newInstance()
                .identity(new X509Identity("Org" + org + "MSP", userCertificate(org)))
                .signer(Signers.newPrivateKeySigner(userKey(org)))
                .connection(channel)
                .evaluateOptions(options -> options.withDeadlineAfter(30, TimeUnit.SECONDS))
                .endorseOptions(options -> options.withDeadlineAfter(30, TimeUnit.SECONDS))
                .submitOptions(options -> options.withDeadlineAfter(30, TimeUnit.SECONDS))
                .commitStatusOptions(options -> options.withDeadlineAfter(60, TimeUnit.SECONDS))
                .connect();
        gateways.add(gateway);
        return gateway;
    }

    /** The certificate of User1 of Org{@code org}. */
    public java.security.cert.X509Certificate userCertificate(int org) throws IOException, CertificateException {
        try (Reader reader = Files.newBufferedReader(onlyFile(userMsp(org).resolve("signcerts")))) {
            return Identities.readX509Certificate(reader);
        }
    }

    /** The private key of User1 of Org{@code org}. */
    public java.security.PrivateKey userKey(int org) throws IOException, InvalidKeyException {
        try (Reader reader = Files.newBufferedReader(onlyFile(userMsp(org).resolve("keystore")))) {
            return Identities.readPrivateKey(reader);
        }
    }

    private Path userMsp(int org) {
        return crypto.peerUser("org" + org + ".example.com", "User1").resolve("msp");
    }

    private static Path onlyFile(Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.findFirst().orElseThrow(() -> new IOException("no file in " + directory));
        }
    }

    /** A gateway connection to Org1's node for a client of {@code mspId} holding {@code certificate} and {@code key}. */
    public Gateway gateway(String mspId, java.security.cert.X509Certificate certificate, java.security.PrivateKey key)
            throws IOException {
        ManagedChannel channel = NettyChannelBuilder.forAddress("127.0.0.1", peers.get(0).port)
                .sslContext(GrpcSslContexts.forClient().trustManager(tlsCa(1).toFile()).build())
                .build();
        clientChannels.add(channel);
        Gateway gateway = Gateway.newInstance()
                .identity(new X509Identity(mspId, certificate))
                .signer(Signers.newPrivateKeySigner(key))
                .connection(channel)
                .connect();
        gateways.add(gateway);
        return gateway;
    }

    /** A plain gRPC connection (server-side TLS) to Org{@code org}'s ledger node. */
    public ManagedChannel connectionTo(int org) throws IOException {
        ManagedChannel channel = NettyChannelBuilder.forAddress("127.0.0.1", peers.get(org - 1).port)
                .sslContext(GrpcSslContexts.forClient().trustManager(tlsCa(org).toFile()).build())
                .build();
        clientChannels.add(channel);
        return channel;
    }

    /** User1 of Org{@code org}, as a signer of Fabric messages. */
    public dev.ordo.membership.identity.SigningIdentity user(int org) throws IOException {
        return MspDirectory.loadSigningIdentity(userMsp(org), "Org" + org + "MSP");
    }

    /** An HTTPS client for Org{@code org}'s admin port, authenticating as its Admin user (mutual TLS). */
    public java.net.http.HttpClient adminClient(int org) throws Exception {
        String domain = "org" + org + ".example.com";
        dev.ordo.membership.tls.TlsMaterial admin = dev.ordo.membership.tls.TlsMaterial.load(
                crypto.peerUser(domain, "Admin").resolve("tls"));
        java.security.KeyStore keys = java.security.KeyStore.getInstance("PKCS12");
        keys.load(null, null);
        java.security.PrivateKey key = dev.ordo.membership.crypto.Pem.decodePrivateKey(
                Files.readAllBytes(crypto.peerUser(domain, "Admin").resolve("tls/client.key")));
        keys.setKeyEntry("admin", key, new char[0],
                admin.certificateChain().toArray(new java.security.cert.Certificate[0]));
        java.security.KeyStore trust = java.security.KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("ca", admin.trustedRoots().get(0));
        javax.net.ssl.KeyManagerFactory kmf = javax.net.ssl.KeyManagerFactory.getInstance(
                javax.net.ssl.KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(keys, new char[0]);
        javax.net.ssl.TrustManagerFactory tmf = javax.net.ssl.TrustManagerFactory.getInstance(
                javax.net.ssl.TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        javax.net.ssl.SSLContext ssl = javax.net.ssl.SSLContext.getInstance("TLS");
        ssl.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
        return java.net.http.HttpClient.newBuilder().sslContext(ssl).build();
    }

    /** The Admin of Org{@code org}, as a signer of Fabric messages. */
    public dev.ordo.membership.identity.SigningIdentity admin(int org) throws IOException {
        return MspDirectory.loadSigningIdentity(crypto.peerUser("org" + org + ".example.com", "Admin").resolve("msp"),
                "Org" + org + "MSP");
    }

    /** Sends {@code envelope} to the orderer's Broadcast as Org1's Admin (mutual TLS) and returns its answer. */
    public org.hyperledger.fabric.protos.orderer.BroadcastResponse broadcast(
            org.hyperledger.fabric.protos.common.Envelope envelope) throws Exception {
        dev.ordo.membership.tls.TlsMaterial tls = dev.ordo.membership.tls.TlsMaterial.load(
                crypto.peerUser("org1.example.com", "Admin").resolve("tls"))
                .withTrustedRoots(dev.ordo.membership.tls.TlsMaterial.load(
                        crypto.orderer("example.com", "orderer0").resolve("tls")).trustedRoots());
        ManagedChannel channel = NettyChannelBuilder.forAddress("127.0.0.1", ordererPort)
                .sslContext(tls.forClient()).build();
        try {
            java.util.concurrent.CompletableFuture<org.hyperledger.fabric.protos.orderer.BroadcastResponse> answer =
                    new java.util.concurrent.CompletableFuture<>();
            io.grpc.stub.StreamObserver<org.hyperledger.fabric.protos.common.Envelope> requests =
                    org.hyperledger.fabric.protos.orderer.AtomicBroadcastGrpc.newStub(channel)
                            .broadcast(new io.grpc.stub.StreamObserver<>() {
                                @Override
                                public void onNext(org.hyperledger.fabric.protos.orderer.BroadcastResponse value) {
                                    answer.complete(value);
                                }

                                @Override
                                public void onError(Throwable t) {
                                    answer.completeExceptionally(t);
                                }

                                @Override
                                public void onCompleted() {
                                }
                            });
            requests.onNext(envelope);
            org.hyperledger.fabric.protos.orderer.BroadcastResponse response = answer.get(30, TimeUnit.SECONDS);
            requests.onCompleted();
            return response;
        } finally {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    public Path genesisFile() {
        return genesisFile;
    }

    /** Waits until every running peer has committed {@code height} blocks. */
    public void awaitHeight(long height, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (peers.stream().filter(p -> p.context != null).allMatch(p -> p.height() >= height)) {
                return;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("peers did not reach height " + height + " within " + timeout);
    }

    public Path root() {
        return root;
    }

    @Override
    public void close() {
        gateways.forEach(Gateway::close);
        for (ManagedChannel channel : clientChannels) {
            channel.shutdownNow();
        }
        for (int i = 0; i < peers.size(); i++) {
            try {
                stopPeer(i);
            } catch (RuntimeException e) {
                // keep stopping the others
            }
        }
        if (orderer != null) {
            orderer.close();
        }
    }

    private static String[] args(Map<String, Object> props) {
        // Command-line arguments outrank every application.yaml on the class path.
        return props.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new);
    }
}
