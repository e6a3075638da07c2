package dev.ordo.ordering;

import dev.ordo.membership.identity.SigningIdentity;
import dev.ordo.membership.tls.TlsMaterial;
import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.netty.channel.Channel;
import io.grpc.netty.shaded.io.netty.channel.EventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.epoll.Epoll;
import io.grpc.netty.shaded.io.netty.channel.epoll.EpollEventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.epoll.EpollSocketChannel;
import io.grpc.netty.shaded.io.netty.channel.nio.NioEventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.socket.nio.NioSocketChannel;
import io.grpc.stub.StreamObserver;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.Status;
import org.hyperledger.fabric.protos.orderer.AtomicBroadcastGrpc;
import org.hyperledger.fabric.protos.orderer.BroadcastResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ordering throughput and latency: 3 orderers on loopback (one JVM), mutual TLS, every
 * envelope's signature and Writers policy checked, several batch sizes.
 * Run by hand: {@code mvn -pl ordering-service test -Dtest=OrderingBenchmark -Dordo.bench=true}
 * (optional {@code -Dordo.bench.envelopes=N -Dordo.bench.padding=BYTES -Dordo.bench.orderers=N
 * -Dordo.bench.kind=transaction|message -Dordo.bench.warmup=N}). {@code transaction} envelopes
 * are endorser transactions as a Fabric client submits them (≈ 2.9 KB + padding: the creator's
 * certificate travels three times); {@code message} envelopes are MESSAGE envelopes, the
 * smallest a real identity signs (≈ 1.0 KB + padding). Before each batch size a saturated
 * warm-up of rounds of {@code warmup} envelopes of the same kind lets the JIT compile the hot
 * path (see {@link #warmUp}).
 * With {@code -Dordo.bench.marks=FILE} the lines {@code <batch> starts at <JVM uptime> ms} and
 * {@code <batch> ends at ...}
 * are appended to FILE around each measured saturated run, with a second's pause after
 * {@code starts}, so that a profiler can be attached to the measured window only.
 */
@EnabledIfSystemProperty(named = "ordo.bench", matches = "true")
class OrderingBenchmark {
  @TempDir
  Path dir;

  @Test
  void throughputAndLatency() throws Exception {
    int envelopes = Integer.getInteger("ordo.bench.envelopes", 20000);
    String kind = System.getProperty("ordo.bench.kind", "transaction");
    if (!kind.equals("transaction") && !kind.equals("message")) {
      throw new IllegalArgumentException("ordo.bench.kind must be transaction or message, was " + kind);
    }
    int padding = Integer.getInteger("ordo.bench.padding", kind.equals("message") ? 0 : 520);
    int warmup = Integer.getInteger("ordo.bench.warmup", 20000);
    int orderers = Integer.getInteger("ordo.bench.orderers", 3);
    int clients = Integer.getInteger("ordo.bench.clients", 4);
    List<Integer> batchSizes = Arrays.stream(System.getProperty("ordo.bench.batches", "100,500,2000").split(","))
        .map(Integer::parseInt).toList();
    List<Integer> all = new ArrayList<>();
    for (int i = 0; i < orderers; i++) {
      all.add(i);
    }
    try (OrdererCluster cluster = OrdererCluster.start(dir, orderers, orderers,
        // As deployed: no line per block (the tests' DEBUG cost 0.8 % of the CPU and mixed into the report).
        Map.of("logging.level.dev.ordo.ordering.consensus.ChainAppender", "INFO"))) {
      SigningIdentity user = cluster.user(1);
      TlsMaterial tls = cluster.userTls(1);
      System.out.printf("%nlive heap with the orderers started, no channel yet: %.0f MB%n", liveHeapMegabytes());
      System.out.printf("%n| orderers | batch (max count) | envelope bytes | envelopes | envelopes/s | "
          + "ack latency p50 ms | p99 ms | paced 1000/s p50 ms | CPU µs per envelope | of which client | "
          + "orderers alone | orderers without JIT | envelopes per block | live heap after, MB |%n"
          + "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|%n");
      Map<Integer, Map<String, Long>> breakdowns = new LinkedHashMap<>();
      for (int batch : batchSizes) {
        String channel = "bench" + batch;
        cluster.createChannel(cluster.channelConfig(channel, all, batch, Duration.ofMillis(50)), all);
        int leader = cluster.awaitLeader(channel, Duration.ofSeconds(30));
        List<Envelope> load = envelopes(kind, channel, user, padding, envelopes);
        int size = load.get(0).getSerializedSize();
        int port = cluster.member(leader).broadcastPort();
        warmUp(port, tls, () -> envelopes(kind, channel, user, padding, warmup), clients, batch);
        mark(batch + " starts");
        long cpuBefore = processCpuNanos();
        ThreadCpu threadsBefore = ThreadCpu.snapshot();
        long heightBefore = height(cluster, leader, channel);
        Result saturated = run(port, tls, load, clients, 0);
        // Under saturation the block size follows from the batch timeout and the rate, not the max count.
        double envelopesPerBlock = (double) envelopes / (height(cluster, leader, channel) - heightBefore);
        Map<String, Long> breakdown = ThreadCpu.snapshot().breakdownSince(threadsBefore);
        breakdowns.put(batch, breakdown);
        double cpuMicrosPerEnvelope = (processCpuNanos() - cpuBefore) / 1e3 / envelopes;
        double clientMicrosPerEnvelope = saturated.clientCpuNanos / 1e3 / envelopes;
        // The JIT's share shrinks towards zero in a long-running orderer (see warmUp), the rest does not.
        double jitMicrosPerEnvelope = breakdown.entrySet().stream().filter(e -> e.getKey().contains("CompilerThre"))
            .mapToLong(Map.Entry::getValue).sum() / 1e3 / envelopes;
        mark(batch + " ends");
        Result low = run(port, tls, envelopes(kind, channel, user, padding, 3000), 1, 1000);
        load = null; // the client's envelopes are not the orderers' memory
        double orderersMicrosPerEnvelope = cpuMicrosPerEnvelope - clientMicrosPerEnvelope;
        System.out.printf("| %d | %d | %d | %d | %.0f | %.1f | %.1f | %.1f | %.0f | %.0f | %.0f | %.0f | %.0f | %.0f |%n",
            orderers, batch, size, envelopes, saturated.perSecond, saturated.p50, saturated.p99, low.p50,
            cpuMicrosPerEnvelope, clientMicrosPerEnvelope, orderersMicrosPerEnvelope,
            orderersMicrosPerEnvelope - jitMicrosPerEnvelope, envelopesPerBlock, liveHeapMegabytes());
      }
      printBreakdowns(breakdowns, envelopes);
    }
  }

  /**
   * Saturated rounds of warm-up envelopes until the JIT has caught up: on 2 cores its single C2
   * thread keeps a backlog of a few hundred methods for the first minutes of load (hot methods
   * wait in slower tiers meanwhile), so one fixed warm-up measured a young JVM rather than the
   * sustained rate. A round counts as settled when the compilers were busy for less than
   * {@code ordo.bench.warmup.jit-share} (default 3 %) of its duration; at most
   * {@code ordo.bench.warmup.rounds} rounds (default 1: measured on 2026-12-03, 24 rounds of
   * 50 000 envelopes, six minutes, did not settle it, as C2 goes on compiling lukewarm methods
   * for the first time; hence the report's column without the JIT).
   */
  private static void warmUp(int port, TlsMaterial tls, java.util.function.Supplier<List<Envelope>> round, int clients,
      int batch) throws Exception {
    int maxRounds = Integer.getInteger("ordo.bench.warmup.rounds", 1);
    double settledShare = Double.parseDouble(System.getProperty("ordo.bench.warmup.jit-share", "0.03"));
    var compiler = ManagementFactory.getCompilationMXBean();
    for (int r = 1; r <= maxRounds; r++) {
      List<Envelope> load = round.get();
      long compileBefore = compiler.getTotalCompilationTime();
      long started = System.nanoTime();
      Result result = run(port, tls, load, clients, 0);
      double millis = (System.nanoTime() - started) / 1e6;
      double share = (compiler.getTotalCompilationTime() - compileBefore) / millis;
      System.out.printf("warm-up %d, round %d: %.0f envelopes/s, compilers busy %.1f %% of the round%n", batch, r,
          result.perSecond, 100 * share);
      if (share < settledShare) {
        return;
      }
    }
  }

  private static long height(OrdererCluster cluster, int member, String channel) {
    return cluster.member(member).node().channel(channel).orElseThrow().channel().height();
  }

  /**
   * CPU time used by this JVM (all orderers, the client, JIT and GC): divided by the envelopes
   * of a saturated run it gives a cost per envelope that, unlike the rate, does not depend on
   * how much of the shared cores other processes took meanwhile.
   */
  private static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  /**
   * The heap the JVM still uses after full collections: what the orderers keep (Spring contexts,
   * and per channel the Raft log cache and the block cache), since the client's envelopes of
   * finished runs are garbage by then.
   */
  private static double liveHeapMegabytes() {
    for (int i = 0; i < 2; i++) {
      System.gc();
    }
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() / 1048576.0;
  }

  /** CPU µs per envelope by thread group, one column per batch size, the largest groups first. */
  private static void printBreakdowns(Map<Integer, Map<String, Long>> breakdowns, int envelopes) {
    Map<String, Long> order = new LinkedHashMap<>();
    breakdowns.values().forEach(b -> b.forEach((group, nanos) -> order.merge(group, nanos, Long::sum)));
    StringBuilder out = new StringBuilder(String.format("%n| thread group (CPU µs per envelope) |"));
    breakdowns.keySet().forEach(batch -> out.append(" max count ").append(batch).append(" |"));
    out.append(String.format("%n|---|")).append("---|".repeat(breakdowns.size())).append(String.format("%n"));
    // Groups under 0.5 µs per envelope in every column share one row.
    long small = (long) (0.5e3 * envelopes);
    var minor = order.keySet().stream()
        .filter(group -> breakdowns.values().stream().allMatch(b -> b.getOrDefault(group, 0L) < small)).toList();
    Map<Integer, Long> others = new LinkedHashMap<>();
    breakdowns.forEach((batch, b) -> others.put(batch, minor.stream().mapToLong(g -> b.getOrDefault(g, 0L)).sum()));
    minor.forEach(order::remove);
    order.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).forEach(e -> {
      out.append("| ").append(e.getKey()).append(" |");
      breakdowns.values().forEach(b -> out.append(String.format(" %.1f |", b.getOrDefault(e.getKey(), 0L) / 1e3 / envelopes)));
      out.append(String.format("%n"));
    });
    out.append("| (other groups, each under 0.5) |");
    others.values().forEach(n -> out.append(String.format(" %.1f |", n / 1e3 / envelopes)));
    System.out.println(out);
  }

  private static void mark(String line) throws Exception {
    String marks = System.getProperty("ordo.bench.marks");
    if (marks == null || marks.isBlank()) {
      return;
    }
    // JVM uptime, to match a JIT log's or a profiler's time stamps with the measured window.
    long uptimeMillis = ManagementFactory.getRuntimeMXBean().getUptime();
    Files.writeString(Path.of(marks), line + " at " + uptimeMillis + " ms" + System.lineSeparator(), StandardOpenOption.CREATE,
        StandardOpenOption.APPEND);
    if (line.endsWith("starts")) {
      Thread.sleep(1000);
    }
  }

  private static List<Envelope> envelopes(String kind, String channel, SigningIdentity user, int padding, int count) {
    List<Envelope> list = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      list.add(kind.equals("message") ? TestEnvelopes.message(channel, user, padding)
          : TestEnvelopes.transaction(channel, user, padding));
    }
    return list;
  }

  /** {@code clientCpuNanos}: CPU time of the client's own threads (senders and their event loops). */
  record Result(double perSecond, double p50, double p99, long clientCpuNanos) {
  }

  private static final String CLIENT_THREAD_PREFIX = "bench-client-";

  private static ThreadFactory clientThreads(String role) {
    AtomicInteger count = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, CLIENT_THREAD_PREFIX + role + "-" + count.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }

  /** CPU time of the live client threads; they live until {@link #run} has read it. */
  private static long clientCpuNanos() {
    var threads = ManagementFactory.getThreadMXBean();
    long total = 0;
    for (Thread t : Thread.getAllStackTraces().keySet()) {
      if (t.getName().startsWith(CLIENT_THREAD_PREFIX)) {
        total += Math.max(0, threads.getThreadCpuTime(t.getId()));
      }
    }
    return total;
  }

  /** Sends {@code load} over {@code clients} streams (paced at {@code rate}/s in total if > 0). */
  private static Result run(int port, TlsMaterial tls, List<Envelope> load, int clients, int rate) throws Exception {
    long[] latencies = new long[load.size()];
    AtomicInteger failures = new AtomicInteger();
    AtomicLong lastAck = new AtomicLong();
    // The client has its own threads (not gRPC's shared ones, which the orderers' servers use in
    // this JVM), so that its CPU time can be told apart from the orderers'.
    boolean epoll = Epoll.isAvailable(); // as gRPC's own transport picks
    EventLoopGroup loops = epoll ? new EpollEventLoopGroup(2, clientThreads("loop"))
        : new NioEventLoopGroup(2, clientThreads("loop"));
    Class<? extends Channel> channelType = epoll ? EpollSocketChannel.class : NioSocketChannel.class;
    ExecutorService senders = Executors.newFixedThreadPool(clients,
        clientThreads("sender"));
    long start = System.nanoTime();
    List<CompletableFuture<Void>> done = new ArrayList<>();
    for (int c = 0; c < clients; c++) {
      int client = c;
      done.add(CompletableFuture.runAsync(() -> {
        // directExecutor: the listener below only records a time and releases a permit.
        ManagedChannel channel = NettyChannelBuilder.forAddress("127.0.0.1", port).overrideAuthority("localhost")
            .eventLoopGroup(loops).channelType(channelType)
            .sslContext(tls.forClient()).directExecutor().build();
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
              // Parks rather than spins: a spinning sender would take one of the two cores the
              // orderers are measured on.
              for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) {
                LockSupport.parkNanos(wait);
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
      }, senders));
    }
    long clientCpu;
    try {
      for (CompletableFuture<Void> f : done) {
        f.get();
      }
    } finally {
      clientCpu = clientCpuNanos();
      senders.shutdownNow();
      loops.shutdownGracefully(0, 1, TimeUnit.SECONDS);
    }
    if (failures.get() > 0) {
      System.out.println("WARNING: " + failures.get() + " envelopes were not acknowledged SUCCESS");
    }
    double seconds = (lastAck.get() - start) / 1e9;
    long[] sorted = latencies.clone();
    Arrays.sort(sorted);
    return new Result(load.size() / seconds, sorted[sorted.length / 2] / 1e6, sorted[(int) (sorted.length * 0.99)] / 1e6,
        clientCpu);
  }
}
