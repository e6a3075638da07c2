package dev.ordo.ledgernode.intake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import dev.ordo.ledgernode.channel.PeerChannel;
import dev.ordo.ledgernode.ledger.ChannelLedger;
import dev.ordo.ledgernode.ledger.LedgerOptions;
import dev.ordo.ledgernode.remote.OrdererDirectory;
import dev.ordo.ledgernode.remote.OrdererEndpoint;
import dev.ordo.ledgernode.remote.RemoteChannels;
import dev.ordo.membership.cryptogen.CryptoLayout;
import dev.ordo.membership.cryptogen.CryptoMaterialGenerator;
import dev.ordo.membership.cryptogen.NetworkSpec;
import dev.ordo.membership.identity.SigningIdentity;
import dev.ordo.membership.msp.MspDirectory;
import dev.ordo.membership.tls.TlsMaterial;
import dev.ordo.proto.v1.ChannelConfig;
import dev.ordo.proto.v1.Consenter;
import dev.ordo.proto.v1.Endpoint;
import dev.ordo.proto.v1.OrderingConfig;
import dev.ordo.proto.wire.BlockSignatures;
import dev.ordo.proto.wire.Blocks;
import dev.ordo.proto.wire.ConfigBlocks;
import dev.ordo.proto.wire.DeliverRequestView;
import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.orderer.AtomicBroadcastGrpc;
import org.hyperledger.fabric.protos.orderer.BroadcastResponse;
import org.hyperledger.fabric.protos.orderer.DeliverResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Block intake against minimal AtomicBroadcast Deliver servers on loopback (mutual TLS): blocks
 * signed by a consenter are committed, a server whose blocks are signed by anyone else is left
 * for the next orderer, and a restarted intake resumes from the ledger's height.
 */
class BlockIntakeTest {
    private static final String CHANNEL = "intakechannel";
    private static final int BLOCKS = 5;

    @TempDir
    Path dir;
    private final List<Server> servers = new ArrayList<>();
    private final List<AutoCloseable> closeables = new ArrayList<>();
    private final ExecutorService validation = Executors.newFixedThreadPool(2);
    private CryptoLayout crypto;
    private SigningIdentity orderer;
    private SigningIdentity peer;
    private TlsMaterial ordererTls;
    private TlsMaterial peerTls;

    /** A Deliver-only orderer serving fixed blocks, recording where each request started. */
    private static final class DeliverOnly extends AtomicBroadcastGrpc.AtomicBroadcastImplBase {
        final List<Block> blocks;
        final List<Long> starts = new CopyOnWriteArrayList<>();

        DeliverOnly(List<Block> blocks) {
            this.blocks = blocks;
        }

        @Override
        public StreamObserver<Envelope> broadcast(StreamObserver<BroadcastResponse> out) {
            throw new UnsupportedOperationException();
        }

        @Override
        public StreamObserver<Envelope> deliver(StreamObserver<DeliverResponse> out) {
            return new StreamObserver<>() {
                @Override
                public void onNext(Envelope request) {
                    try {
                        long start = DeliverRequestView.parse(request).seekInfo().getStart().getSpecified().getNumber();
                        starts.add(start);
                        for (long n = start; n < blocks.size(); n++) {
                            out.onNext(DeliverResponse.newBuilder().setBlock(blocks.get((int) n)).build());
                        }
                        // Then, like BLOCK_UNTIL_READY past the tip, keep the stream open.
                    } catch (Exception e) {
                        out.onError(e);
                    }
                }

                @Override
                public void onError(Throwable t) {
                }

                @Override
                public void onCompleted() {
                    out.onCompleted();
                }
            };
        }
    }

