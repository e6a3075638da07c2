package dev.ordo.contracts.bridge;

import dev.ordo.contracts.api.KeyValuePage;
import java.util.Iterator;
import java.util.List;
import org.hyperledger.fabric.protos.peer.QueryResponseMetadata;
import org.hyperledger.fabric.shim.ledger.KeyValue;
import org.hyperledger.fabric.shim.ledger.QueryResultsIteratorWithMetadata;

/** One page of a paginated range query with Fabric's metadata (records fetched, bookmark). */
final class PageResults implements QueryResultsIteratorWithMetadata<KeyValue> {

  private final List<KeyValue> entries;
  private final QueryResponseMetadata metadata;

  PageResults(KeyValuePage page) {
    this.entries = page.entries().stream()
        .<KeyValue>map(e -> new LedgerKeyValue(e.getKey(), e.getValue()))
        .toList();
    this.metadata = QueryResponseMetadata.newBuilder()
        .setFetchedRecordsCount(entries.size())
        .setBookmark(page.bookmark())
        .build();
  }

  @Override
  public QueryResponseMetadata getMetadata() {
    return metadata;
  }

  @Override
  public Iterator<KeyValue> iterator() {
    return entries.iterator();
  }

  @Override
  public void close() {
    // The page is already in memory.
  }
}
