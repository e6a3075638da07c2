package dev.ordo.contracts.state;

import java.util.Objects;

/**
 * One result of a range scan: a key, its committed value and its version.
 *
 * @param key the key
 * @param value the committed value
 * @param version the height of the transaction that wrote it
 */
public record VersionedKeyValue(String key, byte[] value, Version version) {

  /** Requires every part. */
  public VersionedKeyValue {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(value, "value");
    Objects.requireNonNull(version, "version");
  }
}
