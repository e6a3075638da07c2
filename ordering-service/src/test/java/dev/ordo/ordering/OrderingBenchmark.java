package dev.ordo.ordering;

import dev.ordo.membership.identity.SigningIdentity;
import dev.ordo.membership.tls.TlsMaterial;
import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.StreamObserver;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.Status;
import org.hyperledger.fabric.protos.orderer.AtomicBroadcastGrpc;
import org.hyperledger.fabric.protos.orderer.BroadcastResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ordering throughput and latency: 3 orderers on loopback (one JVM), mutual TLS, every
 * envelope's signature and Writers policy checked, 1 KB envelopes, several batch sizes.
 * Run by hand: {@code mvn -pl ordering-service test -Dtest=OrderingBenchmark -Dordo.bench=true}
 * (optional {@code -Dordo.bench.envelopes=N -Dordo.bench.padding=BYTES -Dordo.bench.orderers=N}).
 */
@EnabledIfSystemProperty(named = "ordo.bench", matches = "true")
class OrderingBenchmark {
  @TempDir
  Path dir;

  @Test
  void throughputAndLatency() throws Exception {
    int envelopes = Integer.getInteger("ordo.bench.envelopes", 20000);
    int padding = Integer.getInteger("ordo.bench.padding", 520);
    int orderers = Integer.getInteger("ordo.bench.orderers", 3);
    int clients = Integer.getInteger("ordo.bench.clients", 4);
    List<Integer> batchSizes = Arrays.stream(System.getProperty("ordo.bench.batches", "100,500,2000").split(","))
        .map(Integer::parseInt).toList();
    List<Integer> all = new ArrayList<>();
    for (int i = 0; i < orderers; i++) {
      all.add(i);
    }
    try (OrdererCluster cluster = OrdererCluster.start(dir, orderers, orderers)) {
      SigningIdentity user = cluster.user(1);
      TlsMaterial tls = cluster.userTls(1);
      System.out.printf("%n| orderers | batch (max count) | envelope bytes | envelopes | envelopes/s | "
          + "ack latency p50 ms | p99 ms | paced 1000/s p50 ms |%n|---|---|---|---|---|---|---|---|%n");
      for (int batch : batchSizes) {
        String channel = "bench" + batch;
        cluster.createChannel(cluster.channelConfig(channel, all, batch, Duration.ofMillis(50)), all);
        int leader = cluster.awaitLeader(channel, Duration.ofSeconds(30));
        List<Envelope> load = new ArrayList<>(envelopes);
        for (int i = 0; i < envelopes; i++) {
          load.add(TestEnvelopes.transaction(channel, user, padding));
        }
        int size = load.get(0).getSerializedSize();
        warmUp(cluster, leader, tls, channel, user);
        Result saturated = run(cluster.member(leader).broadcastPort(), tls, load, clients, 0);
        List<Envelope> paced = new ArrayList<>();
        for (int i = 0; i < 3000; i++) {
          paced.add(TestEnvelopes.transaction(channel, user, padding));
        }
        Result low = run(cluster.member(leader).broadcastPort(), tls, paced, 1, 1000);
        System.out.printf("| %d | %d | %d | %d | %.0f | %.1f | %.1f | %.1f |%n", orderers, batch, size, envelopes,
            saturated.perSecond, saturated.p50, saturated.p99, low.p50);
      }
    }
  }

  private static void warmUp(OrdererCluster cluster, int leader, TlsMaterial tls, String channel,
      SigningIdentity user) throws Exception {
    List<Envelope> warm = new ArrayList<>();
    for (int i = 0; i < 2000; i++) {
      warm.add(TestEnvelopes.transaction(channel, user, 100));
    }
    run(cluster.member(leader).broadcastPort(), tls, warm, 2, 0);
  }

  record Result(double perSecond, double p50, double p99) {
  }

  /** Sends {@code load} over {@code clients} streams (paced at {@code rate}/s in total if > 0). */
  private static Result run(int port, TlsMaterial tls, List<Envelope> load, int clients, int rate) throws Exception {
    long[] latencies = new long[load.size()];
    AtomicInteger failures = new AtomicInteger();
    AtomicLong lastAck = new AtomicLong();
    long start = System.nanoTime();
    List<CompletableFuture<Void>> done = new ArrayList<>();
    for (int c = 0; c < clients; c++) {
      int client = c;
      done.add(CompletableFuture.runAsync(() -> {
        ManagedChannel channel = NettyChannelBuilder.forAddress("127.0.0.1", port).overrideAuthority("localhost")
            .sslContext(tls.forClient()).build();
        try {
          List<Integer> mine = new ArrayList<>();
          for (int i = client; i < load.size(); i += clients) {
            mine.add(i);
          }
          long[] sent = new long[mine.size()];
          Semaphore window = new Semaphore(2000);
          AtomicInteger received = new AtomicInteger();
          CompletableFuture<Void> finished = new CompletableFuture<>();
          StreamObserver<Envelope> requests = AtomicBroadcastGrpc.newStub(channel).broadcast(new StreamObserver<>() {
            @Override
            public void onNext(BroadcastResponse r) {
              int k = received.getAndIncrement();
              long now = System.nanoTime();
              latencies[mine.get(k)] = now - sent[k];
              lastAck.accumulateAndGet(now, Math::max);
              if (r.getStatus() != Status.SUCCESS) {
                failures.incrementAndGet();
              }
              window.release();
            }

            @Override
            public void onError(Throwable t) {
              finished.completeExceptionally(t);
            }

            @Override
            public void onCompleted() {
              finished.complete(null);
            }
          });
          for (int k = 0; k < mine.size(); k++) {
            window.acquireUninterruptibly();
            if (rate > 0) {
              long due = start + (long) (k * clients * 1e9 / rate);
              while (System.nanoTime() < due) {
                Thread.onSpinWait();
              }
            }
            sent[k] = System.nanoTime();
            requests.onNext(load.get(mine.get(k)));
          }
          requests.onCompleted();
          finished.get(300, TimeUnit.SECONDS);
        } catch (Exception e) {
          throw new IllegalStateException(e);
        } finally {
          channel.shutdownNow();
        }
      }));
    }
    for (CompletableFuture<Void> f : done) {
      f.get();
    }
    if (failures.get() > 0) {
      System.out.println("WARNING: " + failures.get() + " envelopes were not acknowledged SUCCESS");
    }
    double seconds = (lastAck.get() - start) / 1e9;
    long[] sorted = latencies.clone();
    Arrays.sort(sorted);
    return new Result(load.size() / seconds, sorted[sorted.length / 2] / 1e6, sorted[(int) (sorted.length * 0.99)] / 1e6);
  }
}
