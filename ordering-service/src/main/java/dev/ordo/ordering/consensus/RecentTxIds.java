package dev.ordo.ordering.consensus;

import com.google.protobuf.ByteString;
import dev.ordo.proto.wire.EnvelopeView;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.hyperledger.fabric.protos.common.Block;

/**
 * The tx ids of the last {@code windowBlocks} blocks of a channel. Applying a proposal drops
 * envelopes whose tx id is already there (a client retried after a leader change although its
 * first copy had been ordered), so a retried envelope is ordered once. Derived from the chain
 * alone, so every orderer drops the same envelopes.
 */
final class RecentTxIds {
  private final int windowBlocks;
  private final ArrayDeque<List<String>> blocks = new ArrayDeque<>();
  private final Set<String> ids = new HashSet<>();

  RecentTxIds(int windowBlocks) {
    this.windowBlocks = windowBlocks;
  }

  boolean contains(String txId) {
    return ids.contains(txId);
  }

  void addBlock(List<String> txIds) {
    blocks.addLast(txIds);
    ids.addAll(txIds);
    while (blocks.size() > windowBlocks) {
      ids.removeAll(blocks.removeFirst());
    }
  }

  void clear() {
    blocks.clear();
    ids.clear();
  }

  int windowBlocks() {
    return windowBlocks;
  }

  /** The tx ids of a block's envelopes (empty ones left out). */
  static List<String> txIdsOf(Block block) {
    List<String> txIds = new ArrayList<>(block.getData().getDataCount());
    for (ByteString envelope : block.getData().getDataList()) {
      String txId = txIdOf(envelope);
      if (!txId.isEmpty()) {
        txIds.add(txId);
      }
    }
    return txIds;
  }

  /** The channel header's tx id, or "" when the envelope has none or does not parse. */
  static String txIdOf(ByteString envelope) {
    return EnvelopeView.txIdOf(envelope).orElse("");
  }
}
