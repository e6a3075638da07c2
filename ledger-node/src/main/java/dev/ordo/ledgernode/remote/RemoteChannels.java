package dev.ordo.ledgernode.remote;

import dev.ordo.membership.tls.TlsMaterial;
import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * gRPC channels from this node to other nodes (orderers, other organisations' peers) over
 * mutual TLS: the node presents its own TLS certificate and trusts its own roots plus the TLS
 * roots the channel configuration names for the node on the other end. One channel per
 * address, reused.
 */
public final class RemoteChannels implements AutoCloseable {
    /** Fabric's message limit; grpc-java's 4 MiB default is too small for blocks. */
    public static final int MAX_MESSAGE_BYTES = 100 * 1024 * 1024;

    private final TlsMaterial tls;
    private final Map<String, ManagedChannel> channels = new ConcurrentHashMap<>();
    private volatile boolean closed;

    public RemoteChannels(TlsMaterial tls) {
        this.tls = tls;
    }

    /** This node's TLS certificate, which remote nodes see (Deliver's tls_cert_hash binds to it). */
    public X509Certificate clientCertificate() {
        return tls.certificate();
    }

    /** The channel to {@code host:port}, trusting {@code extraRoots} besides this node's own roots on first use. */
    public ManagedChannel channel(String host, int port, List<X509Certificate> extraRoots) {
        if (closed) {
            throw new IllegalStateException("remote connections are closed");
        }
        return channels.computeIfAbsent(host + ":" + port, key -> {
            LinkedHashSet<X509Certificate> roots = new LinkedHashSet<>(tls.trustedRoots());
            roots.addAll(extraRoots);
            return NettyChannelBuilder.forAddress(host, port)
                    .sslContext(tls.withTrustedRoots(new ArrayList<>(roots)).forClient())
                    .maxInboundMessageSize(MAX_MESSAGE_BYTES)
                    .keepAliveTime(60, TimeUnit.SECONDS)
                    // Response callbacks only complete a future or enqueue a block: run them on
                    // the transport thread instead of handing each to a cached pool.
                    .directExecutor()
                    .build();
        });
    }

    @Override
    public void close() {
        closed = true;
        for (ManagedChannel channel : channels.values()) {
            channel.shutdownNow();
        }
        for (ManagedChannel channel : channels.values()) {
            try {
                channel.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        channels.clear();
    }
}
