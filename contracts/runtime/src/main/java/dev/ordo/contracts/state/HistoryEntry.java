package dev.ordo.contracts.state;

import java.time.Instant;
import java.util.Objects;

/**
 * One committed change of a key, for {@code getHistoryForKey}.
 *
 * @param txId the transaction that made the change
 * @param timestamp that transaction's timestamp
 * @param value the value written, empty for a delete
 * @param deleted whether the change was a delete
 * @param version the height of the change
 */
public record HistoryEntry(String txId, Instant timestamp, byte[] value, boolean deleted,
    Version version) {

  /** Requires every part. */
  public HistoryEntry {
    Objects.requireNonNull(txId, "txId");
    Objects.requireNonNull(timestamp, "timestamp");
    Objects.requireNonNull(value, "value");
    Objects.requireNonNull(version, "version");
  }
}
