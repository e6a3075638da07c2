package dev.ordo.contracts.runtime;

import static dev.ordo.contracts.runtime.Calls.call;
import static dev.ordo.contracts.runtime.TestIdentities.ORG1_CLIENT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ordo.contracts.simulation.SimulationResult;
import dev.ordo.contracts.state.InMemoryState;
import org.junit.jupiter.api.Test;

/** A call past its time limit returns an error in time and leaves the contract usable. */
class TimeLimitTest {

  @Test
  void aRunawayCallIsCutOffAndRecordsNothing() {
    DeployedContract slow = TestContracts.get(TestContracts.SLOW);
    InMemoryState ledger = new InMemoryState();
    // Warm up: the first call of a contract loads classes.
    assertEquals(200, slow.simulate(call(ORG1_CLIENT, "Quick"), ledger.snapshot())
        .response().getStatus());

    long started = System.nanoTime();
    SimulationResult spun = slow.simulate(call(ORG1_CLIENT, "Spin", "3000"), ledger.snapshot());
    long tookMs = (System.nanoTime() - started) / 1_000_000;

    assertEquals(500, spun.response().getStatus());
    assertEquals("contract slow exceeded its time limit of "
        + TestContracts.SLOW_LIMIT.toMillis() + " ms", spun.response().getMessage());
    assertEquals(0, spun.readWriteSet().getNsRwsetCount());
    assertTrue(tookMs < 2_500, "took " + tookMs + " ms");

    SimulationResult after = slow.simulate(call(ORG1_CLIENT, "Quick"), ledger.snapshot());
    assertEquals(200, after.response().getStatus());
    assertEquals("done", RwSets.payload(after));
  }
}
