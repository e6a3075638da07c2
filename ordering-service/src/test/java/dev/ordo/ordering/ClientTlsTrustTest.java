package dev.ordo.ordering;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ordo.membership.identity.SigningIdentity;
import dev.ordo.proto.v1.ChannelConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.hyperledger.fabric.protos.common.Status;
import org.hyperledger.fabric.protos.orderer.BroadcastResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * With no static {@code client-root-cas}, the orderer accepts TLS clients of exactly the
 * organisations of the channels it serves, and follows joins and removals without a restart.
 */
class ClientTlsTrustTest {
  @TempDir
  Path dir;

  @Test
  void clientTlsRootsFollowTheChannelsServed() throws Exception {
    try (OrdererCluster cluster = OrdererCluster.start(dir, 1, 1, Map.of("ordo.orderer.client-root-cas", ""))) {
      int port = cluster.member(0).broadcastPort();
      ChannelConfig org1Only = cluster.channelConfig("org1only", List.of(0), 10, Duration.ofMillis(50)).toBuilder()
          .removeOrganizations(2).build();
      cluster.createChannel(org1Only, List.of(0));
      cluster.awaitLeader("org1only", Duration.ofSeconds(30));
      SigningIdentity user1 = cluster.user(1);
      SigningIdentity user2 = cluster.user(2);

      try (OrdererClient org1 = new OrdererClient(port, cluster.userTls(1))) {
        BroadcastResponse r = sent(org1, TestEnvelopes.transaction("org1only", user1, 10));
        assertEquals(Status.SUCCESS, r.getStatus(), r.getInfo());
      }
      assertRefusedAtTls(port, cluster, user2, "org1only");

      // Org2 joins the orderer's world with a second channel: its clients connect at once.
      cluster.createChannel(cluster.channelConfig("both", List.of(0), 10, Duration.ofMillis(50)), List.of(0));
      cluster.awaitLeader("both", Duration.ofSeconds(30));
      try (OrdererClient org2 = new OrdererClient(port, cluster.userTls(2))) {
        BroadcastResponse r = sent(org2, TestEnvelopes.transaction("both", user2, 10));
        assertEquals(Status.SUCCESS, r.getStatus(), r.getInfo());
      }

      // And once that channel is removed, new connections of Org2 are refused again.
      assertTrue(cluster.member(0).node().remove("both"));
      assertRefusedAtTls(port, cluster, user2, "org1only");
      try (OrdererClient org1 = new OrdererClient(port, cluster.userTls(1))) {
        BroadcastResponse r = sent(org1, TestEnvelopes.transaction("org1only", user1, 10));
        assertEquals(Status.SUCCESS, r.getStatus(), r.getInfo());
      }
    }
  }

  /** The envelope's final answer, resent on SERVICE_UNAVAILABLE as Fabric clients do (a leader change). */
  private static BroadcastResponse sent(OrdererClient client, org.hyperledger.fabric.protos.common.Envelope envelope)
      throws InterruptedException {
    return client.broadcastWithRetry(List.of(envelope), 1, 20).get(0);
  }

  private static void assertRefusedAtTls(int port, OrdererCluster cluster, SigningIdentity user, String channel)
      throws Exception {
    try (OrdererClient client = new OrdererClient(port, cluster.userTls(2))) {
      AssertionError refused = assertThrows(AssertionError.class,
          () -> client.broadcastOne(TestEnvelopes.transaction(channel, user, 10)));
      assertTrue(refused.getMessage().contains("UNAVAILABLE"), refused.getMessage());
    }
  }
}
