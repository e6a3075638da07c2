package dev.ordo.contracts.api;

import java.util.Objects;

/**
 * What a contract answered: Fabric's {@code Chaincode.Response} in JDK types.
 *
 * @param status 200 for success, 500 for a contract error (Fabric's convention; 400–599 are errors)
 * @param message the error message, empty on success
 * @param payload the transaction's return value, possibly empty
 */
public record ContractResult(int status, String message, byte[] payload) {

  /** Replaces absent message or payload by empty ones. */
  public ContractResult {
    message = Objects.requireNonNullElse(message, "");
    payload = Objects.requireNonNullElse(payload, new byte[0]);
  }

  /** Whether the status is below 400, Fabric's boundary between success and error. */
  public boolean isSuccess() {
    return status < 400;
  }
}
