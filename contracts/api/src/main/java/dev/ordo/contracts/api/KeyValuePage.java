package dev.ordo.contracts.api;

import java.util.List;
import java.util.Map;

/**
 * One page of a paginated range query.
 *
 * @param entries the keys and values of the page, in key order
 * @param bookmark where the next page starts, empty when the range is exhausted
 */
public record KeyValuePage(List<Map.Entry<String, byte[]>> entries, String bookmark) {

  /** Freezes the entries. */
  public KeyValuePage {
    entries = List.copyOf(entries);
  }
}
