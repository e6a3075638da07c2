package dev.ordo.ordering;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ordo.membership.identity.SigningIdentity;
import dev.ordo.membership.msp.MspDirectory;
import dev.ordo.membership.tls.TlsMaterial;
import dev.ordo.proto.v1.BatchSize;
import dev.ordo.proto.v1.ChannelConfig;
import dev.ordo.proto.v1.ConfigUpdate;
import dev.ordo.proto.wire.ConfigBlocks;
import dev.ordo.proto.wire.MessageSigner;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.protocol.RaftPeerId;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.Status;
import org.hyperledger.fabric.protos.orderer.BroadcastResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Config updates: Admins policy, a config block of their own, effect on later blocks, adding an orderer. */
class ConfigUpdateTest {
  @TempDir
  Path dir;

  @Test
  void configUpdatesNeedAdminsTakeEffectAndAddAnOrdererToRaft() throws Exception {
    try (OrdererCluster cluster = OrdererCluster.start(dir, 3, 4)) {
      Block genesis = cluster.createChannel(cluster.channelConfig("cfg", List.of(0, 1, 2), 50, Duration.ofMillis(50)),
          List.of(0, 1, 2));
      int leader = cluster.awaitLeader("cfg", Duration.ofSeconds(30));
      SigningIdentity org1Admin = admin(cluster, "org1.example.com", "Org1MSP");
      SigningIdentity org2Admin = admin(cluster, "org2.example.com", "Org2MSP");
      TlsMaterial tls = cluster.userTls(1);
      int follower = (leader + 1) % 3;
      ChannelConfig current = cluster.member(0).node().channel("cfg").orElseThrow().channel().state().config();

      try (OrdererClient client = new OrdererClient(cluster.member(follower).broadcastPort(), tls)) {
        // One admin of three organisations is not a MAJORITY.
        ChannelConfig smaller = withMaxCount(current, 7);
        BroadcastResponse refused = client.broadcastOne(update(current, smaller, List.of(org1Admin), org1Admin));
        assertEquals(Status.FORBIDDEN, refused.getStatus(), refused.getInfo());
        assertTrue(refused.getInfo().contains("Admins"), refused.getInfo());

        BroadcastResponse accepted = client.broadcastOne(update(current, smaller, List.of(org1Admin, org2Admin),
            org1Admin));
        assertEquals(Status.SUCCESS, accepted.getStatus(), accepted.getInfo());
        for (OrdererCluster.Member m : cluster.running()) {
          ClusterOrderingTest.awaitHeight(m, "cfg", 2);
        }
        var state = cluster.member(follower).node().channel("cfg").orElseThrow().channel().state();
        assertEquals(1, state.config().getSequence());
        assertEquals(7, state.limits().maxMessageCount());
        Block configBlock = cluster.member(follower).node().channel("cfg").orElseThrow().channel().block(1)
            .orElseThrow();
        assertEquals(1, configBlock.getData().getDataCount());
        assertEquals(7, ConfigBlocks.configOf(configBlock).getOrdering().getBatchSize().getMaxMessageCount());

        // A stale update (based on sequence 0) is refused.
        BroadcastResponse stale = client.broadcastOne(update(current, withMaxCount(current, 9),
            List.of(org1Admin, org2Admin), org1Admin));
        assertEquals(Status.BAD_REQUEST, stale.getStatus(), stale.getInfo());

        // The new batch size applies to the following blocks.
        SigningIdentity user = cluster.user(1);
        List<Envelope> envelopes = new java.util.ArrayList<>();
        for (int i = 0; i < 30; i++) {
          envelopes.add(TestEnvelopes.transaction("cfg", user, 50));
        }
        for (BroadcastResponse r : client.broadcast(envelopes, 30)) {
          assertEquals(Status.SUCCESS, r.getStatus(), r.getInfo());
        }
        long height = cluster.member(follower).node().channel("cfg").orElseThrow().channel().height();
        for (long n = 2; n < height; n++) {
          int count = cluster.member(follower).node().channel("cfg").orElseThrow().channel().block(n).orElseThrow()
              .getData().getDataCount();
          assertTrue(count <= 7, "block " + n + " has " + count + " envelopes");
        }

        // Adding orderer 3: it joins first, then a config update makes it a consenter.
        cluster.startMember(3);
        cluster.member(3).node().join(genesis);
        ChannelConfig sequence1 = state.config();
        ChannelConfig withFour = sequence1.toBuilder().setSequence(2)
            .setOrdering(sequence1.getOrdering().toBuilder().addConsenters(cluster.member(3).consenter())).build();
        BroadcastResponse added = client.broadcastOne(update(sequence1, withFour, List.of(org1Admin, org2Admin),
            org1Admin));
        assertEquals(Status.SUCCESS, added.getStatus(), added.getInfo());
        for (BroadcastResponse r : client.broadcast(List.of(TestEnvelopes.transaction("cfg", user, 50)), 1)) {
          assertEquals(Status.SUCCESS, r.getStatus(), r.getInfo());
        }
        long target = 0;
        for (OrdererCluster.Member m : cluster.running()) {
          target = Math.max(target, m.node().channel("cfg").orElseThrow().channel().height());
        }
        ClusterOrderingTest.awaitHeight(cluster.member(3), "cfg", target);
        for (long n = 0; n < target; n++) {
          assertEquals(cluster.member(0).node().channel("cfg").orElseThrow().channel().block(n).orElseThrow().getHeader(),
              cluster.member(3).node().channel("cfg").orElseThrow().channel().block(n).orElseThrow().getHeader());
        }
        int newLeader = cluster.awaitLeader("cfg", Duration.ofSeconds(30));
        awaitRaftMembers(cluster, newLeader, 4);

        evictingTheLeaderLeavesThreeOrderingAndItStaysOut(cluster, newLeader, org1Admin, org2Admin, tls, user);
      }
    }
  }

