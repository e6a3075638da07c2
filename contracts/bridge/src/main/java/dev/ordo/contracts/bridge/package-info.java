/**
 * Ordo's side of Fabric's contract API, running inside each contract's own class loader: the
 * {@link org.hyperledger.fabric.shim.ChaincodeStub} implementation over a host-supplied
 * {@link dev.ordo.contracts.api.LedgerAccess}, and the start-up of the shim's
 * {@link org.hyperledger.fabric.contract.ContractRouter} without a chaincode server.
 */
package dev.ordo.contracts.bridge;
