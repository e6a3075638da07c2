package dev.ordo.contracts.simulation;

import java.util.Objects;
import java.util.Optional;
import org.hyperledger.fabric.protos.ledger.rwset.TxPvtReadWriteSet;
import org.hyperledger.fabric.protos.ledger.rwset.TxReadWriteSet;
import org.hyperledger.fabric.protos.peer.ChaincodeEvent;
import org.hyperledger.fabric.protos.peer.Response;

/**
 * The outcome of simulating one proposal: what an endorser puts into its
 * {@code ChaincodeAction}, plus the private write sets that travel off the ledger.
 *
 * @param response the contract's response (status 200 on success, 500 on a contract error)
 * @param readWriteSet public reads, range queries and writes, plus hashed private reads and
 *     writes; sorted by namespace, collection and key, ranges in call order
 * @param event the chaincode event the contract set last, if any
 * @param privateWriteSet the plaintext private writes per namespace and collection (empty if
 *     none); never goes on the ledger
 */
public record SimulationResult(Response response, TxReadWriteSet readWriteSet,
    Optional<ChaincodeEvent> event, TxPvtReadWriteSet privateWriteSet) {

  /** Requires every part. */
  public SimulationResult {
    Objects.requireNonNull(response, "response");
    Objects.requireNonNull(readWriteSet, "readWriteSet");
    Objects.requireNonNull(event, "event");
    Objects.requireNonNull(privateWriteSet, "privateWriteSet");
  }

  /** Whether the contract succeeded (status below 400, Fabric's boundary). */
  public boolean isSuccess() {
    return response.getStatus() < 400;
  }

  /** Whether the transaction wrote private data, which must go to the private-tx-manager. */
  public boolean hasPrivateWrites() {
    return privateWriteSet.getNsPvtRwsetCount() > 0;
  }
}
