package dev.ordo.contracts.runtime;

import static dev.ordo.contracts.runtime.Calls.call;
import static dev.ordo.contracts.runtime.TestIdentities.ORG1_CLIENT;
import static dev.ordo.contracts.runtime.TestIdentities.ORG2_CLIENT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ordo.contracts.api.Invocation;
import dev.ordo.contracts.simulation.SimulationResult;
import dev.ordo.contracts.state.InMemoryState;
import dev.ordo.contracts.state.Version;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVRWSet;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVRead;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVWrite;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.RangeQueryInfo;
import org.json.JSONArray;
import org.json.JSONObject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The asset-transfer sample jar run through the runtime against an in-memory ledger. */
class AssetTransferContractTest {

  private static final String NS = TestContracts.ASSET_TRANSFER;
  private static final String INDEX_PREFIX = "\u0000org~asset\u0000";

  private final InMemoryState ledger = new InMemoryState();
  private DeployedContract contract;
  private long block;

  @BeforeEach
  void initLedger() {
    contract = TestContracts.get(NS);
    SimulationResult init = commitNext(call(ORG1_CLIENT, "InitLedger"));
    KVRWSet kv = RwSets.kv(init, NS);
    // Reads of absent keys carry no version: a later writer of asset1 makes this tx invalid.
    assertEquals(List.of("asset1", "asset2", "asset3", "asset4", "asset5", "asset6"),
        RwSets.readKeys(kv));
    kv.getReadsList().forEach(r -> assertFalse(r.hasVersion(), r.getKey()));
    // Sorted by UTF-8 bytes: the U+0000-prefixed composite keys come first.
    List<String> writes = RwSets.writeKeys(kv);
    assertEquals(12, writes.size());
    assertEquals(INDEX_PREFIX + "Org1MSP\u0000asset1\u0000", writes.get(0));
    assertEquals("asset1", writes.get(6));
    assertEquals("LedgerInitialized", init.event().orElseThrow().getEventName());
    assertEquals(NS, init.event().orElseThrow().getChaincodeId());
  }

  @Test
  void metadataDescribesTheContract() {
    JSONObject contracts = new JSONObject(contract.metadata()).getJSONObject("contracts");
    JSONObject assets = contracts.getJSONObject("asset-transfer");
    String transactions = assets.getJSONArray("transactions").toString();
    assertTrue(transactions.contains("\"TransferAsset\""), transactions);
    assertTrue(transactions.contains("\"GetAssetHistory\""), transactions);
  }

  @Test
  void readRecordsTheCommittedVersionAndWritesNothing() {
    SimulationResult read = simulate(call(ORG2_CLIENT, "ReadAsset", "asset3"));
    assertEquals(200, read.response().getStatus());
    JSONObject asset = new JSONObject(RwSets.payload(read));
    assertEquals("Jin Soo", asset.getString("owner"));
    assertEquals("Org1MSP", asset.getString("ownerOrg"));
    KVRWSet kv = RwSets.kv(read, NS);
    assertEquals(1, kv.getReadsCount());
    assertEquals(1, kv.getReads(0).getVersion().getBlockNum());
    assertEquals(0, kv.getReads(0).getVersion().getTxNum());
    assertEquals(0, kv.getWritesCount());
    assertTrue(read.event().isEmpty());
  }

  @Test
  void ownerOrgTransfersAndOtherOrgIsRefused() {
    SimulationResult refused = simulate(
        call(ORG2_CLIENT, "TransferAsset", "asset1", "Mallory", "Org2MSP"));
    assertEquals(500, refused.response().getStatus());
    assertEquals("asset asset1 is owned by Org1MSP; a client of Org2MSP may not transfer it",
        refused.response().getMessage());

    SimulationResult moved = commitNext(
        call(ORG1_CLIENT, "TransferAsset", "asset1", "Christopher", "Org2MSP"));
    JSONObject transfer = new JSONObject(RwSets.payload(moved));
    assertEquals("Tomoko", transfer.getString("previousOwner"));
    assertEquals("Org2MSP", transfer.getString("newOwnerOrg"));
    assertEquals("AssetTransferred", moved.event().orElseThrow().getEventName());
    KVRWSet kv = RwSets.kv(moved, NS);
    List<KVWrite> writes = kv.getWritesList();
    assertEquals(3, writes.size());
    assertEquals(INDEX_PREFIX + "Org1MSP\u0000asset1\u0000", writes.get(0).getKey());
    assertTrue(writes.get(0).getIsDelete());
    assertEquals(INDEX_PREFIX + "Org2MSP\u0000asset1\u0000", writes.get(1).getKey());
    assertEquals("asset1", writes.get(2).getKey());

    // Now Org2 owns it: Org1 may no longer update it, Org2 may.
    assertEquals(500, simulate(call(ORG1_CLIENT, "UpdateAsset", "asset1", "red", "1", "1"))
        .response().getStatus());
    assertEquals(200, simulate(call(ORG2_CLIENT, "UpdateAsset", "asset1", "red", "1", "1"))
        .response().getStatus());
  }

  @Test
  void getAllAssetsRecordsTheRangeForThePhantomCheck() {
    SimulationResult all = simulate(call(ORG1_CLIENT, "GetAllAssets"));
    assertEquals(6, new JSONArray(RwSets.payload(all)).length());
    KVRWSet kv = RwSets.kv(all, NS);
    assertEquals(0, kv.getReadsCount());
    assertEquals(1, kv.getRangeQueriesInfoCount());
    RangeQueryInfo range = kv.getRangeQueriesInfo(0);
    assertEquals("\u0001", range.getStartKey());
    assertEquals("", range.getEndKey());
    assertTrue(range.getItrExhausted());
    List<KVRead> reads = range.getRawReads().getKvReadsList();
    assertEquals(6, reads.size());
    assertEquals("asset6", reads.get(5).getKey());
    assertEquals(1, reads.get(5).getVersion().getBlockNum());
  }

