package dev.ordo.contracts.runtime;

import static dev.ordo.contracts.runtime.Calls.call;
import static dev.ordo.contracts.runtime.TestIdentities.ORG1_ADMIN;
import static dev.ordo.contracts.runtime.TestIdentities.ORG1_CLIENT;
import static dev.ordo.contracts.runtime.TestIdentities.ORG2_CLIENT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ordo.contracts.api.Invocation;
import dev.ordo.contracts.simulation.SimulationResult;
import dev.ordo.contracts.state.InMemoryState;
import dev.ordo.contracts.state.Version;
import java.util.List;
import org.json.JSONObject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The token sample jar: admin-only minting, transfers, no negative balances, events. */
class TokenContractTest {

  private static final String NS = TestContracts.TOKEN;

  private final InMemoryState ledger = new InMemoryState();
  private DeployedContract contract;
  private long block;
  private String adminAccount;
  private String clientAccount;
  private String org2Account;

  @BeforeEach
  void accounts() {
    contract = TestContracts.get(NS);
    adminAccount = RwSets.payload(simulate(call(ORG1_ADMIN, "ClientAccountID")));
    clientAccount = RwSets.payload(simulate(call(ORG1_CLIENT, "ClientAccountID")));
    org2Account = RwSets.payload(simulate(call(ORG2_CLIENT, "ClientAccountID")));
    assertTrue(adminAccount.startsWith("Org1MSP::"), adminAccount);
  }

  @Test
  void onlyAnAdminMints() {
    SimulationResult refused = simulate(call(ORG1_CLIENT, "Mint", "100"));
    assertEquals(500, refused.response().getStatus());
    assertTrue(refused.response().getMessage().startsWith("only an organisation admin may mint"),
        refused.response().getMessage());
    assertTrue(refused.event().isEmpty());

    SimulationResult minted = commitNext(call(ORG1_ADMIN, "Mint", "100"));
    assertEquals(200, minted.response().getStatus());
    JSONObject mint = new JSONObject(RwSets.payload(minted));
    assertEquals(adminAccount, mint.getString("to"));
    assertEquals(100, mint.getLong("amount"));
    assertEquals("Mint", minted.event().orElseThrow().getEventName());
    // Balance key (composite, U+0000-prefixed) sorts before totalSupply.
    List<String> writes = RwSets.writeKeys(RwSets.kv(minted, NS));
    assertEquals(List.of("\u0000balance~account\u0000" + adminAccount + "\u0000", "totalSupply"),
        writes);
    assertEquals("100", RwSets.payload(simulate(call(ORG2_CLIENT, "TotalSupply"))));
  }

  @Test
  void transfersNeverMakeABalanceNegative() {
    commitNext(call(ORG1_ADMIN, "Mint", "50"));

    SimulationResult tooMuch = simulate(call(ORG1_ADMIN, "Transfer", org2Account, "51"));
    assertEquals(500, tooMuch.response().getStatus());
    assertTrue(tooMuch.response().getMessage().startsWith("insufficient funds"));
    assertTrue(RwSets.kv(tooMuch, NS).getWritesList().isEmpty());

    assertEquals(500, simulate(call(ORG1_ADMIN, "Transfer", org2Account, "-5"))
        .response().getStatus());
    assertEquals(500, simulate(call(ORG1_ADMIN, "Transfer", org2Account, "lots"))
        .response().getStatus());

    SimulationResult sent = commitNext(call(ORG1_ADMIN, "Transfer", org2Account, "20"));
    assertEquals("Transfer", sent.event().orElseThrow().getEventName());
    assertEquals("30", RwSets.payload(simulate(call(ORG1_CLIENT, "BalanceOf", adminAccount))));
    assertEquals("20", RwSets.payload(simulate(call(ORG1_CLIENT, "BalanceOf", org2Account))));

    // The receiver spends what it got; the client that never held tokens cannot.
    commitNext(call(ORG2_CLIENT, "Transfer", clientAccount, "20"));
    assertEquals("0", RwSets.payload(simulate(call(ORG1_CLIENT, "BalanceOf", org2Account))));
    assertEquals(500, simulate(call(ORG2_CLIENT, "Transfer", clientAccount, "1"))
        .response().getStatus());
  }

  @Test
  void aTransferReadsBothBalancesWithTheirVersions() {
    commitNext(call(ORG1_ADMIN, "Mint", "10"));
    SimulationResult sent = simulate(call(ORG1_ADMIN, "Transfer", org2Account, "3"));
    var reads = RwSets.kv(sent, NS).getReadsList();
    assertEquals(2, reads.size());
    var byKey = new java.util.HashMap<String, org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVRead>();
    reads.forEach(r -> byKey.put(r.getKey(), r));
    assertEquals(1, byKey.get("\u0000balance~account\u0000" + adminAccount + "\u0000")
        .getVersion().getBlockNum());
    assertTrue(!byKey.get("\u0000balance~account\u0000" + org2Account + "\u0000").hasVersion());
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
