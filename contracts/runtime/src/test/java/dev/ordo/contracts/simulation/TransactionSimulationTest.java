package dev.ordo.contracts.simulation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import dev.ordo.contracts.api.ContractResult;
import dev.ordo.contracts.api.KeyValueCursor;
import dev.ordo.contracts.state.InMemoryState;
import dev.ordo.contracts.state.Version;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.hyperledger.fabric.protos.ledger.rwset.NsReadWriteSet;
import org.hyperledger.fabric.protos.ledger.rwset.TxReadWriteSet;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVRWSet;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVRead;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVWrite;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.QueryReads;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.RangeQueryInfo;
import org.junit.jupiter.api.Test;

/** The recorded read/write set, compared byte for byte with one built by hand. */
class TransactionSimulationTest {

  private static final String NS = "cc";

  @Test
  void recordsExactlyWhatFabricRecords() throws Exception {
    InMemoryState state = new InMemoryState();
    KVRWSet seed = KVRWSet.newBuilder()
        .addWrites(put("b", "1")).addWrites(put("c", "2")).addWrites(put("d", "3")).build();
    state.commit(new Version(4, 2), "seed", Instant.now(), TxReadWriteSet.newBuilder()
        .addNsRwset(NsReadWriteSet.newBuilder().setNamespace(NS).setRwset(seed.toByteString()))
        .build(), null);

    TransactionSimulation sim = new TransactionSimulation(NS, "tx1", state.snapshot());
    assertEquals("1", new String(sim.getState("b"), StandardCharsets.UTF_8));
    assertNull(sim.getState("absent"));
    sim.putState("z", "last".getBytes(StandardCharsets.UTF_8));
    sim.putState("a", "first".getBytes(StandardCharsets.UTF_8));
    sim.putState("e", new byte[0]);
    sim.deleteState("b");
    try (KeyValueCursor all = sim.rangeScan("c", "")) {
      while (all.next() != null) {
        // drain
      }
    }
    try (KeyValueCursor one = sim.rangeScan("b", "d")) {
      assertEquals("b", one.next().getKey());
    }
    sim.setEvent("e1", new byte[] {1});
    SimulationResult result = sim.finish(new ContractResult(200, "", "ok".getBytes()));

    KVRWSet expected = KVRWSet.newBuilder()
        .addReads(KVRead.newBuilder().setKey("absent"))
        .addReads(KVRead.newBuilder().setKey("b").setVersion(new Version(4, 2).toProto()))
        .addRangeQueriesInfo(RangeQueryInfo.newBuilder().setStartKey("c").setEndKey("")
            .setItrExhausted(true).setRawReads(QueryReads.newBuilder()
                .addKvReads(KVRead.newBuilder().setKey("c").setVersion(new Version(4, 2).toProto()))
                .addKvReads(KVRead.newBuilder().setKey("d").setVersion(new Version(4, 2).toProto()))))
        .addRangeQueriesInfo(RangeQueryInfo.newBuilder().setStartKey("b").setEndKey("b")
            .setItrExhausted(false).setRawReads(QueryReads.newBuilder()
                .addKvReads(KVRead.newBuilder().setKey("b").setVersion(new Version(4, 2).toProto()))))
        .addWrites(put("a", "first"))
        .addWrites(KVWrite.newBuilder().setKey("b").setIsDelete(true))
        .addWrites(KVWrite.newBuilder().setKey("e").setIsDelete(true))
        .addWrites(put("z", "last"))
        .build();
    assertEquals(1, result.readWriteSet().getNsRwsetCount());
    assertEquals(TxReadWriteSet.DataModel.KV, result.readWriteSet().getDataModel());
    assertEquals(expected.toByteString(), result.readWriteSet().getNsRwset(0).getRwset());
    assertEquals("e1", result.event().orElseThrow().getEventName());
    assertEquals("tx1", result.event().orElseThrow().getTxId());
    assertEquals(200, result.response().getStatus());
    assertFalse(result.hasPrivateWrites());
  }

  @Test
  void nothingCanBeRecordedAfterTheSimulationEnded() {
    TransactionSimulation sim = new TransactionSimulation(NS, "tx2", new InMemoryState().snapshot());
    KeyValueCursor cursor = sim.rangeScan("a", "");
    SimulationResult aborted = sim.abort(500, "too slow");
    assertEquals("too slow", aborted.response().getMessage());
    assertThrows(IllegalStateException.class, () -> sim.putState("k", new byte[] {1}));
    assertThrows(IllegalStateException.class, cursor::next);
    assertTrue(aborted.readWriteSet().getNsRwsetList().isEmpty());
  }

  @Test
  void keysMustBeValidUtf8() {
    TransactionSimulation sim = new TransactionSimulation(NS, "tx4", new InMemoryState().snapshot());
    IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
        () -> sim.putState("bad\uD800key", new byte[] {1}));
    assertTrue(bad.getMessage().contains("not valid UTF-8"));
    sim.putState("ok\uD83D\uDE00", new byte[] {1});
  }

  @Test
  void anUntouchedTransactionHasAnEmptyReadWriteSet() {
    TransactionSimulation sim = new TransactionSimulation(NS, "tx3", new InMemoryState().snapshot());
    SimulationResult result = sim.finish(new ContractResult(200, null, null));
    assertEquals(List.of(), result.readWriteSet().getNsRwsetList());
    assertTrue(result.event().isEmpty());
  }

  private static KVWrite put(String key, String value) {
    return KVWrite.newBuilder().setKey(key).setValue(ByteString.copyFromUtf8(value)).build();
  }
}
