package dev.ordo.ordering;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ordo.membership.identity.SigningIdentity;
import dev.ordo.membership.tls.TlsMaterial;
import dev.ordo.proto.wire.Blocks;
import dev.ordo.proto.wire.BlockSignatures;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.Status;
import org.hyperledger.fabric.protos.orderer.BroadcastResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Three orderers on loopback with real TLS: the ordering path end to end. */
class ClusterOrderingTest {
  @TempDir
  static Path dir;
  static OrdererCluster cluster;

  @BeforeAll
  static void startCluster() throws Exception {
    cluster = OrdererCluster.start(dir, 3, 3);
    for (String channel : List.of("alpha", "beta")) {
      cluster.createChannel(cluster.channelConfig(channel, List.of(0, 1, 2), 500, Duration.ofMillis(50)),
          List.of(0, 1, 2));
      cluster.awaitLeader(channel, Duration.ofSeconds(30));
    }
  }

  @AfterAll
  static void stopCluster() {
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  void tenThousandEnvelopesFromConcurrentClientsComeOutOnceInOneOrderOnEveryOrderer() throws Exception {
    int clients = 4;
    int perClient = 2500;
    SigningIdentity[] users = {cluster.user(1), cluster.user(2)};
    TlsMaterial[] tls = {cluster.userTls(1), cluster.userTls(2)};
    Map<String, Set<String>> sent = new HashMap<>();
    List<List<Envelope>> batches = new ArrayList<>();
    for (int c = 0; c < clients; c++) {
      String channel = c % 2 == 0 ? "alpha" : "beta";
      List<Envelope> envelopes = new ArrayList<>();
      for (int i = 0; i < perClient; i++) {
        Envelope e = TestEnvelopes.transaction(channel, users[c % 2], 400);
        envelopes.add(e);
        sent.computeIfAbsent(channel, k -> new HashSet<>()).add(TestEnvelopes.txId(e));
      }
      batches.add(envelopes);
    }
    ExecutorService pool = Executors.newFixedThreadPool(clients);
    try {
      List<Future<List<BroadcastResponse>>> results = new ArrayList<>();
      for (int c = 0; c < clients; c++) {
        int client = c;
        results.add(pool.submit(() -> {
          try (OrdererClient oc = new OrdererClient(cluster.member(client % 3).broadcastPort(), tls[client % 2])) {
            return oc.broadcastWithRetry(batches.get(client), 500, 20);
          }
        }));
      }
      for (Future<List<BroadcastResponse>> result : results) {
        List<BroadcastResponse> responses = result.get();
        assertEquals(perClient, responses.size());
        for (BroadcastResponse r : responses) {
          assertEquals(Status.SUCCESS, r.getStatus(), r.getInfo());
        }
      }
    } finally {
      pool.shutdownNow();
    }

    for (String channel : List.of("alpha", "beta")) {
      List<List<Block>> chains = new ArrayList<>();
      long height = 0;
      for (OrdererCluster.Member m : cluster.running()) {
        height = Math.max(height, m.node().channel(channel).orElseThrow().channel().height());
      }
      for (OrdererCluster.Member m : cluster.running()) {
        awaitHeight(m, channel, height);
      }
      for (OrdererCluster.Member m : cluster.running()) {
        try (OrdererClient oc = new OrdererClient(m.broadcastPort(), tls[0])) {
          OrdererClient.DeliverResult result = oc.deliver(channel, 0, height - 1, users[0]);
          assertEquals(Status.SUCCESS, result.status());
          chains.add(result.blocks());
        }
      }
      List<Block> reference = chains.get(0);
      assertEquals(height, reference.size());
      List<String> order = new ArrayList<>();
      for (int n = 0; n < reference.size(); n++) {
        Block block = reference.get(n);
        assertEquals(n, block.getHeader().getNumber());
        if (n > 0) {
          assertEquals(Blocks.headerHash(reference.get(n - 1).getHeader()), block.getHeader().getPreviousHash());
          assertTrue(Blocks.dataHashMatches(block));
          assertEquals(1, BlockSignatures.signedContents(block).size());
          for (var data : block.getData().getDataList()) {
            order.add(TestEnvelopes.txId(Envelope.parseFrom(data)));
          }
        }
        for (List<Block> other : chains) {
          assertEquals(block.getHeader(), other.get(n).getHeader(), "header of block " + n);
          assertEquals(block.getData(), other.get(n).getData(), "data of block " + n);
        }
      }
      assertEquals(sent.get(channel).size(), order.size(), "every envelope exactly once");
      assertEquals(sent.get(channel), new HashSet<>(order));
    }
  }

  static void awaitHeight(OrdererCluster.Member m, String channel, long height) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (m.node().channel(channel).orElseThrow().channel().height() < height) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError(m.id() + " did not reach height " + height + " on " + channel);
      }
      Thread.sleep(20);
    }
  }
}
