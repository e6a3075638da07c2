package dev.ordo.ledgernode.node;

import dev.ordo.ledgernode.remote.ClientCertificates;
import dev.ordo.ledgernode.remote.RemoteChannels;
import io.grpc.BindableService;
import io.grpc.Server;
import io.grpc.ServerInterceptors;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContext;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's gRPC server (Endorser, Gateway, Deliver) over TLS; client certificates are requested,
 * not required.
 *
 * <p>Handlers are called on the transport's event-loop threads (direct executor): grpc-java's
 * default would hand every transport event of every call (stream created, message, ready,
 * closed) to a cached thread pool, four thread wake-ups per unary call, which profiles showed
 * as a quarter of the gateway peer's CPU. So a handler must not block: one that waits or runs a
 * contract hands its work to a {@link dev.ordo.ledgernode.remote.HandlerPool} once.
 */
public final class PeerGrpcServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(PeerGrpcServer.class);

    private final Server server;

    public PeerGrpcServer(String host, int port, SslContext tls, List<BindableService> services) {
        NettyServerBuilder builder = NettyServerBuilder.forAddress(new InetSocketAddress(host, port))
                .sslContext(tls)
                .directExecutor()
                .maxInboundMessageSize(RemoteChannels.MAX_MESSAGE_BYTES)
                .permitKeepAliveTime(10, TimeUnit.SECONDS);
        ClientCertificates certificates = new ClientCertificates();
        for (BindableService service : services) {
            builder.addService(ServerInterceptors.intercept(service, certificates));
        }
        this.server = builder.build();
    }

    public void start() throws IOException {
        server.start();
        log.info("Endorser, Gateway and Deliver listening on port {}", server.getPort());
    }

    public int port() {
        return server.getPort();
    }

    @Override
    public void close() {
        server.shutdown();
        try {
            if (!server.awaitTermination(2, TimeUnit.SECONDS)) {
                server.shutdownNow();
                server.awaitTermination(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            server.shutdownNow();
        }
    }
}
