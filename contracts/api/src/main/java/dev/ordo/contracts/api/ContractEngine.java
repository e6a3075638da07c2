package dev.ordo.contracts.api;

/**
 * A loaded contract, ready to be called. Implemented by the bridge inside the contract's class
 * loader; the host creates it reflectively through {@link #IMPLEMENTATION}.
 *
 * <p>Implementations are thread-safe: the host runs several invocations at once.
 */
public interface ContractEngine extends AutoCloseable {

  /**
   * The bridge class implementing this interface. It has a public constructor taking the
   * contract's name (its namespace on the ledger).
   */
  String IMPLEMENTATION = "dev.ordo.contracts.bridge.RouterEngine";

  /**
   * The contract's metadata as Fabric's {@code org.hyperledger.fabric:GetMetadata} returns it
   * (JSON: contracts, their transactions and parameters, data types).
   */
  String metadata();

  /** Runs one transaction of the contract against {@code ledger}. Never throws for contract errors. */
  ContractResult invoke(Invocation invocation, LedgerAccess ledger);

  /** Releases what the engine holds; later calls fail. */
  @Override
  void close();
}
