package dev.ordo.ordering;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ordo.membership.identity.SigningIdentity;
import dev.ordo.membership.tls.TlsMaterial;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.Status;
import org.hyperledger.fabric.protos.orderer.BroadcastResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Killing the Raft leader mid-stream: a new leader orders on, nothing acknowledged is lost or doubled. */
class LeaderFailoverTest {
  @TempDir
  Path dir;

  @Test
  void killingTheLeaderMidStreamLosesAndDuplicatesNoAcknowledgedEnvelope() throws Exception {
    try (OrdererCluster cluster = OrdererCluster.start(dir, 3, 3)) {
      cluster.createChannel(cluster.channelConfig("failover", List.of(0, 1, 2), 100, Duration.ofMillis(50)),
          List.of(0, 1, 2));
      int leader = cluster.awaitLeader("failover", Duration.ofSeconds(30));
      List<Integer> followers = new ArrayList<>(List.of(0, 1, 2));
      followers.remove(Integer.valueOf(leader));
      SigningIdentity user = cluster.user(1);
      TlsMaterial tls = cluster.userTls(1);

      List<List<Envelope>> perClient = new ArrayList<>();
      for (int c = 0; c < 2; c++) {
        List<Envelope> envelopes = new ArrayList<>();
        for (int i = 0; i < 1500; i++) {
          envelopes.add(TestEnvelopes.transaction("failover", user, 300));
        }
        perClient.add(envelopes);
      }
      List<CompletableFuture<List<BroadcastResponse>>> sending = new ArrayList<>();
      for (int c = 0; c < 2; c++) {
        int client = c;
        sending.add(CompletableFuture.supplyAsync(() -> {
          try (OrdererClient oc = new OrdererClient(cluster.member(followers.get(client)).broadcastPort(), tls)) {
            return oc.broadcastWithRetry(perClient.get(client), 100, 30);
          } catch (InterruptedException e) {
            throw new IllegalStateException(e);
          }
        }));
      }
      // Kill the leader once ordering is well under way.
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      while (cluster.member(leader).node().channel("failover").orElseThrow().channel().height() < 10
          && System.nanoTime() < deadline) {
        Thread.sleep(10);
      }
      long killedAt = System.nanoTime();
      cluster.kill(leader);
      int newLeader = cluster.awaitLeader("failover", Duration.ofSeconds(30));
      long failoverMillis = (System.nanoTime() - killedAt) / 1_000_000;
      assertNotEquals(leader, newLeader);

      Map<String, Integer> acknowledged = new HashMap<>();
      for (int c = 0; c < 2; c++) {
        List<BroadcastResponse> responses = sending.get(c).get();
        for (int i = 0; i < responses.size(); i++) {
          assertEquals(Status.SUCCESS, responses.get(i).getStatus(), responses.get(i).getInfo());
          acknowledged.put(TestEnvelopes.txId(perClient.get(c).get(i)), 0);
        }
      }
      long height = 0;
      for (OrdererCluster.Member m : cluster.running()) {
        height = Math.max(height, m.node().channel("failover").orElseThrow().channel().height());
      }
      List<List<Block>> chains = new ArrayList<>();
      for (OrdererCluster.Member m : cluster.running()) {
        ClusterOrderingTest.awaitHeight(m, "failover", height);
        try (OrdererClient oc = new OrdererClient(m.broadcastPort(), tls)) {
          chains.add(oc.deliver("failover", 0, height - 1, user).blocks());
        }
      }
      assertEquals(chains.get(0).size(), chains.get(1).size());
      for (int n = 0; n < chains.get(0).size(); n++) {
        assertEquals(chains.get(0).get(n).getHeader(), chains.get(1).get(n).getHeader());
        assertEquals(chains.get(0).get(n).getData(), chains.get(1).get(n).getData());
      }
      for (Block block : chains.get(0).subList(1, chains.get(0).size())) {
        for (var data : block.getData().getDataList()) {
          String txId = TestEnvelopes.txId(Envelope.parseFrom(data));
          acknowledged.computeIfPresent(txId, (k, v) -> v + 1);
        }
      }
      acknowledged.forEach((txId, count) -> assertEquals(1, count, "acknowledged tx " + txId + " ordered " + count
          + " times"));
      assertTrue(failoverMillis < 30_000);
      System.out.println("leader failover: new leader after " + failoverMillis + " ms");
    }
  }
}