  /**
   * A config update removes the Raft leader from the consenters: it commits the new membership,
   * stops ordering and answering for the channel (Broadcast and Deliver send clients to the
   * consenters, its blocks stay readable), leaves the Raft group, and stays out after a restart;
   * the other three elect a leader and go on.
   */
  private static void evictingTheLeaderLeavesThreeOrderingAndItStaysOut(OrdererCluster cluster, int evicted,
      SigningIdentity org1Admin, SigningIdentity org2Admin, TlsMaterial tls, SigningIdentity user) throws Exception {
    int survivor = (evicted + 1) % 4;
    ChannelConfig current = cluster.member(survivor).node().channel("cfg").orElseThrow().channel().state().config();
    String evictedId = cluster.member(evicted).id();
    ChannelConfig withoutLeader = current.toBuilder().setSequence(current.getSequence() + 1)
        .setOrdering(current.getOrdering().toBuilder().clearConsenters()
            .addAllConsenters(current.getOrdering().getConsentersList().stream()
                .filter(c -> !c.getId().equals(evictedId)).toList()))
        .build();
    try (OrdererClient toSurvivor = new OrdererClient(cluster.member(survivor).broadcastPort(), tls)) {
      BroadcastResponse removed = toSurvivor.broadcastWithRetry(
          List.of(update(current, withoutLeader, List.of(org1Admin, org2Admin), org1Admin)), 1, 20).get(0);
      assertEquals(Status.SUCCESS, removed.getStatus(), removed.getInfo());
      var evictedChannel = cluster.member(evicted).node().channel("cfg").orElseThrow().channel();
      awaitTrue(evictedChannel::isEvicted, "the leader to apply its eviction");

      int leaderAfter = cluster.awaitLeader("cfg", Duration.ofSeconds(60));
      assertNotEquals(evicted, leaderAfter);
      awaitRaftMembers(cluster, leaderAfter, 3);
      for (BroadcastResponse r : toSurvivor.broadcastWithRetry(
          List.of(TestEnvelopes.transaction("cfg", user, 50), TestEnvelopes.transaction("cfg", user, 50)), 2, 20)) {
        assertEquals(Status.SUCCESS, r.getStatus(), r.getInfo());
      }
      long evictedHeight = evictedChannel.height();
      long survivorHeight = cluster.member(leaderAfter).node().channel("cfg").orElseThrow().channel().height();
      assertTrue(survivorHeight > evictedHeight, survivorHeight + " vs " + evictedHeight);

      try (OrdererClient toEvicted = new OrdererClient(cluster.member(evicted).broadcastPort(), tls)) {
        BroadcastResponse refused = toEvicted.broadcastOne(TestEnvelopes.transaction("cfg", user, 50));
        assertEquals(Status.SERVICE_UNAVAILABLE, refused.getStatus(), refused.getInfo());
        assertTrue(refused.getInfo().contains("no longer a consenter"), refused.getInfo());
        OrdererClient.DeliverResult served = toEvicted.deliver("cfg", 0, survivorHeight + 10, user);
        assertEquals(evictedHeight, served.blocks().size());
        assertEquals(Status.SERVICE_UNAVAILABLE, served.status());
      }
      RaftGroupId group = evictedChannel.groupId();
      awaitTrue(() -> !cluster.member(evicted).node().raft().hasGroup(group), "the evicted orderer to leave Raft");

      cluster.kill(evicted);
      cluster.startMember(evicted);
      var restarted = cluster.member(evicted).node().channel("cfg").orElseThrow().channel();
      assertTrue(restarted.isEvicted());
      assertEquals(evictedHeight, restarted.height());
      assertFalse(cluster.member(evicted).node().raft().hasGroup(group));
    }
  }

  private static void awaitTrue(java.util.function.BooleanSupplier condition, String what) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting for " + what);
      }
      Thread.sleep(100);
    }
  }

  private static void awaitRaftMembers(OrdererCluster cluster, int leader, int count) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (true) {
      var runtime = cluster.member(leader).node().channel("cfg").orElseThrow();
      Set<RaftPeerId> peers = new HashSet<>();
      cluster.member(leader).node().raft().division(runtime.channel().groupId()).getRaftConf().getCurrentPeers()
          .forEach(p -> peers.add(p.getId()));
      if (peers.size() == count) {
        return;
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("Raft members are " + peers);
      }
      Thread.sleep(100);
    }
  }

  private static ChannelConfig withMaxCount(ChannelConfig config, int count) {
    return config.toBuilder().setSequence(config.getSequence() + 1)
        .setOrdering(config.getOrdering().toBuilder().setBatchSize(
            BatchSize.newBuilder(config.getOrdering().getBatchSize()).setMaxMessageCount(count)))
        .build();
  }

  private static Envelope update(ChannelConfig base, ChannelConfig next, List<MessageSigner> admins,
      MessageSigner submitter) {
    ConfigUpdate update = ConfigUpdate.newBuilder().setChannelId(base.getChannelId())
        .setBaseSequence(base.getSequence()).setNewConfig(next).build();
    return ConfigBlocks.configUpdate(update, admins, submitter);
  }

  private static SigningIdentity admin(OrdererCluster cluster, String domain, String mspId) throws Exception {
    return MspDirectory.loadSigningIdentity(cluster.crypto().peerUser(domain, "Admin").resolve("msp"), mspId);
  }
}
