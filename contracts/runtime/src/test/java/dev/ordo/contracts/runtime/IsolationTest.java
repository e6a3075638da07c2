package dev.ordo.contracts.runtime;

import static dev.ordo.contracts.runtime.Calls.call;
import static dev.ordo.contracts.runtime.TestIdentities.ORG1_ADMIN;
import static dev.ordo.contracts.runtime.TestIdentities.ORG1_CLIENT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ordo.contracts.simulation.SimulationResult;
import dev.ordo.contracts.state.InMemoryState;
import dev.ordo.contracts.state.Version;
import java.time.Instant;
import org.json.JSONObject;
import org.junit.jupiter.api.Test;

/** Contracts side by side in one runtime, each with its own copy of the shim. */
class IsolationTest {

  @Test
  void twoContractsWithADataTypeOfTheSameSimpleNameDoNotCollide() {
    // Both samples declare a @DataType named Transfer, with different properties; the shim's
    // type registry is keyed by simple name and JVM-wide within one copy of the shim.
    DeployedContract assets = TestContracts.get(TestContracts.ASSET_TRANSFER);
    DeployedContract token = TestContracts.get(TestContracts.TOKEN);
    InMemoryState ledger = new InMemoryState();

    var init = call(ORG1_CLIENT, "InitLedger");
    SimulationResult initialised = assets.simulate(init, ledger.snapshot());
    ledger.commit(new Version(1, 0), init.txId(), Instant.now(), initialised.readWriteSet(), null);
    JSONObject assetTransfer = new JSONObject(RwSets.payload(assets.simulate(
        call(ORG1_CLIENT, "TransferAsset", "asset1", "Ana", "Org2MSP"), ledger.snapshot())));
    JSONObject tokenTransfer = new JSONObject(RwSets.payload(token.simulate(
        call(ORG1_ADMIN, "Mint", "7"), ledger.snapshot())));

    assertTrue(assetTransfer.has("previousOwner"), assetTransfer.toString());
    assertFalse(assetTransfer.has("amount"));
    assertEquals(7, tokenTransfer.getLong("amount"));
    assertFalse(tokenTransfer.has("previousOwner"));
  }

  @Test
  void aFatJarBundlingItsOwnShimRuns() {
    DeployedContract fat = TestContracts.get(TestContracts.ASSET_TRANSFER_FAT);
    InMemoryState ledger = new InMemoryState();
    var create = call(ORG1_CLIENT, "CreateAsset", "a1", "teal", "3", "Kim", "42");
    SimulationResult created = fat.simulate(create, ledger.snapshot());
    assertEquals(200, created.response().getStatus(), created.response().getMessage());
    // The fat contract's namespace is the name it was deployed under.
    assertEquals(TestContracts.ASSET_TRANSFER_FAT,
        created.readWriteSet().getNsRwset(0).getNamespace());
    ledger.commit(new Version(1, 0), create.txId(), Instant.now(), created.readWriteSet(), null);
    JSONObject read = new JSONObject(RwSets.payload(
        fat.simulate(call(ORG1_CLIENT, "ReadAsset", "a1"), ledger.snapshot())));
    assertEquals("teal", read.getString("color"));
  }
}
