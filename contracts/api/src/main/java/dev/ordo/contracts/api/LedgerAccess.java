package dev.ordo.contracts.api;

import java.util.Iterator;

/**
 * The ledger as one transaction simulation sees it, bound to the invoked contract's namespace.
 * Implemented by the host; called by the bridge's {@code ChaincodeStub}.
 *
 * <p>Reads return committed state only: as in Fabric, a transaction does not see its own
 * uncommitted writes. Every method fails with an unchecked exception carrying a message fit for
 * the contract's error response ({@link IllegalArgumentException} for bad input,
 * {@link IllegalStateException} when the call is not allowed at this point,
 * {@link UnsupportedOperationException} for what Ordo does not offer).
 */
public interface LedgerAccess {

  /** The committed value of {@code key}, or {@code null} if absent. Recorded as a read. */
  byte[] getState(String key);

  /** Records a write; an empty value records a delete, as in Fabric. */
  void putState(String key, byte[] value);

  /** Records a delete. */
  void deleteState(String key);

  /**
   * Iterates keys in {@code [startKey, endKey)}; an empty {@code endKey} means no upper bound.
   * The range and the keys consumed are recorded for the phantom check.
   */
  KeyValueCursor rangeScan(String startKey, String endKey);

  /**
   * Reads one page of {@code [startKey, endKey)} starting at {@code bookmark} (empty: at the
   * start). Allowed only in a transaction that writes nothing, as in Fabric.
   */
  KeyValuePage rangePage(String startKey, String endKey, int pageSize, String bookmark);

  /** The committed history of {@code key}, newest first. Not recorded. */
  Iterator<KeyHistoryEntry> history(String key);

  /** The committed private value of {@code key} in {@code collection}, or {@code null}. */
  byte[] getPrivateData(String collection, String key);

  /** SHA-256 of the committed private value of {@code key}, or {@code null}. */
  byte[] getPrivateDataHash(String collection, String key);

  /** Records a private write; an empty value records a delete. */
  void putPrivateData(String collection, String key, byte[] value);

  /** Records a private delete. */
  void deletePrivateData(String collection, String key);

  /** Records a purge: a delete that also removes the key's past private versions. */
  void purgePrivateData(String collection, String key);

  /**
   * Iterates private keys in {@code [startKey, endKey)}. As in Fabric, a transaction that
   * queried private ranges may not write.
   */
  KeyValueCursor privateRangeScan(String collection, String startKey, String endKey);

  /** Sets the transaction's chaincode event; a later call replaces an earlier one. */
  void setEvent(String name, byte[] payload);
}
