package dev.ordo.contracts.runtime;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.ordo.contracts.simulation.SimulationResult;
import dev.ordo.contracts.state.InMemoryState;
import dev.ordo.contracts.state.Version;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.hyperledger.fabric.protos.ledger.rwset.NsReadWriteSet;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVRWSet;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVRead;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVWrite;

/** Reads recorded read/write sets back, and commits results, for assertions. */
final class RwSets {

  private RwSets() {}

  static NsReadWriteSet namespace(SimulationResult result, String namespace) {
    return result.readWriteSet().getNsRwsetList().stream()
        .filter(ns -> ns.getNamespace().equals(namespace))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no read/write set for " + namespace));
  }

  static KVRWSet kv(SimulationResult result, String namespace) {
    try {
      return KVRWSet.parseFrom(namespace(result, namespace).getRwset());
    } catch (InvalidProtocolBufferException e) {
      throw new AssertionError(e);
    }
  }

  static List<String> readKeys(KVRWSet kv) {
    return kv.getReadsList().stream().map(KVRead::getKey).toList();
  }

  static List<String> writeKeys(KVRWSet kv) {
    return kv.getWritesList().stream().map(KVWrite::getKey).toList();
  }

  static String payload(SimulationResult result) {
    return result.response().getPayload().toString(StandardCharsets.UTF_8);
  }

  /** Commits a successful result at {@code version}, as a committer would after validation. */
  static void commit(InMemoryState state, Version version, SimulationResult result, String txId) {
    if (!result.isSuccess()) {
      throw new AssertionError("not committing a failed call: " + result.response().getMessage());
    }
    state.commit(version, txId, Instant.now(), result.readWriteSet(), result.privateWriteSet());
  }
}
