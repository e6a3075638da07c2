package dev.ordo.contracts.simulation;

import dev.ordo.contracts.state.VersionedKeyValue;
import java.util.ArrayList;
import java.util.List;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVRead;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.QueryReads;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.RangeQueryInfo;

/**
 * What one range query showed the contract, for the committer's phantom check.
 *
 * <p>Ordo records exactly the keys the contract consumed, always as raw reads (never a Merkle
 * summary). If the contract read to the end, {@code itr_exhausted} is set and {@code end_key} is
 * the query's end key: the validator re-runs {@code [start_key, end_key)}. Otherwise
 * {@code end_key} is the last key consumed (the start key if none was) and the validator
 * re-runs {@code [start_key, end_key]} inclusive, as Fabric's validator does for an iterator
 * that was not exhausted.
 */
final class RangeQueryRecord {

  private final String startKey;
  private final String endKey;
  private final List<KVRead> reads = new ArrayList<>();
  private String lastKey;
  private boolean exhausted;

  RangeQueryRecord(String startKey, String endKey) {
    this.startKey = startKey;
    this.endKey = endKey;
  }

  void consumed(VersionedKeyValue kv) {
    reads.add(KVRead.newBuilder().setKey(kv.key()).setVersion(kv.version().toProto()).build());
    lastKey = kv.key();
  }

  void exhausted() {
    exhausted = true;
  }

  RangeQueryInfo toProto() {
    return RangeQueryInfo.newBuilder()
        .setStartKey(startKey)
        .setEndKey(exhausted ? endKey : lastKey == null ? startKey : lastKey)
        .setItrExhausted(exhausted)
        .setRawReads(QueryReads.newBuilder().addAllKvReads(reads))
        .build();
  }
}
