package dev.ordo.contracts.state;

import java.util.Iterator;

/**
 * A lazily read sequence of state entries that may hold resources (a cursor, a database
 * transaction) until closed.
 *
 * @param <T> the entry type
 */
public interface StateIterator<T> extends Iterator<T>, AutoCloseable {

  /** Releases what the iteration holds. Idempotent; never throws a checked exception. */
  @Override
  void close();
}
