package dev.ordo.ordering;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import dev.ordo.membership.identity.SigningIdentity;
import dev.ordo.membership.tls.TlsMaterial;
import dev.ordo.ordering.cutter.ChannelSequencer;
import dev.ordo.proto.v1.ChannelConfig;
import dev.ordo.proto.v1.Policy;
import dev.ordo.proto.wire.ConfigBlocks;
import dev.ordo.proto.wire.DeliverRequests;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.Status;
import org.hyperledger.fabric.protos.orderer.BroadcastResponse;
import org.hyperledger.fabric.protos.orderer.SeekInfo;
import org.hyperledger.fabric.protos.orderer.SeekNewest;
import org.hyperledger.fabric.protos.orderer.SeekPosition;
import org.hyperledger.fabric.protos.orderer.SeekSpecified;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every bad input gets its Broadcast status; Deliver serves ranges and refuses non-readers. */
class BroadcastAndDeliverChecksTest {
  @TempDir
  static Path dir;
  static OrdererCluster cluster;
  static OrdererClient org1;
  static OrdererClient org2;
  static SigningIdentity user1;
  static SigningIdentity user2;

  @BeforeAll
  static void start() throws Exception {
    cluster = OrdererCluster.start(dir, 1, 2);
    ChannelConfig open = cluster.channelConfig("open", List.of(0), 10, Duration.ofMillis(50)).toBuilder()
        .setOrdering(cluster.channelConfig("open", List.of(0), 10, Duration.ofMillis(50)).getOrdering().toBuilder()
            .setMaxEnvelopeBytes(16 * 1024))
        .build();
    cluster.createChannel(open, List.of(0));
    ChannelConfig org1Only = cluster.channelConfig("org1only", List.of(0), 10, Duration.ofMillis(50)).toBuilder()
        .removeOrganizations(2).build();
    cluster.createChannel(org1Only, List.of(0));
    ChannelConfig adminWriters = cluster.channelConfig("adminwriters", List.of(0), 10, Duration.ofMillis(50))
        .toBuilder().putPolicies("Writers", Policy.newBuilder().setSignature("OR('Org1MSP.admin')").build()).build();
    cluster.createChannel(adminWriters, List.of(0));
    cluster.createChannel(cluster.channelConfig("resume", List.of(0), 10, Duration.ofMillis(50)), List.of(0));
    // Consenters 0 and 1 but only 0 runs: no majority, never a leader.
    cluster.createChannel(cluster.channelConfig("leaderless", List.of(0, 1), 10, Duration.ofMillis(50)), List.of(0));
    for (String channel : List.of("open", "org1only", "adminwriters", "resume")) {
      cluster.awaitLeader(channel, Duration.ofSeconds(30));
    }
    user1 = cluster.user(1);
    user2 = cluster.user(2);
    org1 = new OrdererClient(cluster.member(0).broadcastPort(), cluster.userTls(1));
    org2 = new OrdererClient(cluster.member(0).broadcastPort(), cluster.userTls(2));
  }

