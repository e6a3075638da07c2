package dev.ordo.contracts.state;

/**
 * Committed state as one transaction simulation sees it: a consistent view at one ledger
 * height, which commits made during the simulation do not change (Fabric holds off commits
 * while simulating; an implementation may instead read at a fixed height).
 *
 * <p>Keys are ordered by {@link KeyOrder}. Ranges are half-open {@code [startKey, endKey)}; an
 * empty {@code endKey} means no upper bound. Absent and deleted keys are not returned.
 * Implementations are safe to use from the thread running the simulation; the simulation
 * records what it reads, the reader records nothing.
 */
public interface StateReader {

  /** The committed value of {@code key} in {@code namespace}, or {@code null} if absent. */
  VersionedValue get(String namespace, String key);

  /** The keys of {@code namespace} in {@code [startKey, endKey)}, in key order. */
  StateIterator<VersionedKeyValue> range(String namespace, String startKey, String endKey);

  /** Every committed change of {@code key}, newest first. */
  StateIterator<HistoryEntry> history(String namespace, String key);

  /**
   * The committed private value of {@code key} in {@code collection}, or {@code null}.
   *
   * @throws IllegalStateException if this node holds no private data of the collection (it is
   *     not a member), with a message saying so
   */
  VersionedValue getPrivate(String namespace, String collection, String key);

  /**
   * The SHA-256 hash of the committed private value of {@code key}, with its version, or
   * {@code null}. Available on every node, member of the collection or not.
   */
  VersionedValue getPrivateHash(String namespace, String collection, String key);

  /**
   * The private keys of {@code collection} in {@code [startKey, endKey)}, in key order.
   *
   * @throws IllegalStateException if this node is not a member of the collection
   */
  StateIterator<VersionedKeyValue> privateRange(
      String namespace, String collection, String startKey, String endKey);
}
