package dev.ordo.contracts.runtime;

import static dev.ordo.contracts.runtime.Calls.call;
import static dev.ordo.contracts.runtime.TestIdentities.ORG1_CLIENT;
import static dev.ordo.contracts.runtime.TestIdentities.ORG2_CLIENT;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import dev.ordo.contracts.api.Invocation;
import dev.ordo.contracts.simulation.SimulationResult;
import dev.ordo.contracts.state.InMemoryState;
import dev.ordo.contracts.state.Version;
import dev.ordo.proto.wire.Proposals;
import dev.ordo.proto.wire.Sha256;
import dev.ordo.proto.wire.SignedProposalView;
import org.hyperledger.fabric.protos.peer.SignedProposal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.hyperledger.fabric.protos.ledger.rwset.CollectionHashedReadWriteSet;
import org.hyperledger.fabric.protos.ledger.rwset.CollectionPvtReadWriteSet;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.HashedRWSet;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVRWSet;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVWriteHash;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.RangeQueryInfo;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Ordo's ChaincodeStub seen from a contract: each Fabric rule, one call at a time. */
class StubSemanticsTest {

  private static final String NS = TestContracts.PROBE;
  private static final String COLL = "secrets";

  private final InMemoryState ledger = new InMemoryState();
  private DeployedContract probe;
  private long block;

  @BeforeEach
  void seed() {
    probe = TestContracts.get(NS);
    for (String key : new String[] {"a", "b", "c", "d"}) {
      commitNext(call(ORG1_CLIENT, "Put", key, "v-" + key));
    }
  }

  @Test
  void readsDoNotSeeTheTransactionsOwnWrites() {
    SimulationResult result = simulate(call(ORG1_CLIENT, "ReadWriteRead", "a", "new"));
    assertEquals("v-a|v-a", RwSets.payload(result));
    KVRWSet kv = RwSets.kv(result, NS);
    assertEquals(1, kv.getReadsCount());
    assertEquals(1, kv.getReads(0).getVersion().getBlockNum());
    assertEquals("new", kv.getWrites(0).getValue().toStringUtf8());
  }

  @Test
  void aRangeStoppedEarlyRecordsTheLastKeyReadAndIsNotExhausted() {
    SimulationResult partial = simulate(call(ORG1_CLIENT, "Range", "a", "d", "2"));
    assertEquals("a,b", RwSets.payload(partial));
    RangeQueryInfo range = RwSets.kv(partial, NS).getRangeQueriesInfo(0);
    assertEquals("a", range.getStartKey());
    // The contract consumed a, b and looked at c (to find it wanted no more): all three were read.
    assertFalse(range.getItrExhausted());
    assertEquals(range.getRawReads().getKvReadsCount(),
        range.getRawReads().getKvReadsList().stream().map(r -> r.getKey()).distinct().count());
    assertEquals(range.getEndKey(), range.getRawReads().getKvReads(
        range.getRawReads().getKvReadsCount() - 1).getKey());

    SimulationResult full = simulate(call(ORG1_CLIENT, "Range", "b", "d", "10"));
    assertEquals("b,c", RwSets.payload(full));
    RangeQueryInfo exhausted = RwSets.kv(full, NS).getRangeQueriesInfo(0);
    assertTrue(exhausted.getItrExhausted());
    assertEquals("d", exhausted.getEndKey());
    assertEquals(3, exhausted.getRawReads().getKvReads(1).getVersion().getBlockNum());
  }

  @Test
  void compositeKeysUseFabricsFormat() {
    SimulationResult put = commitNext(call(ORG1_CLIENT, "PutComposite", "color~name", "blue", "x1"));
    assertEquals("color~name:blue,x1", RwSets.payload(put));
    assertEquals("\u0000color~name\u0000blue\u0000x1\u0000",
        RwSets.kv(put, NS).getWrites(0).getKey());
    commitNext(call(ORG1_CLIENT, "PutComposite", "color~name", "blue", "x2"));
    commitNext(call(ORG1_CLIENT, "PutComposite", "color~name", "bluer", "x3"));
    // Partial key "blue" matches blue only, not bluer: the attribute ends with U+0000.
    assertEquals("blue/x1,blue/x2",
        RwSets.payload(simulate(call(ORG1_CLIENT, "Partial", "color~name", "blue"))));
    // Simple range queries never return composite keys.
    assertEquals("a,b,c,d", RwSets.payload(simulate(call(ORG1_CLIENT, "Range", "", "", "100"))));
  }

