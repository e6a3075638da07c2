package dev.ordo.contracts.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.hyperledger.fabric.protos.ledger.rwset.NsReadWriteSet;
import org.hyperledger.fabric.protos.ledger.rwset.TxReadWriteSet;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVRWSet;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVWrite;
import org.junit.jupiter.api.Test;

class InMemoryStateTest {

  private static final String NS = "cc";
  private final InMemoryState state = new InMemoryState();

  @Test
  void aSnapshotDoesNotSeeLaterCommits() {
    commit(1, put("k", "one"));
    StateReader before = state.snapshot();
    commit(2, put("k", "two"), put("new", "x"));
    assertEquals("one", new String(before.get(NS, "k").value()));
    assertEquals(new Version(1, 0), before.get(NS, "k").version());
    assertNull(before.get(NS, "new"));
    assertEquals("two", new String(state.snapshot().get(NS, "k").value()));
  }

  @Test
  void rangesFollowUtf8ByteOrderAndSkipDeletes() {
    String supplementary = new String(Character.toChars(0x1F600));
    commit(1, put("a", "1"), put("\uFFFD", "2"), put(supplementary, "3"), put("b", "4"));
    commit(2, delete("b"));
    List<String> keys = new ArrayList<>();
    try (StateIterator<VersionedKeyValue> it = state.snapshot().range(NS, "a", "")) {
      it.forEachRemaining(kv -> keys.add(kv.key()));
    }
    // UTF-16 order would put the supplementary character (a surrogate pair) before U+FFFD.
    assertEquals(List.of("a", "\uFFFD", supplementary), keys);
    try (StateIterator<VersionedKeyValue> it = state.snapshot().range(NS, "a", "\uFFFD")) {
      assertEquals("a", it.next().key());
      assertTrue(!it.hasNext());
    }
  }

  @Test
  void historyIsNewestFirstAndIncludesDeletes() {
    commit(1, put("k", "one"));
    commit(2, delete("k"));
    commit(3, put("k", "three"));
    List<HistoryEntry> history = new ArrayList<>();
    try (StateIterator<HistoryEntry> it = state.snapshot().history(NS, "k")) {
      it.forEachRemaining(history::add);
    }
    assertEquals(3, history.size());
    assertEquals("tx3", history.get(0).txId());
    assertTrue(history.get(1).deleted());
    assertEquals("one", new String(history.get(2).value()));
  }

  @Test
  void commitsMustAscend() {
    commit(2, put("k", "v"));
    assertThrows(IllegalArgumentException.class, () -> commit(1, put("k", "w")));
  }

  private void commit(long block, KVWrite... writes) {
    KVRWSet kv = KVRWSet.newBuilder().addAllWrites(List.of(writes)).build();
    TxReadWriteSet rwset = TxReadWriteSet.newBuilder()
        .addNsRwset(NsReadWriteSet.newBuilder().setNamespace(NS).setRwset(kv.toByteString()))
        .build();
    state.commit(new Version(block, 0), "tx" + block, Instant.now(), rwset, null);
  }

  private static KVWrite put(String key, String value) {
    return KVWrite.newBuilder().setKey(key).setValue(ByteString.copyFromUtf8(value)).build();
  }

  private static KVWrite delete(String key) {
    return KVWrite.newBuilder().setKey(key).setIsDelete(true).build();
  }
}
