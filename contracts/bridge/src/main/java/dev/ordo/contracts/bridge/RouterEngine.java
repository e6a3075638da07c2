package dev.ordo.contracts.bridge;

import dev.ordo.contracts.api.ContractEngine;
import dev.ordo.contracts.api.ContractResult;
import dev.ordo.contracts.api.Invocation;
import dev.ordo.contracts.api.LedgerAccess;
import java.io.IOException;
import org.hyperledger.fabric.contract.ContractRouter;
import org.hyperledger.fabric.shim.Chaincode;

/**
 * A contract behind the shim's {@link ContractRouter}, built once and called many times.
 *
 * <p>The host creates it reflectively (see {@link ContractEngine#IMPLEMENTATION}) inside the
 * contract's class loader, which holds this class, the shim and the contract jar. Building the
 * router scans that loader for {@code @Contract} classes, which takes seconds; calls then cost
 * microseconds. The shim runs several calls at once safely: each builds its own contract
 * instance and context.
 */
public final class RouterEngine implements ContractEngine {

  private final String contractName;
  private final ContractRouter router;
  private volatile boolean closed;

  /**
   * Builds the router for the contract classes visible to this class's loader.
   *
   * @param contractName the contract's name: the router's id and the ledger namespace
   * @throws IllegalStateException if the shim fails to start
   */
  public RouterEngine(String contractName) {
    if (contractName == null || contractName.isEmpty()) {
      throw new IllegalArgumentException("contract name must not be empty");
    }
    this.contractName = contractName;
    Thread thread = Thread.currentThread();
    ClassLoader previous = thread.getContextClassLoader();
    ShimLogging logging = ShimLogging.capture();
    // The shim's contract scan looks through the thread context class loader.
    thread.setContextClassLoader(RouterEngine.class.getClassLoader());
    try {
      ContractRouter built = new ContractRouter(new String[] {"--id", contractName});
      built.startRouterWithChaincodeServer(new IdleChaincodeServer());
      this.router = built;
    } catch (IOException e) {
      throw new IllegalStateException("the shim failed to start contract " + contractName, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while starting contract " + contractName, e);
    } finally {
      thread.setContextClassLoader(previous);
      logging.restore();
    }
  }

  @Override
  public ContractResult invoke(Invocation invocation, LedgerAccess ledger) {
    if (closed) {
      return new ContractResult(500, "contract " + contractName + " has been unloaded", null);
    }
    Thread thread = Thread.currentThread();
    ClassLoader previous = thread.getContextClassLoader();
    thread.setContextClassLoader(RouterEngine.class.getClassLoader());
    try {
      Chaincode.Response response =
          router.invoke(new OrdoChaincodeStub(contractName, invocation, ledger));
      return new ContractResult(response.getStatusCode(), response.getMessage(),
          response.getPayload());
    } catch (RuntimeException | LinkageError e) {
      // The router turns contract failures into responses; anything escaping is a shim fault.
      return new ContractResult(500, "contract " + contractName + " failed: " + e, null);
    } finally {
      thread.setContextClassLoader(previous);
    }
  }

  @Override
  public void close() {
    closed = true;
  }
}
