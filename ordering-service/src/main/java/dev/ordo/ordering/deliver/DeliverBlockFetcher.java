package dev.ordo.ordering.deliver;

import com.google.protobuf.ByteString;
import dev.ordo.membership.identity.SigningIdentity;
import dev.ordo.membership.tls.TlsMaterial;
import dev.ordo.ordering.channel.OrderingChannel;
import dev.ordo.ordering.consensus.ChainAppender;
import dev.ordo.ordering.consensus.MissingBlockFetcher;
import dev.ordo.proto.v1.Consenter;
import dev.ordo.proto.wire.DeliverRequests;
import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.StreamObserver;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.apache.ratis.protocol.RaftPeerId;
import org.apache.ratis.server.protocol.TermIndex;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.orderer.AtomicBroadcastGrpc;
import org.hyperledger.fabric.protos.orderer.DeliverResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Catches up a channel over another consenter's Deliver service when the Raft leader has
 * purged the log entries this orderer lacks. Every block is checked (number, previous hash,
 * data hash) before it is stored; the leader is asked first, then the other consenters.
 */
public final class DeliverBlockFetcher implements MissingBlockFetcher, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(DeliverBlockFetcher.class);

  private final String selfId;
  private final SigningIdentity signer;
  private final TlsMaterial tls;
  private final ExecutorService executor = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "block-fetcher");
    t.setDaemon(true);
    return t;
  });
  private volatile boolean closed;

  public DeliverBlockFetcher(String selfId, SigningIdentity signer, TlsMaterial tls) {
    this.selfId = selfId;
    this.signer = signer;
    this.tls = tls;
  }

  @Override
  public CompletableFuture<TermIndex> fetchMissingBlocks(OrderingChannel channel, ChainAppender appender,
      RaftPeerId leader, TermIndex firstInLeaderLog) {
    return CompletableFuture.supplyAsync(() -> {
      while (!closed && !channel.isClosed()) {
        for (Consenter source : sources(channel, leader)) {
          try {
            TermIndex reached = fetchFrom(source, channel, appender, firstInLeaderLog);
            if (reached != null) {
              log.info("channel {}: caught up to height {} from {}, Raft entry {}", channel.id(), channel.height(),
                  source.getId(), reached);
              return reached;
            }
          } catch (Exception e) {
            log.warn("channel {}: fetching blocks from {} failed: {}", channel.id(), source.getId(), e.getMessage());
          }
        }
        sleep(1000);
      }
      throw new IllegalStateException("channel " + channel.id() + " closed while catching up");
    }, executor);
  }

  private List<Consenter> sources(OrderingChannel channel, RaftPeerId leader) {
    List<Consenter> sources = new ArrayList<>();
    for (Consenter c : channel.state().config().getOrdering().getConsentersList()) {
      if (c.getId().equals(selfId)) {
        continue;
      }
      if (c.getId().equals(leader.toString())) {
        sources.add(0, c);
      } else {
        sources.add(c);
      }
    }
    return sources;
  }

  /** Streams blocks from {@code source} until one produced at or after {@code target}; null if none came. */
  private TermIndex fetchFrom(Consenter source, OrderingChannel channel, ChainAppender appender, TermIndex target)
      throws Exception {
    String address = source.getEndpoint().getHost() + ":" + source.getEndpoint().getPort();
    ManagedChannel grpc = NettyChannelBuilder.forTarget(address).sslContext(tls.forClient())
        .maxInboundMessageSize(256 << 20).build();
    LinkedBlockingQueue<Object> received = new LinkedBlockingQueue<>(64);
    try {
      Envelope seek = DeliverRequests.range(channel.id(), channel.height(), Long.MAX_VALUE, signer,
          ByteString.copyFrom(TlsMaterial.certificateHash(tls.certificate())));
      StreamObserver<Envelope> requests = AtomicBroadcastGrpc.newStub(grpc).deliver(new StreamObserver<>() {
        @Override
        public void onNext(DeliverResponse value) {
          put(received, value);
        }

        @Override
        public void onError(Throwable t) {
          put(received, t);
        }

        @Override
        public void onCompleted() {
          put(received, "completed");
        }
      });
      requests.onNext(seek);
      long idleSince = System.nanoTime();
      while (!closed) {
        Object next = received.poll(1, TimeUnit.SECONDS);
        if (next == null) {
          if (System.nanoTime() - idleSince > TimeUnit.SECONDS.toNanos(30)) {
            return null;
          }
          continue;
        }
        idleSince = System.nanoTime();
        if (next instanceof DeliverResponse response && response.hasBlock()) {
          TermIndex produced = appender.appendFetched(response.getBlock());
          if (produced.getIndex() >= target.getIndex()) {
            requests.onCompleted();
            return produced;
          }
        } else if (next instanceof DeliverResponse response) {
          throw new IllegalStateException("Deliver ended with status " + response.getStatus());
        } else if (next instanceof Throwable t) {
          throw new IllegalStateException(t.getMessage(), t);
        } else {
          return null;
        }
      }
      return null;
    } finally {
      grpc.shutdownNow();
    }
  }

  private static void put(LinkedBlockingQueue<Object> queue, Object value) {
    try {
      queue.put(value);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    closed = true;
    executor.shutdownNow();
  }
}