    @BeforeEach
    void material() throws Exception {
        CryptoMaterialGenerator.generate(NetworkSpec.sample(1, 1, 1), dir.resolve("crypto"));
        crypto = CryptoLayout.of(dir.resolve("crypto"));
        Path ordererHome = crypto.orderer("example.com", "orderer0");
        Path peerHome = crypto.peer("org1.example.com", "peer0");
        orderer = MspDirectory.loadSigningIdentity(ordererHome.resolve("msp"), "OrdererMSP");
        peer = MspDirectory.loadSigningIdentity(peerHome.resolve("msp"), "Org1MSP");
        TlsMaterial ownPeerTls = TlsMaterial.load(peerHome.resolve("tls"));
        ordererTls = TlsMaterial.load(ordererHome.resolve("tls"));
        ordererTls = ordererTls.withTrustedRoots(List.of(ordererTls.trustedRoots().get(0),
                ownPeerTls.trustedRoots().get(0)));
        peerTls = ownPeerTls.withTrustedRoots(List.of(ownPeerTls.trustedRoots().get(0),
                ordererTls.trustedRoots().get(0)));
    }

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable c : closeables) {
            c.close();
        }
        for (Server server : servers) {
            server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
        validation.shutdownNow();
    }

    private int serve(DeliverOnly service) throws Exception {
        Server server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
                .sslContext(ordererTls.forServer(true))
                .addService(service)
                .build()
                .start();
        servers.add(server);
        return server.getPort();
    }

    private List<Block> chain(Block genesis, SigningIdentity signer) {
        List<Block> blocks = new ArrayList<>(List.of(genesis));
        for (int n = 1; n <= BLOCKS; n++) {
            Block previous = blocks.get(n - 1);
            // Not a transaction: committed with an invalid code, which is all intake needs.
            Block block = Blocks.newBlock(n, Blocks.headerHash(previous.getHeader()),
                    List.of(ByteString.copyFromUtf8("not an envelope " + n)));
            blocks.add(BlockSignatures.sign(block, signer, 0, ByteString.EMPTY));
        }
        return blocks;
    }

    private Block genesis() throws Exception {
        ChannelConfig config = ChannelConfig.newBuilder()
                .setChannelId(CHANNEL)
                .addOrganizations(MspDirectory.loadOrganization(
                        crypto.ordererOrganization("example.com").resolve("msp"), "OrdererMSP"))
                .addOrganizations(MspDirectory.loadOrganization(
                        crypto.peerOrganization("org1.example.com").resolve("msp"), "Org1MSP"))
                .setOrdering(OrderingConfig.newBuilder().addConsenters(Consenter.newBuilder()
                        .setId("orderer0.example.com")
                        .setMspId("OrdererMSP")
                        .setEndpoint(Endpoint.newBuilder().setHost("127.0.0.1").setPort(1))
                        .setIdentity(ByteString.copyFrom(orderer.serializedIdentity()))))
                .build();
        return ConfigBlocks.genesis(config);
    }

    private PeerChannel channel(Block genesis) throws Exception {
        ChannelLedger ledger = ChannelLedger.open(dir.resolve("ledger"), CHANNEL, LedgerOptions.defaults(), validation);
        if (ledger.height() == 0) {
            ledger.commit(genesis);
        }
        PeerChannel channel = new PeerChannel(ledger);
        closeables.add(channel);
        return channel;
    }

    private BlockIntake intake(PeerChannel channel, int... ports) {
        List<OrdererEndpoint> endpoints = new ArrayList<>();
        for (int port : ports) {
            endpoints.add(new OrdererEndpoint("orderer-" + port, "127.0.0.1", port));
        }
        RemoteChannels remote = new RemoteChannels(peerTls);
        BlockIntake intake = new BlockIntake(channel, new OrdererDirectory(endpoints), remote, peer, nanos -> { },
                Clock.systemUTC());
        closeables.add(0, remote);
        closeables.add(0, intake);
        return intake;
    }

    private static void awaitHeight(PeerChannel channel, long height) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (channel.ledger().height() < height && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertEquals(height, channel.ledger().height());
    }

    @Test
    void blocksSignedByANonConsenterAreRefusedAndTheNextOrdererServes() throws Exception {
        Block genesis = genesis();
        DeliverOnly impostor = new DeliverOnly(chain(genesis, peer));
        DeliverOnly consenter = new DeliverOnly(chain(genesis, orderer));
        int impostorPort = serve(impostor);
        int consenterPort = serve(consenter);
        PeerChannel channel = channel(genesis);

        BlockIntake intake = intake(channel, impostorPort, consenterPort);
        intake.start();
        awaitHeight(channel, BLOCKS + 1);

        assertEquals(List.of(1L), impostor.starts, "the impostor was asked once, from block 1");
        assertEquals(List.of(1L), consenter.starts);
        assertEquals(consenter.blocks.get(BLOCKS).getMetadata().getMetadata(0),
                channel.ledger().block(BLOCKS).orElseThrow().getMetadata().getMetadata(0),
                "the stored block carries the consenter's signature");
        assertTrue(intake.connected() || intake.orderer() != null);
    }

    @Test
    void restartedIntakeResumesFromTheLedgerHeight() throws Exception {
        Block genesis = genesis();
        List<Block> blocks = chain(genesis, orderer);
        DeliverOnly first = new DeliverOnly(blocks.subList(0, 3));
        PeerChannel channel = channel(genesis);
        BlockIntake intake = intake(channel, serve(first));
        intake.start();
        awaitHeight(channel, 3);
        intake.close();

        DeliverOnly second = new DeliverOnly(blocks);
        intake(channel, serve(second)).start();
        awaitHeight(channel, BLOCKS + 1);
        assertEquals(List.of(3L), second.starts);
    }
}