  @Test
  void deletesAreRecordedAndShowInHistory() {
    Invocation delete = call(ORG1_CLIENT, "Delete", "b");
    SimulationResult deleted = commitNext(delete);
    assertTrue(RwSets.kv(deleted, NS).getWrites(0).getIsDelete());
    assertEquals("<null>", RwSets.payload(simulate(call(ORG1_CLIENT, "Get", "b"))));
    String history = RwSets.payload(simulate(call(ORG1_CLIENT, "History", "b")));
    assertTrue(history.startsWith(delete.txId() + ":deleted,"), history);
    assertTrue(history.endsWith(":v-b"), history);
  }

  @Test
  void paginatedQueriesWorkOnlyInReadOnlyTransactions() {
    SimulationResult page = simulate(call(ORG1_CLIENT, "Page", "", "", "2", "", "false"));
    assertEquals("a,b|c#2", RwSets.payload(page));
    assertEquals("c,d|#2", RwSets.payload(
        simulate(call(ORG1_CLIENT, "Page", "", "", "2", "c", "false"))));
    SimulationResult writeAfter = simulate(call(ORG1_CLIENT, "Page", "", "", "2", "", "true"));
    assertEquals(500, writeAfter.response().getStatus());
    assertTrue(writeAfter.response().getMessage().contains("read-only transaction"),
        writeAfter.response().getMessage());
  }

  @Test
  void richQueriesAreRefusedWithAClearError() {
    SimulationResult rich = simulate(call(ORG1_CLIENT, "RichQuery"));
    assertEquals(500, rich.response().getStatus());
    assertTrue(rich.response().getMessage().startsWith("rich queries (getQueryResult) are not supported"));
  }

  @Test
  void onlyTheLastEventOfATransactionIsKept() {
    SimulationResult events = simulate(call(ORG1_CLIENT, "TwoEvents"));
    assertEquals("second", events.event().orElseThrow().getEventName());
    assertEquals("2", events.event().orElseThrow().getPayload().toStringUtf8());
  }

  @Test
  void theStubExposesTheProposalsContext() {
    Invocation info = call(ORG2_CLIENT,
        Map.of("secret", "s3cr3t".getBytes(StandardCharsets.UTF_8)), "TxInfo");
    String[] parts = RwSets.payload(simulate(info)).split("\\|", -1);
    assertEquals(info.txId(), parts[0]);
    assertEquals(Calls.CHANNEL, parts[1]);
    assertEquals(info.timestamp().toString(), parts[2]);
    assertEquals(Calls.LOCAL_MSP, parts[3]);
    assertEquals("Org2MSP", parts[4]);
    assertEquals(HexFormat.of().formatHex(info.binding()), parts[5]);
    assertEquals("proposal", parts[6]);
    assertEquals("s3cr3t", parts[7]);
    assertEquals("TxInfo", parts[8]);
  }

  @Test
  void aSignedProposalBecomesTheInvocationTheContractSees() throws Exception {
    SignedProposal signed = Proposals.newSignedProposal(Calls.CHANNEL, NS,
        List.of(ByteString.copyFromUtf8("TxInfo")),
        Map.of("secret", ByteString.copyFromUtf8("from-client")), TestIdentities.ORG2_SIGNER,
        Instant.parse("2026-01-02T03:04:05.123456789Z"));
    SignedProposalView view = SignedProposalView.parse(signed);
    Invocation invocation = ProposalInvocations.from(view, "Org1MSP");
    String[] parts = RwSets.payload(simulate(invocation)).split("\\|", -1);
    assertEquals(view.txId(), parts[0]);
    assertEquals("2026-01-02T03:04:05.123456789Z", parts[2]);
    assertEquals("Org2MSP", parts[4]);
    byte[] epoch = new byte[8];
    assertEquals(HexFormat.of().formatHex(Sha256.digest(view.nonce(), view.creator(), epoch)),
        parts[5]);
    assertEquals("from-client", parts[7]);
  }

