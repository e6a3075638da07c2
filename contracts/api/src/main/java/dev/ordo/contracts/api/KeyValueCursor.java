package dev.ordo.contracts.api;

import java.util.Map;

/**
 * A forward-only iteration over the keys of a range, in key order. The host records what the
 * contract actually consumed (for Fabric's phantom check), so results are pulled one at a time.
 */
public interface KeyValueCursor extends AutoCloseable {

  /** The next key and value, or {@code null} once the range is exhausted. */
  Map.Entry<String, byte[]> next();

  /** Ends the iteration; further calls to {@link #next()} fail. */
  @Override
  void close();
}
