package dev.ordo.ledgernode.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import dev.ordo.ledgernode.remote.OrdererDirectory;
import dev.ordo.ledgernode.remote.OrdererEndpoint;
import dev.ordo.ledgernode.remote.RemoteChannels;
import dev.ordo.ledgernode.validate.ChannelRules;
import dev.ordo.membership.cryptogen.CryptoLayout;
import dev.ordo.membership.cryptogen.CryptoMaterialGenerator;
import dev.ordo.membership.cryptogen.NetworkSpec;
import dev.ordo.membership.msp.MspDirectory;
import dev.ordo.membership.tls.TlsMaterial;
import dev.ordo.proto.v1.ChannelConfig;
import io.grpc.Server;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.protobuf.StatusProto;
import io.grpc.stub.StreamObserver;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.Status;
import org.hyperledger.fabric.protos.gateway.ErrorDetail;
import org.hyperledger.fabric.protos.orderer.AtomicBroadcastGrpc;
import org.hyperledger.fabric.protos.orderer.BroadcastResponse;
import org.hyperledger.fabric.protos.orderer.DeliverResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Submit's fail-over between orderers, against Broadcast servers on loopback with mutual TLS. */
class OrdererSubmitterTest {
    @TempDir
    static Path dir;
    static TlsMaterial ordererTls;
    static TlsMaterial peerTls;
    static ChannelRules rules;
    static final List<Server> servers = new ArrayList<>();
    static final Envelope ENVELOPE = Envelope.newBuilder().setPayload(ByteString.copyFromUtf8("tx")).build();

    /** Answers every envelope with one fixed status and counts them. */
    static final class FixedBroadcast extends AtomicBroadcastGrpc.AtomicBroadcastImplBase {
        final Status status;
        final AtomicInteger received = new AtomicInteger();

        FixedBroadcast(Status status) {
            this.status = status;
        }

        @Override
        public StreamObserver<Envelope> broadcast(StreamObserver<BroadcastResponse> out) {
            return new StreamObserver<>() {
                @Override
                public void onNext(Envelope value) {
                    received.incrementAndGet();
                    out.onNext(BroadcastResponse.newBuilder().setStatus(status).setInfo("from test").build());
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

        @Override
        public StreamObserver<Envelope> deliver(StreamObserver<DeliverResponse> out) {
            throw new UnsupportedOperationException();
        }
    }

    @BeforeAll
    static void material() throws Exception {
        CryptoMaterialGenerator.generate(NetworkSpec.sample(1, 1, 1), dir);
        CryptoLayout crypto = CryptoLayout.of(dir);
        ordererTls = TlsMaterial.load(crypto.orderer("example.com", "orderer0").resolve("tls"));
        TlsMaterial own = TlsMaterial.load(crypto.peer("org1.example.com", "peer0").resolve("tls"));
        ordererTls = ordererTls.withTrustedRoots(List.of(ordererTls.trustedRoots().get(0), own.trustedRoots().get(0)));
        peerTls = own;
        rules = ChannelRules.of(ChannelConfig.newBuilder().setChannelId("submits")
                .addOrganizations(MspDirectory.loadOrganization(crypto.ordererOrganization("example.com")
                        .resolve("msp"), "OrdererMSP"))
                .addOrganizations(MspDirectory.loadOrganization(crypto.peerOrganization("org1.example.com")
                        .resolve("msp"), "Org1MSP"))
                .build(), 0);
    }

    @AfterAll
    static void stop() throws InterruptedException {
        for (Server server : servers) {
            server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    private static OrdererEndpoint serve(FixedBroadcast service) throws Exception {
        Server server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
                .sslContext(ordererTls.forServer(true)).addService(service).build().start();
        servers.add(server);
        return new OrdererEndpoint("orderer-" + server.getPort(), "127.0.0.1", server.getPort());
    }

    private static OrdererEndpoint nobodyListening() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return new OrdererEndpoint("gone", "127.0.0.1", socket.getLocalPort());
        }
    }

    private static void submit(List<OrdererEndpoint> endpoints) {
        try (RemoteChannels remote = new RemoteChannels(peerTls)) {
            new OrdererSubmitter(new OrdererDirectory(endpoints), remote)
                    .submit(rules, "tx1", ENVELOPE, System.nanoTime() + TimeUnit.SECONDS.toNanos(20));
        }
    }

    @Test
    void unreachableAndUnavailableOrderersAreSkipped() throws Exception {
        FixedBroadcast noLeader = new FixedBroadcast(Status.SERVICE_UNAVAILABLE);
        FixedBroadcast leader = new FixedBroadcast(Status.SUCCESS);

        submit(List.of(nobodyListening(), serve(noLeader), serve(leader)));

        assertEquals(1, noLeader.received.get());
        assertEquals(1, leader.received.get());
    }

    @Test
    void aRefusalIsFinalAndAbortsWithDetails() throws Exception {
        FixedBroadcast refusing = new FixedBroadcast(Status.FORBIDDEN);
        FixedBroadcast never = new FixedBroadcast(Status.SUCCESS);
        OrdererEndpoint refusingEndpoint = serve(refusing);

        StatusRuntimeException failure = assertThrows(StatusRuntimeException.class,
                () -> submit(List.of(refusingEndpoint, serve(never))));

        assertEquals(io.grpc.Status.Code.ABORTED, failure.getStatus().getCode());
        assertTrue(failure.getStatus().getDescription().contains("status=FORBIDDEN, info=from test"));
        assertEquals(0, never.received.get());
        ErrorDetail detail = StatusProto.fromThrowable(failure).getDetails(0).unpack(ErrorDetail.class);
        assertEquals(refusingEndpoint.address(), detail.getAddress());
    }

    @Test
    void noOrdererTakingItIsUnavailableWithOneDetailEach() throws Exception {
        StatusRuntimeException failure = assertThrows(StatusRuntimeException.class,
                () -> submit(List.of(nobodyListening(), serve(new FixedBroadcast(Status.SERVICE_UNAVAILABLE)))));
        assertEquals(io.grpc.Status.Code.UNAVAILABLE, failure.getStatus().getCode());
        assertEquals(2, StatusProto.fromThrowable(failure).getDetailsCount());
    }
}
