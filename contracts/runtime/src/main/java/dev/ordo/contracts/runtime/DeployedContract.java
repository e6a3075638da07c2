package dev.ordo.contracts.runtime;

import dev.ordo.contracts.api.ContractEngine;
import dev.ordo.contracts.api.ContractResult;
import dev.ordo.contracts.api.Invocation;
import dev.ordo.contracts.simulation.SimulationResult;
import dev.ordo.contracts.simulation.TransactionSimulation;
import dev.ordo.contracts.state.StateReader;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A contract loaded into its own class loader with its router built, ready to simulate calls.
 * Thread-safe: calls run concurrently, each on a runtime worker thread under the time limit.
 */
public final class DeployedContract {

  private static final System.Logger LOG = System.getLogger(DeployedContract.class.getName());

  private final String name;
  private final Path jar;
  private final ContractClassLoader loader;
  private final ContractEngine engine;
  private final ExecutorService workers;
  private final Semaphore callSlots;
  private final Duration timeLimit;

  DeployedContract(String name, Path jar, ContractClassLoader loader, ContractEngine engine,
      ExecutorService workers, Semaphore callSlots, Duration timeLimit) {
    this.name = name;
    this.jar = jar;
    this.loader = loader;
    this.engine = engine;
    this.workers = workers;
    this.callSlots = callSlots;
    this.timeLimit = timeLimit;
  }

  /** The contract's name, which is also its ledger namespace. */
  public String name() {
    return name;
  }

  /**
   * The contract's metadata as Fabric's {@code org.hyperledger.fabric:GetMetadata} returns it:
   * JSON listing its contracts, their transactions and parameters, and its data types.
   */
  public String metadata() {
    return engine.metadata();
  }

  /** The runtime's copy of the contract jar. */
  public Path jar() {
    return jar;
  }

  /**
   * Runs one call against committed state and returns what it read, wrote and answered. Never
   * throws for what the contract does: a contract error, a malformed call, a call past the time
   * limit or a runtime fault all come back as a response with status 500 and a message.
   *
   * @param invocation the call
   * @param state committed state at one height
   */
  public SimulationResult simulate(Invocation invocation, StateReader state) {
    return simulate(invocation, state, timeLimit);
  }

  /**
   * As {@link #simulate(Invocation, StateReader)} with a time limit for this call only, e.g.
   * what is left of the client's deadline.
   */
  public SimulationResult simulate(Invocation invocation, StateReader state, Duration timeLimit) {
    Objects.requireNonNull(invocation, "invocation");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(timeLimit, "timeLimit");
    if (timeLimit.isNegative() || timeLimit.isZero()) {
      throw new IllegalArgumentException("timeLimit must be positive, was " + timeLimit);
    }
    TransactionSimulation simulation = new TransactionSimulation(name, invocation.txId(), state);
    long deadline = System.nanoTime() + timeLimit.toNanos();
    try {
      if (!callSlots.tryAcquire(timeLimit.toNanos(), TimeUnit.NANOSECONDS)) {
        return timedOut(simulation, invocation, timeLimit, "waiting for a free call slot");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return simulation.abort(500, "the call of contract " + name + " was interrupted");
    }
    Future<ContractResult> call = null;
    try {
      call = workers.submit(() -> engine.invoke(invocation, simulation));
      ContractResult result = call.get(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
      return simulation.finish(result);
    } catch (TimeoutException e) {
      call.cancel(true);
      return timedOut(simulation, invocation, timeLimit, "running");
    } catch (ExecutionException e) {
      LOG.log(Level.WARNING, "contract {0} failed on tx {1}", name, invocation.txId());
      return simulation.abort(500, "contract " + name + " failed: " + e.getCause());
    } catch (RejectedExecutionException e) {
      return simulation.abort(500, "the contract runtime is shut down");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      call.cancel(true);
      return simulation.abort(500, "the call of contract " + name + " was interrupted");
    } finally {
      callSlots.release();
    }
  }

  /** The time limit a call gets unless it asks for another. */
  public Duration timeLimit() {
    return timeLimit;
  }

  private SimulationResult timedOut(TransactionSimulation simulation, Invocation invocation,
      Duration timeLimit, String stage) {
    LOG.log(Level.WARNING, "contract {0} exceeded its time limit of {1} ms on channel {2}, "
        + "tx {3}, while {4}", name, timeLimit.toMillis(), invocation.channelId(),
        invocation.txId(), stage);
    return simulation.abort(500, "contract " + name + " exceeded its time limit of "
        + timeLimit.toMillis() + " ms");
  }

  /** Stops accepting calls and closes the class loader. */
  void unload() {
    engine.close();
    try {
      loader.close();
    } catch (IOException e) {
      LOG.log(Level.WARNING, "closing the class loader of contract {0} failed: {1}", name, e);
    }
  }
}
