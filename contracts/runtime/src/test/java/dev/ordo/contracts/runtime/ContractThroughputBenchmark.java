package dev.ordo.contracts.runtime;

import static dev.ordo.contracts.runtime.Calls.call;
import static dev.ordo.contracts.runtime.TestIdentities.ORG1_CLIENT;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ordo.contracts.api.Invocation;
import dev.ordo.contracts.simulation.SimulationResult;
import dev.ordo.contracts.state.InMemoryState;
import dev.ordo.contracts.state.StateReader;
import dev.ordo.contracts.state.Version;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * In-process invocations per second of the asset-transfer sample, end to end through the
 * runtime: worker hand-off, the shim's router, Ordo's stub, read/write-set recording and the
 * time limit. Run with {@code mvn -pl contracts/runtime test -Dtest=ContractThroughputBenchmark
 * -Dordo.benchmark=true}; skipped otherwise.
 */
@EnabledIfSystemProperty(named = "ordo.benchmark", matches = "true")
class ContractThroughputBenchmark {

  private static final com.sun.management.OperatingSystemMXBean PROCESS =
      (com.sun.management.OperatingSystemMXBean)
          java.lang.management.ManagementFactory.getOperatingSystemMXBean();
  private static final long WARMUP_MS = 5_000;
  private static final long MEASURE_MS = 10_000;

  @Test
  void invocationsPerSecond() throws Exception {
    DeployedContract contract = TestContracts.get(TestContracts.ASSET_TRANSFER);
    InMemoryState ledger = new InMemoryState();
    Invocation init = call(ORG1_CLIENT, "InitLedger");
    SimulationResult initialised = contract.simulate(init, ledger.snapshot());
    RwSets.commit(ledger, new Version(1, 0), initialised, init.txId());
    StateReader state = ledger.snapshot();

    // Invocations are built outside the timed loop, as an endorser receives them parsed.
    List<Invocation> reads = new ArrayList<>();
    List<Invocation> creates = new ArrayList<>();
    for (int i = 0; i < 4096; i++) {
      reads.add(call(ORG1_CLIENT, "ReadAsset", "asset" + (1 + i % 6)));
      creates.add(call(ORG1_CLIENT, "CreateAsset", "bench" + i, "blue", "5", "Ann", "10"));
    }
    // Warm every path up before measuring any: JIT work would otherwise land on the first.
    run(contract, state, reads::get, 2, WARMUP_MS);
    run(contract, state, creates::get, 2, WARMUP_MS);
    report("ReadAsset (1 read)", contract, state, reads::get, 1);
    report("ReadAsset (1 read)", contract, state, reads::get, 2);
    report("CreateAsset (1 read, 2 writes, event)", contract, state, creates::get, 1);
    report("CreateAsset (1 read, 2 writes, event)", contract, state, creates::get, 2);
  }

  private static void report(String name, DeployedContract contract, StateReader state,
      IntFunction<Invocation> calls, int threads) throws Exception {
    run(contract, state, calls, threads, WARMUP_MS);
    long cpuBefore = PROCESS.getProcessCpuTime();
    long count = run(contract, state, calls, threads, MEASURE_MS);
    double cpuMicrosPerCall = (PROCESS.getProcessCpuTime() - cpuBefore) / 1000.0 / count;
    // On a shared machine wall-clock rates mean little; CPU per call is what an idle core
    // would turn into throughput (it includes JIT and GC work of the whole process).
    System.out.printf("BENCH %-40s threads=%d  %,.0f invocations/s wall, %.1f us CPU each"
        + " => %,.0f invocations/s per busy core%n", name, threads,
        count * 1000.0 / MEASURE_MS, cpuMicrosPerCall, 1_000_000 / cpuMicrosPerCall);
  }

  private static long run(DeployedContract contract, StateReader state,
      IntFunction<Invocation> calls, int threads, long millis) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      long end = System.nanoTime() + millis * 1_000_000;
      List<Future<Long>> results = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        results.add(pool.submit(() -> {
          long n = 0;
          while (System.nanoTime() < end) {
            SimulationResult r = contract.simulate(calls.apply((int) (n & 4095)), state);
            assertEquals(200, r.response().getStatus(), r.response().getMessage());
            n++;
          }
          return n;
        }));
      }
      long total = 0;
      for (Future<Long> f : results) {
        total += f.get();
      }
      return total;
    } finally {
      pool.shutdownNow();
    }
  }
}
