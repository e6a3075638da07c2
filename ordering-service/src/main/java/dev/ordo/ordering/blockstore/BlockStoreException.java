package dev.ordo.ordering.blockstore;

/** A block store could not read or write; the orderer cannot go on with this channel. */
public final class BlockStoreException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public BlockStoreException(String message, Throwable cause) {
    super(message, cause);
  }
}
