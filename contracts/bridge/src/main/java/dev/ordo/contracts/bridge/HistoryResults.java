package dev.ordo.contracts.bridge;

import dev.ordo.contracts.api.KeyHistoryEntry;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Iterator;
import org.hyperledger.fabric.shim.ledger.KeyModification;
import org.hyperledger.fabric.shim.ledger.QueryResultsIterator;

/** A key's committed history, newest first, as the shim's iterator of modifications. */
final class HistoryResults implements QueryResultsIterator<KeyModification> {

  private final Iterator<KeyHistoryEntry> entries;

  HistoryResults(Iterator<KeyHistoryEntry> entries) {
    this.entries = entries;
  }

  @Override
  public Iterator<KeyModification> iterator() {
    return new Iterator<>() {
      @Override
      public boolean hasNext() {
        return entries.hasNext();
      }

      @Override
      public KeyModification next() {
        return new Modification(entries.next());
      }
    };
  }

  @Override
  public void close() {
    // History entries are read on demand; nothing to release.
  }

  private record Modification(KeyHistoryEntry entry) implements KeyModification {
    @Override
    public String getTxId() {
      return entry.txId();
    }

    @Override
    public byte[] getValue() {
      return entry.value();
    }

    @Override
    public String getStringValue() {
      return new String(entry.value(), StandardCharsets.UTF_8);
    }

    @Override
    public Instant getTimestamp() {
      return entry.timestamp();
    }

    @Override
    public boolean isDeleted() {
      return entry.deleted();
    }
  }
}
