package dev.ordo.membership.tls;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.ordo.membership.ca.CertificateAuthority;
import dev.ordo.membership.ca.IssuedCredential;
import io.grpc.CallOptions;
import io.grpc.Grpc;
import io.grpc.ManagedChannel;
import io.grpc.MethodDescriptor;
import io.grpc.Server;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.ServerServiceDefinition;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.Metadata;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.ServerCalls;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.SSLSession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class MutualTlsTest {
    private static final MethodDescriptor.Marshaller<byte[]> BYTES = new MethodDescriptor.Marshaller<>() {
        @Override
        public InputStream stream(byte[] value) {
            return new ByteArrayInputStream(value);
        }

        @Override
        public byte[] parse(InputStream stream) {
            try {
                return stream.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    };
    private static final MethodDescriptor<byte[], byte[]> ECHO = MethodDescriptor.<byte[], byte[]>newBuilder()
            .setType(MethodDescriptor.MethodType.UNARY)
            .setFullMethodName("ordo.test.Echo/Echo")
            .setRequestMarshaller(BYTES)
            .setResponseMarshaller(BYTES)
            .build();

    private static CertificateAuthority tlsCa;
    private static CertificateAuthority otherTlsCa;
    private static TlsMaterial serverTls;

    private final AtomicReference<X509Certificate> seenClientCertificate = new AtomicReference<>();
    private final ReloadableTrustManager clientTrust = new ReloadableTrustManager(List.of(tlsCaCertificate()));
    private Server server;
    private Server reloadingServer;
    private ManagedChannel channel;

    @BeforeAll
    static void certificates() {
        tlsCa = CertificateAuthority.createRoot("tlsca.org1.example.com", "org1.example.com");
        otherTlsCa = CertificateAuthority.createRoot("tlsca.org9.example.com", "org9.example.com");
        serverTls = tlsCa.issueTlsServer("peer0.org1.example.com", List.of()).tlsMaterial(List.of(tlsCa.certificate()));
    }

    private static X509Certificate tlsCaCertificate() {
        return tlsCa.certificate();
    }

    @BeforeEach
    void startServer() throws IOException {
        ServerServiceDefinition echo = ServerServiceDefinition.builder("ordo.test.Echo")
                .addMethod(ECHO, ServerCalls.asyncUnaryCall((request, response) -> {
                    response.onNext(request);
                    response.onCompleted();
                }))
                .build();
        ServerInterceptor recordPeer = new ServerInterceptor() {
            @Override
            public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
                                                              ServerCallHandler<Q, R> next) {
                SSLSession session = call.getAttributes().get(Grpc.TRANSPORT_ATTR_SSL_SESSION);
                seenClientCertificate.set(TlsMaterial.peerCertificate(session));
                return next.startCall(call, headers);
            }
        };
        server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
                .sslContext(serverTls.forServer(true))
                .addService(ServerInterceptors.intercept(echo, recordPeer))
                .build()
                .start();
        reloadingServer = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
                .sslContext(serverTls.forServer(clientTrust, true))
                .addService(ServerInterceptors.intercept(echo, recordPeer))
                .build()
                .start();
    }

    @AfterEach
    void stop() throws InterruptedException {
        if (channel != null) {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
        server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        reloadingServer.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }

    private byte[] call(TlsMaterial clientTls, String authority) {
        return call(server, clientTls, authority);
    }

    private byte[] call(Server target, TlsMaterial clientTls, String authority) {
        if (channel != null) {
            channel.shutdownNow();
        }
        channel = NettyChannelBuilder.forAddress("127.0.0.1", target.getPort())
                .sslContext(clientTls.forClient())
                .overrideAuthority(authority)
                .build();
        return ClientCalls.blockingUnaryCall(channel, ECHO, CallOptions.DEFAULT.withDeadlineAfter(10, TimeUnit.SECONDS),
                "ping".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void mutualTlsWithCertificatesOfTheTrustedCaSucceeds() {
        IssuedCredential client = tlsCa.issueTlsClient("User1@org1.example.com");
        byte[] reply = call(client.tlsMaterial(List.of(tlsCa.certificate())), "peer0.org1.example.com");
        assertArrayEquals("ping".getBytes(StandardCharsets.UTF_8), reply);
        assertEquals(client.certificate(), seenClientCertificate.get());
        assertArrayEquals(TlsMaterial.certificateHash(client.certificate()),
                TlsMaterial.certificateHash(seenClientCertificate.get()));
    }

    @Test
    void loopbackAddressIsAValidServerName() {
        IssuedCredential client = tlsCa.issueTlsClient("User1@org1.example.com");
        assertArrayEquals("ping".getBytes(StandardCharsets.UTF_8),
                call(client.tlsMaterial(List.of(tlsCa.certificate())), "127.0.0.1"));
    }

    @Test
    void clientCertificateFromAnotherCaIsRefused() {
        IssuedCredential stranger = otherTlsCa.issueTlsClient("User1@org9.example.com");
        StatusRuntimeException e = assertThrows(StatusRuntimeException.class,
                () -> call(stranger.tlsMaterial(List.of(tlsCa.certificate())), "peer0.org1.example.com"));
        assertEquals(Status.Code.UNAVAILABLE, e.getStatus().getCode(), e.toString());
        assertEquals(null, seenClientCertificate.get(), "the call must never reach the service");
    }

    @Test
    void serverFromAnUntrustedCaIsRefusedByTheClient() {
        IssuedCredential client = otherTlsCa.issueTlsClient("User1@org9.example.com");
        StatusRuntimeException e = assertThrows(StatusRuntimeException.class,
                () -> call(client.tlsMaterial(List.of(otherTlsCa.certificate())), "peer0.org1.example.com"));
        assertEquals(Status.Code.UNAVAILABLE, e.getStatus().getCode(), e.toString());
    }

    @Test
    void serverNameMustMatchTheCertificate() {
        IssuedCredential client = tlsCa.issueTlsClient("User1@org1.example.com");
        assertThrows(StatusRuntimeException.class,
                () -> call(client.tlsMaterial(List.of(tlsCa.certificate())), "peer1.org1.example.com"));
    }

    @Test
    void reloadedTrustAdmitsANewCaAndDropsARemovedOneWithoutRestart() {
        TlsMaterial stranger = otherTlsCa.issueTlsClient("User1@org9.example.com")
                .tlsMaterial(List.of(tlsCa.certificate()));
        assertThrows(StatusRuntimeException.class, () -> call(reloadingServer, stranger, "peer0.org1.example.com"));

        assertEquals(true, clientTrust.setTrustedRoots(List.of(tlsCa.certificate(), otherTlsCa.certificate())));
        assertEquals(false, clientTrust.setTrustedRoots(List.of(otherTlsCa.certificate(), tlsCa.certificate())),
                "the same roots in another order are no change");
        assertArrayEquals("ping".getBytes(StandardCharsets.UTF_8),
                call(reloadingServer, stranger, "peer0.org1.example.com"));

        clientTrust.setTrustedRoots(List.of(tlsCa.certificate()));
        StatusRuntimeException e = assertThrows(StatusRuntimeException.class,
                () -> call(reloadingServer, stranger, "peer0.org1.example.com"));
        assertEquals(Status.Code.UNAVAILABLE, e.getStatus().getCode(), e.toString());
        assertThrows(IllegalArgumentException.class, () -> clientTrust.setTrustedRoots(List.of()));
    }

    @Test
    void followingTrustReadsItsSourceAtEachCheck() {
        AtomicReference<List<X509Certificate>> roots = new AtomicReference<>(List.of(tlsCa.certificate()));
        ReloadableTrustManager following = ReloadableTrustManager.following(roots::get);
        assertEquals(List.of(tlsCa.certificate()), following.trustedRoots());

        roots.set(List.of(tlsCa.certificate(), otherTlsCa.certificate()));
        assertEquals(List.of(tlsCa.certificate(), otherTlsCa.certificate()), following.trustedRoots());
        roots.set(List.of(otherTlsCa.certificate()));
        assertEquals(List.of(otherTlsCa.certificate()), following.trustedRoots());
        assertThrows(IllegalArgumentException.class, () -> ReloadableTrustManager.following(List::of));
        assertEquals(0, following.getAcceptedIssuers().length, "no CA names advertised, see the javadoc");
    }
}
