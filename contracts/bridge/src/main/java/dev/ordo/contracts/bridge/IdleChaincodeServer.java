package dev.ordo.contracts.bridge;

import org.hyperledger.fabric.shim.ChaincodeServer;

/**
 * A chaincode server that serves nothing. The shim scans for contracts only inside
 * {@code ContractRouter.startRouterWithChaincodeServer}; Ordo calls the router directly, so the
 * server it is handed has nothing to start.
 */
final class IdleChaincodeServer implements ChaincodeServer {

  @Override
  public void start() {
    // Calls arrive through RouterEngine.invoke, not over a network.
  }

  @Override
  public void stop() {
    // Nothing was started.
  }
}