  @AfterAll
  static void stop() {
    if (org1 != null) {
      org1.close();
      org2.close();
    }
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  void acceptsAWellFormedEnvelope() throws Exception {
    // A client retries SERVICE_UNAVAILABLE (a leader change on a starved machine); anything else fails.
    BroadcastResponse r = org1.broadcastWithRetry(List.of(TestEnvelopes.transaction("open", user1, 100)), 1, 10)
        .get(0);
    assertEquals(Status.SUCCESS, r.getStatus(), r.getInfo());
  }

  @Test
  void aLeaderWhoseSequencerWasStoppedResumesOrdering() throws Exception {
    var sequencer = cluster.member(0).node().channel("resume").orElseThrow().sequencer();
    sequencer.setLeading(false); // as if Raft's leader notification had been lost
    awaitLeading(sequencer, true);
    BroadcastResponse r = org1.broadcastOne(TestEnvelopes.transaction("resume", user1, 10));
    assertEquals(Status.SUCCESS, r.getStatus(), r.getInfo());
  }

  @Test
  void aSequencerRunningWithoutRaftLeadershipStops() throws Exception {
    var sequencer = cluster.member(0).node().channel("leaderless").orElseThrow().sequencer();
    sequencer.setLeading(true); // as if a notification had come out of order
    awaitLeading(sequencer, false);
    BroadcastResponse r = org1.broadcastOne(TestEnvelopes.transaction("leaderless", user1, 10));
    assertEquals(Status.SERVICE_UNAVAILABLE, r.getStatus(), r.getInfo());
  }

  private static void awaitLeading(ChannelSequencer sequencer, boolean expected)
      throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (sequencer.isLeading() != expected && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertEquals(expected, sequencer.isLeading(), "sequencer leading");
  }

  @Test
  void rejectsAnEnvelopeThatDoesNotParse() throws Exception {
    BroadcastResponse r = org1.broadcastOne(Envelope.newBuilder().setPayload(ByteString.copyFromUtf8("garbage"))
        .setSignature(ByteString.copyFromUtf8("sig")).build());
    assertEquals(Status.BAD_REQUEST, r.getStatus());
    assertTrue(r.getInfo().startsWith("malformed envelope"), r.getInfo());
  }

  @Test
  void answersBytesThatAreNoEnvelopeAndKeepsTheStreamOpen() throws Exception {
    assertEquals(Status.SUCCESS, org1.broadcastWithRetry(List.of(TestEnvelopes.transaction("open", user1, 10)), 1, 10)
        .get(0).getStatus(), "the channel has a leader");
    ByteString notAnEnvelope = ByteString.copyFrom(new byte[] {(byte) 0xff, (byte) 0xff, (byte) 0xff, 0x01});
    List<BroadcastResponse> responses = org1.broadcastBytes(List.of(notAnEnvelope, ByteString.EMPTY,
        TestEnvelopes.transaction("open", user1, 10).toByteString()), 1);
    assertEquals(3, responses.size(), responses.toString());
    assertEquals(Status.BAD_REQUEST, responses.get(0).getStatus());
    assertTrue(responses.get(0).getInfo().startsWith("malformed envelope: Envelope: not a valid Envelope"),
        responses.get(0).getInfo());
    assertEquals(Status.BAD_REQUEST, responses.get(1).getStatus());
    assertEquals("malformed envelope: Envelope: missing", responses.get(1).getInfo());
    assertEquals(Status.SUCCESS, responses.get(2).getStatus(), responses.get(2).getInfo());
  }

  @Test
  void rejectsAnUnknownChannel() throws Exception {
    BroadcastResponse r = org1.broadcastOne(TestEnvelopes.transaction("nosuchchannel", user1, 10));
    assertEquals(Status.NOT_FOUND, r.getStatus());
    assertTrue(r.getInfo().contains("nosuchchannel"), r.getInfo());
  }

  @Test
  void rejectsAnEnvelopeOverTheChannelSizeLimit() throws Exception {
    BroadcastResponse r = org1.broadcastOne(TestEnvelopes.transaction("open", user1, 20 * 1024));
    assertEquals(Status.REQUEST_ENTITY_TOO_LARGE, r.getStatus());
    assertTrue(r.getInfo().contains("exceeds maximum allowed 16384 bytes"), r.getInfo());
  }

  @Test
  void rejectsABadCreatorSignature() throws Exception {
    Envelope good = TestEnvelopes.transaction("open", user1, 10);
    byte[] signature = good.getSignature().toByteArray();
    signature[signature.length - 3] ^= 0x55;
    BroadcastResponse r = org1.broadcastOne(good.toBuilder().setSignature(ByteString.copyFrom(signature)).build());
    assertEquals(Status.FORBIDDEN, r.getStatus());
    assertTrue(r.getInfo().contains("Writers"), r.getInfo());
  }

  @Test
  void rejectsACreatorFromAnOrganisationOutsideTheChannel() throws Exception {
    BroadcastResponse r = org2.broadcastOne(TestEnvelopes.transaction("org1only", user2, 10));
    assertEquals(Status.FORBIDDEN, r.getStatus());
    assertTrue(r.getInfo().contains("not valid in channel 'org1only'"), r.getInfo());
  }

  @Test
  void rejectsACreatorThatDoesNotSatisfyWriters() throws Exception {
    BroadcastResponse r = org1.broadcastOne(TestEnvelopes.transaction("adminwriters", user1, 10));
    assertEquals(Status.FORBIDDEN, r.getStatus());
    assertTrue(r.getInfo().contains("Writers policy"), r.getInfo());
  }

  @Test
  void rejectsATimestampOutsideTheWindow() throws Exception {
    Envelope stale = TestEnvelopes.transaction(
        new TestEnvelopes.Parts("open", Instant.now().minus(Duration.ofMinutes(20)), 10, null), user1);
    BroadcastResponse r = org1.broadcastOne(stale);
    assertEquals(Status.BAD_REQUEST, r.getStatus());
    assertTrue(r.getInfo().contains("timestamp"), r.getInfo());
  }

  @Test
  void rejectsAMalformedTxId() throws Exception {
    Envelope bad = TestEnvelopes.transaction(new TestEnvelopes.Parts("open", Instant.now(), 10, "NOT-A-TX-ID"), user1);
    BroadcastResponse r = org1.broadcastOne(bad);
    assertEquals(Status.BAD_REQUEST, r.getStatus());
    assertTrue(r.getInfo().contains("tx_id"), r.getInfo());
  }

  @Test
  void rejectsAConfigEnvelopeSubmittedDirectly() throws Exception {
    ChannelConfig config = cluster.member(0).node().channel("open").orElseThrow().channel().state().config();
    Envelope configEnvelope = ConfigBlocks.configEnvelope(config.toBuilder().setSequence(1).build(), ByteString.EMPTY,
        user1);
    BroadcastResponse r = org1.broadcastOne(configEnvelope);
    assertEquals(Status.BAD_REQUEST, r.getStatus());
    assertTrue(r.getInfo().contains("CONFIG"), r.getInfo());
  }

  @Test
  void answersServiceUnavailableWhenTheChannelHasNoLeader() throws Exception {
    BroadcastResponse r = org1.broadcastOne(TestEnvelopes.transaction("leaderless", user1, 10));
    assertEquals(Status.SERVICE_UNAVAILABLE, r.getStatus());
    assertTrue(r.getInfo().contains("no Raft leader"), r.getInfo());
  }

  @Test
  void deliversFromAnArbitraryBlockAndTheNewest() throws Exception {
    List<Envelope> envelopes = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      envelopes.add(TestEnvelopes.transaction("open", user1, 50));
    }
    for (BroadcastResponse r : org1.broadcastWithRetry(envelopes, 30, 10)) {
      assertEquals(Status.SUCCESS, r.getStatus(), r.getInfo());
    }
    long height = cluster.member(0).node().channel("open").orElseThrow().channel().height();
    assertTrue(height >= 4, "height " + height);
    OrdererClient.DeliverResult range = org1.deliver("open", 2, 3, user1);
    assertEquals(Status.SUCCESS, range.status());
    assertEquals(List.of(2L, 3L), range.blocks().stream().map(b -> b.getHeader().getNumber()).toList());

    SeekPosition newest = SeekPosition.newBuilder().setNewest(SeekNewest.getDefaultInstance()).build();
    OrdererClient.DeliverResult tip = org1.deliver("open",
        SeekInfo.newBuilder().setStart(newest).setStop(newest).build(), user1);
    assertEquals(Status.SUCCESS, tip.status());
    assertEquals(1, tip.blocks().size());
    assertTrue(tip.blocks().get(0).getHeader().getNumber() >= height - 1);

    SeekPosition beyond = SeekPosition.newBuilder().setSpecified(SeekSpecified.newBuilder().setNumber(height + 100))
        .build();
    OrdererClient.DeliverResult notReady = org1.deliver("open", SeekInfo.newBuilder().setStart(beyond).setStop(beyond)
        .setBehavior(SeekInfo.SeekBehavior.FAIL_IF_NOT_READY).build(), user1);
    assertEquals(Status.NOT_FOUND, notReady.status());
  }

  @Test
  void refusesDeliverToAnIdentityThatIsNotAReader() {
    OrdererClient.DeliverResult result = org2.deliver("org1only", 0, 0, user2);
    assertEquals(Status.FORBIDDEN, result.status());
    assertTrue(result.blocks().isEmpty());
  }

  @Test
  void refusesDeliverOfAnUnknownChannel() {
    assertEquals(Status.NOT_FOUND, org1.deliver("nosuchchannel", 0, 0, user1).status());
  }

  @Test
  void refusesDeliverWhoseTlsBindingIsSomeoneElses() throws Exception {
    TlsMaterial other = cluster.userTls(2);
    var seek = DeliverRequests.range("open", 0, 0, user1,
        ByteString.copyFrom(TlsMaterial.certificateHash(other.certificate())));
    assertEquals(Status.BAD_REQUEST, org1.deliver(seek).status());
  }
}
