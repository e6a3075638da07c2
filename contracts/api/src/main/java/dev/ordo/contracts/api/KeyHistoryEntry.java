package dev.ordo.contracts.api;

import java.time.Instant;

/**
 * One committed change of a key, as {@code getHistoryForKey} reports it.
 *
 * @param txId the transaction that made the change
 * @param timestamp that transaction's timestamp
 * @param value the value written, empty for a delete
 * @param deleted whether the change deleted the key
 */
public record KeyHistoryEntry(String txId, Instant timestamp, byte[] value, boolean deleted) {}