  @Test
  void partialCompositeKeyQueryFollowsTheIndex() {
    commitNext(call(ORG1_CLIENT, "TransferAsset", "asset2", "Zoe", "Org2MSP"));
    SimulationResult owned = simulate(call(ORG1_CLIENT, "GetAssetsByOwnerOrg", "Org2MSP"));
    assertEquals("[\"asset2\"]", RwSets.payload(owned));
    RangeQueryInfo range = RwSets.kv(owned, NS).getRangeQueriesInfo(0);
    assertEquals(INDEX_PREFIX + "Org2MSP\u0000", range.getStartKey());
    assertEquals(INDEX_PREFIX + "Org2MSP\u0000" + new String(Character.toChars(0x10FFFF)),
        range.getEndKey());
    assertEquals(2, range.getRawReads().getKvReads(0).getVersion().getBlockNum());
  }

  @Test
  void historyListsCommittedChangesNewestFirst() {
    Invocation update = call(ORG1_CLIENT, "UpdateAsset", "asset5", "purple", "20", "900");
    commitNext(update);
    Invocation delete = call(ORG1_CLIENT, "DeleteAsset", "asset5");
    SimulationResult deleted = commitNext(delete);
    assertTrue(RwSets.kv(deleted, NS).getWrites(1).getIsDelete());

    JSONArray history = new JSONArray(RwSets.payload(
        simulate(call(ORG1_CLIENT, "GetAssetHistory", "asset5"))));
    assertEquals(3, history.length());
    assertEquals(delete.txId(), history.getJSONObject(0).getString("txId"));
    assertTrue(history.getJSONObject(0).getBoolean("isDelete"));
    assertEquals(update.txId(), history.getJSONObject(1).getString("txId"));
    assertEquals("purple", history.getJSONObject(1).getJSONObject("value").getString("color"));
    assertFalse(history.getJSONObject(2).getBoolean("isDelete"));
    assertEquals(500, simulate(call(ORG1_CLIENT, "ReadAsset", "asset5")).response().getStatus());
  }

  @Test
  void concurrentCallsKeepTheirOwnReadWriteSets() throws Exception {
    int threads = 4;
    int perThread = 50;
    java.util.concurrent.ExecutorService pool =
        java.util.concurrent.Executors.newFixedThreadPool(threads);
    try {
      List<java.util.concurrent.Future<?>> done = new java.util.ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int thread = t;
        done.add(pool.submit(() -> {
          for (int i = 0; i < perThread; i++) {
            String id = "c" + thread + "-" + i;
            Invocation create = call(ORG1_CLIENT, "CreateAsset", id, "red", "1", "Owner" + id,
                "5");
            SimulationResult r = simulate(create);
            assertEquals(200, r.response().getStatus(), r.response().getMessage());
            assertEquals(List.of(id), RwSets.readKeys(RwSets.kv(r, NS)));
            assertEquals(id, RwSets.kv(r, NS).getWrites(1).getKey());
            assertEquals(create.txId(), r.event().orElseThrow().getTxId());
            assertTrue(r.event().orElseThrow().getPayload().toStringUtf8().contains(id));
          }
        }));
      }
      for (java.util.concurrent.Future<?> f : done) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void contractErrorsBecomeStatus500WithTheContractsMessage() {
    SimulationResult duplicate = simulate(
        call(ORG1_CLIENT, "CreateAsset", "asset1", "blue", "5", "Tom", "100"));
    assertEquals(500, duplicate.response().getStatus());
    assertEquals("asset asset1 already exists", duplicate.response().getMessage());
    assertEquals("ASSET_ALREADY_EXISTS",
        duplicate.response().getPayload().toString(StandardCharsets.UTF_8));
  }

  @Test
  void malformedCallsGetAnErrorResponseNotACrash() {
    SimulationResult unknown = simulate(call(ORG1_CLIENT, "NoSuchFunction", "x"));
    assertEquals(500, unknown.response().getStatus());
    assertFalse(unknown.response().getMessage().isEmpty());

    SimulationResult badNumber = simulate(
        call(ORG1_CLIENT, "CreateAsset", "asset9", "blue", "not-a-number", "Tom", "100"));
    assertEquals(500, badNumber.response().getStatus());

    SimulationResult missingArgs = simulate(call(ORG1_CLIENT, "CreateAsset", "asset9"));
    assertEquals(500, missingArgs.response().getStatus());

    SimulationResult badCreator = simulate(call("not an identity".getBytes(StandardCharsets.UTF_8),
        "ReadAsset", "asset1"));
    assertEquals(500, badCreator.response().getStatus());

    // Still healthy afterwards.
    assertEquals(200, simulate(call(ORG1_CLIENT, "AssetExists", "asset1")).response().getStatus());
  }

  private SimulationResult simulate(Invocation invocation) {
    return contract.simulate(invocation, ledger.snapshot());
  }

  private SimulationResult commitNext(Invocation invocation) {
    SimulationResult result = simulate(invocation);
    RwSets.commit(ledger, new Version(++block, 0), result, invocation.txId());
    return result;
  }
}
