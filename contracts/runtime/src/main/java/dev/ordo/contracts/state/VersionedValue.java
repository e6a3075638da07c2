package dev.ordo.contracts.state;

import java.util.Objects;

/**
 * A committed value and the version that wrote it.
 *
 * @param value the value (never empty: an empty write is a delete)
 * @param version the height of the transaction that wrote it
 */
public record VersionedValue(byte[] value, Version version) {

  /** Requires both parts. */
  public VersionedValue {
    Objects.requireNonNull(value, "value");
    Objects.requireNonNull(version, "version");
  }
}
