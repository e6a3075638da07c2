package dev.ordo.contracts.runtime;

/** A contract jar could not be deployed; the message says which jar and why. */
public final class ContractLoadException extends Exception {

  private static final long serialVersionUID = 1L;

  /** A failure with its cause. */
  public ContractLoadException(String message, Throwable cause) {
    super(message, cause);
  }

  /** A failure detected by Ordo itself. */
  public ContractLoadException(String message) {
    super(message);
  }
}
