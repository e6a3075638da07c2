package dev.ordo.ordering;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ordo.membership.identity.SigningIdentity;
import dev.ordo.membership.tls.TlsMaterial;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.Status;
import org.hyperledger.fabric.protos.orderer.BroadcastResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A follower restarted from its disk, and one that rejoins with an empty disk after the
 * leader has snapshotted and purged its log, both end with the same blocks as the others.
 */
class CatchUpTest {
  @TempDir
  Path dir;

  @Test
  void restartedAndEmptyOrderersCatchUpToIdenticalBlocks() throws Exception {
    // Small segments (Ratis's of entry headers, about 80 each; the proposal store's of 64 KiB), so
    // that the leader's snapshots let Ratis purge closed segments, and the proposals with them, quickly.
    try (OrdererCluster cluster = OrdererCluster.start(dir, 3, 3,
        java.util.Map.of("ordo.orderer.raft-segment-bytes", "4096", "ordo.orderer.proposal-segment-bytes", "65536",
            "ordo.orderer.snapshot-threshold", "50"))) {
      Block genesis = cluster.createChannel(
          cluster.channelConfig("catchup", List.of(0, 1, 2), 5, Duration.ofMillis(20)), List.of(0, 1, 2));
      int leader = cluster.awaitLeader("catchup", Duration.ofSeconds(30));
      int restarted = (leader + 1) % 3;
      int emptied = (leader + 2) % 3;
      SigningIdentity user = cluster.user(1);
      TlsMaterial tls = cluster.userTls(1);

      send(cluster, leader, user, tls, 100);
      cluster.kill(restarted);
      send(cluster, leader, user, tls, 600); // the leader snapshots and purges its log
      cluster.startMember(restarted);
      awaitSameChains(cluster, user, tls);

      leader = cluster.awaitLeader("catchup", Duration.ofSeconds(30));
      if (leader == emptied) {
        emptied = (leader + 1) % 3;
      }
      cluster.kill(emptied);
      cluster.wipe(emptied);
      send(cluster, leader, user, tls, 600);
      cluster.startMember(emptied);
      cluster.member(emptied).node().join(genesis);
      java.util.Map<String, Long> logStartsBefore = new java.util.HashMap<>();
      for (OrdererCluster.Member member : cluster.running()) {
        logStartsBefore.put(member.id, logStart(member, genesisGroup(cluster, leader)));
      }
      send(cluster, leader, user, tls, 30); // the fetch completes at a block produced after the purge point
      List<List<Block>> chains = awaitSameChains(cluster, user, tls);
      assertNotEquals(0, chains.get(0).size());
      // The empty orderer did not replay the log from its start: the leader had purged it, so it
      // fetched the blocks over Deliver and its own log begins after them.
      var runtime = cluster.member(emptied).node().channel("catchup").orElseThrow();
      long logStart = cluster.member(emptied).node().raft().division(runtime.channel().groupId()).getRaftLog()
          .getStartIndex();
      org.junit.jupiter.api.Assertions.assertTrue(logStart > 1, "log of the emptied orderer starts at " + logStart);
      assertTrue(logStartsBefore.get(cluster.member(leader).id) > 1, "the leader purged its log");
      for (OrdererCluster.Member member : cluster.running()) {
        assertProposalsKeptBesideRatissLog(member, logStartsBefore.get(member.id),
            member == cluster.member(leader));
      }
    }
  }

  private static org.apache.ratis.protocol.RaftGroupId genesisGroup(OrdererCluster cluster, int member) {
    return cluster.member(member).node().channel("catchup").orElseThrow().channel().groupId();
  }

  private static long logStart(OrdererCluster.Member member, org.apache.ratis.protocol.RaftGroupId group) {
    return member.node().raft().division(group).getRaftLog().getStartIndex();
  }

  /**
   * Ratis's log holds only entry headers, the proposals are in the proposal store's segments
   * (named by their first Raft index), and once blocks are applied after Ratis purged its log up
   * to {@code purgedBelow}, no segment all of whose entries are below it is left.
   */
  private static void assertProposalsKeptBesideRatissLog(OrdererCluster.Member member, long purgedBelow,
      boolean purgedSome) throws IOException {
    List<Long> segmentStarts = new ArrayList<>();
    long ratisLogBytes = 0;
    long proposalBytes = 0;
    try (Stream<Path> files = Files.walk(member.dataDir.resolve("raft"))) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        String name = file.getFileName().toString();
        if (name.endsWith(".segment")) {
          segmentStarts.add(Long.parseLong(name.substring(0, name.indexOf('.'))));
          proposalBytes += Files.size(file);
        } else if (name.startsWith("log_")) {
          ratisLogBytes += Files.size(file);
        }
      }
    }
    segmentStarts.sort(null);
    assertNotEquals(0, segmentStarts.size(), member.id + " keeps the newest proposals");
    for (int i = 1; i < segmentStarts.size(); i++) {
      assertTrue(segmentStarts.get(i) > purgedBelow, member.id + ": segment " + segmentStarts.get(i - 1)
          + " holds only entries below " + purgedBelow + ", which Ratis has purged: " + segmentStarts);
    }
    if (purgedSome) {
      assertTrue(segmentStarts.get(0) > 1, member.id + ": no proposal segment was removed: " + segmentStarts);
    }
    // Each block holds envelopes of over 1 KB; an entry header is well under 100 bytes.
    assertTrue(ratisLogBytes * 10 < proposalBytes, member.id + ": Ratis's log holds " + ratisLogBytes
        + " bytes against the proposal store's " + proposalBytes + ": the proposals are in it");
  }

  private static void send(OrdererCluster cluster, int via, SigningIdentity user, TlsMaterial tls, int count)
      throws Exception {
    List<Envelope> envelopes = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      envelopes.add(TestEnvelopes.transaction("catchup", user, 200));
    }
    try (OrdererClient oc = new OrdererClient(cluster.member(via).broadcastPort(), tls)) {
      for (BroadcastResponse r : oc.broadcastWithRetry(envelopes, 200, 20)) {
        assertEquals(Status.SUCCESS, r.getStatus(), r.getInfo());
      }
    }
  }

  private static List<List<Block>> awaitSameChains(OrdererCluster cluster, SigningIdentity user, TlsMaterial tls)
      throws Exception {
    long height = 0;
    for (OrdererCluster.Member m : cluster.running()) {
      height = Math.max(height, m.node().channel("catchup").orElseThrow().channel().height());
    }
    List<List<Block>> chains = new ArrayList<>();
    for (OrdererCluster.Member m : cluster.running()) {
      ClusterOrderingTest.awaitHeight(m, "catchup", height);
      try (OrdererClient oc = new OrdererClient(m.broadcastPort(), tls)) {
        OrdererClient.DeliverResult result = oc.deliver("catchup", 0, height - 1, user);
        assertEquals(Status.SUCCESS, result.status());
        chains.add(result.blocks());
      }
    }
    for (List<Block> chain : chains) {
      assertEquals(height, chain.size());
      for (int n = 0; n < height; n++) {
        assertEquals(chains.get(0).get(n).getHeader(), chain.get(n).getHeader(), "header of block " + n);
        assertEquals(chains.get(0).get(n).getData(), chain.get(n).getData(), "data of block " + n);
      }
    }
    return chains;
  }
}
