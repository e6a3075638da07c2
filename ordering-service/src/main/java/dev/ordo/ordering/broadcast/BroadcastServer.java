package dev.ordo.ordering.broadcast;

import io.grpc.Server;
import io.grpc.ServerInterceptors;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContext;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The orderer's gRPC server: AtomicBroadcast and the internal forwarding service, mutual TLS. */
public final class BroadcastServer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(BroadcastServer.class);
  /** Fabric's limit; grpc-java's default of 4 MiB is too small for blocks. */
  private static final int MAX_MESSAGE_BYTES = 100 * 1024 * 1024;

  private final Server server;
  /**
   * Runs the handlers (Broadcast's checks, Forward, Deliver requests). Our own, rather than
   * grpc-java's shared default, so that its threads carry a name of their own: Ratis's shaded
   * gRPC names its callback threads "grpc-default-executor" too, and a profile or thread dump
   * must tell the two apart. Cached like grpc's default, as handlers may wait on flow control.
   */
  private final ExecutorService handlers;

  public BroadcastServer(String host, int port, SslContext tls, AtomicBroadcastService broadcast,
      ForwardService forward) {
    PeerCertificates certificates = new PeerCertificates();
    AtomicInteger threads = new AtomicInteger();
    this.handlers = Executors.newCachedThreadPool(r -> {
      Thread t = new Thread(r, "atomic-broadcast-" + threads.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
    this.server = NettyServerBuilder.forAddress(new InetSocketAddress(host, port))
        .executor(handlers)
        .sslContext(tls)
        .maxInboundMessageSize(MAX_MESSAGE_BYTES)
        .permitKeepAliveTime(10, TimeUnit.SECONDS)
        .addService(ServerInterceptors.intercept(broadcast, certificates))
        .addService(ServerInterceptors.intercept(forward.definition(), certificates))
        .build();
  }

  public void start() throws IOException {
    server.start();
    log.info("AtomicBroadcast listening on port {}", server.getPort());
  }

  public int port() {
    return server.getPort();
  }

  @Override
  public void close() {
    server.shutdownNow();
    try {
      server.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      handlers.shutdownNow();
    }
  }
}
