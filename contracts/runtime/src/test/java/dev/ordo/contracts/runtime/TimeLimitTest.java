package dev.ordo.contracts.runtime;

import static dev.ordo.contracts.runtime.Calls.call;
import static dev.ordo.contracts.runtime.TestIdentities.ORG1_CLIENT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ordo.contracts.simulation.SimulationResult;
import dev.ordo.contracts.state.InMemoryState;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** A call past its time limit returns an error in time and leaves the contract usable. */
class TimeLimitTest {

  private static final Duration LIMIT = Duration.ofMillis(400);

  @Test
  void aRunawayCallIsCutOffAndRecordsNothing() {
    DeployedContract probe = TestContracts.get(TestContracts.PROBE);
    InMemoryState ledger = new InMemoryState();
    // Warm up: the first call of a contract loads classes.
    assertEquals(200, probe.simulate(call(ORG1_CLIENT, "Get", "k"), ledger.snapshot())
        .response().getStatus());

    long started = System.nanoTime();
    SimulationResult spun = probe.simulate(call(ORG1_CLIENT, "Spin", "3000"), ledger.snapshot(),
        LIMIT);
    long tookMs = (System.nanoTime() - started) / 1_000_000;

    assertEquals(500, spun.response().getStatus());
    assertEquals("contract probe exceeded its time limit of 400 ms", spun.response().getMessage());
    assertEquals(0, spun.readWriteSet().getNsRwsetCount());
    assertTrue(tookMs < 2_500, "took " + tookMs + " ms");

    SimulationResult after = probe.simulate(call(ORG1_CLIENT, "Spin", "1"), ledger.snapshot(),
        LIMIT);
    assertEquals(200, after.response().getStatus(), after.response().getMessage());
    assertEquals("spun", RwSets.kv(after, TestContracts.PROBE).getWrites(0).getKey());
  }
}