  @Test
  void privateWritesGoToThePrivateSetAndOnlyTheirHashesToTheLedger() throws Exception {
    byte[] value = "top secret".getBytes(StandardCharsets.UTF_8);
    SimulationResult put = commitNext(
        call(ORG1_CLIENT, Map.of("value", value), "PutPrivate", COLL, "k1"));
    assertTrue(put.hasPrivateWrites());
    CollectionPvtReadWriteSet pvt = put.privateWriteSet().getNsPvtRwset(0).getCollectionPvtRwset(0);
    assertEquals(COLL, pvt.getCollectionName());
    KVRWSet plain = KVRWSet.parseFrom(pvt.getRwset());
    assertEquals("k1", plain.getWrites(0).getKey());
    assertArrayEquals(value, plain.getWrites(0).getValue().toByteArray());

    CollectionHashedReadWriteSet hashedColl =
        RwSets.namespace(put, NS).getCollectionHashedRwset(0);
    assertEquals(COLL, hashedColl.getCollectionName());
    assertEquals(ByteString.copyFrom(Sha256.digest(pvt.getRwset())), hashedColl.getPvtRwsetHash());
    KVWriteHash write = HashedRWSet.parseFrom(hashedColl.getHashedRwset()).getHashedWrites(0);
    assertArrayEquals(Sha256.digest("k1".getBytes(StandardCharsets.UTF_8)),
        write.getKeyHash().toByteArray());
    assertArrayEquals(Sha256.digest(value), write.getValueHash().toByteArray());
    // No plaintext on the ledger.
    assertFalse(put.readWriteSet().toByteString().toStringUtf8().contains("top secret"));

    SimulationResult read = simulate(call(ORG1_CLIENT, "GetPrivate", COLL, "k1"));
    assertEquals("top secret", RwSets.payload(read));
    assertFalse(read.hasPrivateWrites());
    HashedRWSet readSet = HashedRWSet.parseFrom(
        RwSets.namespace(read, NS).getCollectionHashedRwset(0).getHashedRwset());
    assertEquals(block, readSet.getHashedReads(0).getVersion().getBlockNum());
    assertTrue(RwSets.namespace(read, NS).getCollectionHashedRwset(0).getPvtRwsetHash().isEmpty());

    assertEquals(HexFormat.of().formatHex(Sha256.digest(value)),
        RwSets.payload(simulate(call(ORG2_CLIENT, "GetPrivateHash", COLL, "k1"))));
  }

  @Test
  void privateRangesWorkOnlyInReadOnlyTransactions() {
    commitNext(call(ORG1_CLIENT, Map.of("value", "1".getBytes(StandardCharsets.UTF_8)),
        "PutPrivate", COLL, "p1"));
    commitNext(call(ORG1_CLIENT, Map.of("value", "2".getBytes(StandardCharsets.UTF_8)),
        "PutPrivate", COLL, "p2"));
    SimulationResult listed = simulate(call(ORG1_CLIENT, "PrivateRange", COLL, "false"));
    assertEquals("p1=1,p2=2", RwSets.payload(listed));
    SimulationResult wrote = simulate(call(ORG1_CLIENT, "PrivateRange", COLL, "true"));
    assertEquals(500, wrote.response().getStatus());
    assertTrue(wrote.response().getMessage().contains("query on private data"),
        wrote.response().getMessage());
  }

  @Test
  void privateDeletesAndPurgesAreMarkedInTheHashedSet() throws Exception {
    commitNext(call(ORG1_CLIENT, Map.of("value", new byte[] {1}), "PutPrivate", COLL, "k2"));
    KVWriteHash delete = hashedWrite(simulate(call(ORG1_CLIENT, "DeletePrivate", COLL, "k2")));
    assertTrue(delete.getIsDelete());
    assertFalse(delete.getIsPurge());
    assertTrue(delete.getValueHash().isEmpty());

    SimulationResult purge = commitNext(call(ORG1_CLIENT, "PurgePrivate", COLL, "k2"));
    assertTrue(hashedWrite(purge).getIsPurge());
    assertTrue(hashedWrite(purge).getIsDelete());
    assertEquals("<null>", RwSets.payload(simulate(call(ORG1_CLIENT, "GetPrivate", COLL, "k2"))));
  }

  @Test
  void contractFailuresBecomeErrorResponses() {
    SimulationResult failed = simulate(call(ORG1_CLIENT, "Fail", "no can do"));
    assertEquals(500, failed.response().getStatus());
    assertEquals("no can do", failed.response().getMessage());
    SimulationResult crashed = simulate(call(ORG1_CLIENT, "Crash"));
    assertEquals(500, crashed.response().getStatus());
    assertEquals(200, simulate(call(ORG1_CLIENT, "Get", "a")).response().getStatus());
  }

  private static KVWriteHash hashedWrite(SimulationResult result) throws Exception {
    return HashedRWSet.parseFrom(RwSets.namespace(result, NS).getCollectionHashedRwset(0)
        .getHashedRwset()).getHashedWrites(0);
  }

  private SimulationResult simulate(Invocation invocation) {
    return probe.simulate(invocation, ledger.snapshot());
  }

  private SimulationResult commitNext(Invocation invocation) {
    SimulationResult result = simulate(invocation);
    RwSets.commit(ledger, new Version(++block, 0), result, invocation.txId());
    return result;
  }
}
