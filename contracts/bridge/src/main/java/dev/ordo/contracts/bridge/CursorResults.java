package dev.ordo.contracts.bridge;

import dev.ordo.contracts.api.KeyValueCursor;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import org.hyperledger.fabric.shim.ledger.KeyValue;
import org.hyperledger.fabric.shim.ledger.QueryResultsIterator;

/**
 * A range query's results as the shim's iterator, pulling from the host one key at a time so
 * that the host records exactly the keys the contract consumed. Iterable once, as Fabric's.
 */
final class CursorResults implements QueryResultsIterator<KeyValue> {

  private final KeyValueCursor cursor;
  private boolean iterated;

  CursorResults(KeyValueCursor cursor) {
    this.cursor = cursor;
  }

  @Override
  public Iterator<KeyValue> iterator() {
    if (iterated) {
      throw new IllegalStateException("a query result can be iterated only once");
    }
    iterated = true;
    return new Iterator<>() {
      private Map.Entry<String, byte[]> next;
      private boolean exhausted;

      @Override
      public boolean hasNext() {
        if (next == null && !exhausted) {
          next = cursor.next();
          exhausted = next == null;
        }
        return next != null;
      }

      @Override
      public KeyValue next() {
        if (!hasNext()) {
          throw new NoSuchElementException("the range has no more keys");
        }
        KeyValue result = new LedgerKeyValue(next.getKey(), next.getValue());
        next = null;
        return result;
      }
    };
  }

  @Override
  public void close() {
    cursor.close();
  }
}
