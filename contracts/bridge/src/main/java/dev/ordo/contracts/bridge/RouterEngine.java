package dev.ordo.contracts.bridge;

import dev.ordo.contracts.api.ContractEngine;
import dev.ordo.contracts.api.ContractResult;
import dev.ordo.contracts.api.Invocation;
import dev.ordo.contracts.api.LedgerAccess;
import org.hyperledger.fabric.contract.ContractRouter;
import org.hyperledger.fabric.contract.metadata.MetadataBuilder;
import org.hyperledger.fabric.shim.Chaincode;
import org.json.JSONObject;

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

  /** The shim's built-in contract, present in every router's metadata. */
  private static final String SYSTEM_CONTRACT = "org.hyperledger.fabric";

  private final String contractName;
  private final ContractRouter router;
  private final String metadata;
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
    this.router = startRouter(contractName);
    this.metadata = MetadataBuilder.getMetadata();
    requireContracts(contractName, metadata);
  }

  /** Fails unless the scan found a contract besides the shim's own system contract. */
  private static void requireContracts(String contractName, String metadata) {
    JSONObject contracts = new JSONObject(metadata).optJSONObject("contracts");
    boolean found = contracts != null && contracts.keySet().stream()
        .anyMatch(name -> !name.equals(SYSTEM_CONTRACT));
    if (!found) {
      throw new IllegalStateException("the jar of contract " + contractName + " holds no class "
          + "annotated @Contract that implements ContractInterface");
    }
  }

  /**
   * Builds the router on a thread of its own. The shim's contract scan (ClassGraph) scans the
   * class loaders of every class on the calling stack, the thread's context class loader and
   * {@code java.class.path}; from a fresh thread whose context loader is the contract's, with
   * the class path narrowed ({@link ScanScope}), that is the contract's jar and the shim's own
   * classes: the host's class path is not on the stack, and the contract's loader lists only
   * those two among its URLs (it reads the bridge's 30 MB of libraries, where the scan finds
   * nothing it looks for, aside).
   */
  private static ContractRouter startRouter(String contractName) {
    ClassLoader contractLoader = RouterEngine.class.getClassLoader();
    ContractRouter[] built = new ContractRouter[1];
    Throwable[] failure = new Throwable[1];
    Thread starter = new Thread(() -> {
      ShimLogging logging = ShimLogging.capture();
      ScanScope scope = ScanScope.narrowTo(contractLoader);
      try {
        ContractRouter router = new ContractRouter(new String[] {"--id", contractName});
        router.startRouterWithChaincodeServer(new IdleChaincodeServer());
        built[0] = router;
      } catch (Throwable t) {
        failure[0] = t;
      } finally {
        scope.restore();
        logging.restore();
      }
    }, "ordo-router-start-" + contractName);
    // The shim's contract scan also looks through the thread context class loader.
    starter.setContextClassLoader(contractLoader);
    starter.setDaemon(true);
    starter.start();
    try {
      starter.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while starting contract " + contractName, e);
    }
    if (failure[0] != null) {
      throw new IllegalStateException("the shim failed to start contract " + contractName
          + ": " + failure[0], failure[0]);
    }
    return built[0];
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
  public String metadata() {
    return metadata;
  }

  @Override
  public void close() {
    closed = true;
  }
}
