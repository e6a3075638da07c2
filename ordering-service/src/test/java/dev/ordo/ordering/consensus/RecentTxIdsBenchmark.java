package dev.ordo.ordering.consensus;

import com.google.protobuf.ByteString;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * What the deduplication window costs an orderer per envelope once it is full: each applied
 * block adds its ids and pushes the oldest block's out, on every orderer. One thread, blocks of
 * 500 envelopes with distinct 64-hex tx ids, a full 256-block window (128 000 ids, megabytes of
 * keys, as a busy channel keeps). Run: {@code mvn -pl ordering-service test
 * -Dtest=RecentTxIdsBenchmark -Dsurefire.failIfNoSpecifiedTests=false -Dordo.bench=true}.
 */
@EnabledIfSystemProperty(named = "ordo.bench", matches = "true")
class RecentTxIdsBenchmark {
  private static final int ENVELOPES_PER_BLOCK = 500;

  @Test
  void perEnvelopeCostOfAFullWindow() {
    int window = ChainAppender.DEDUPLICATION_WINDOW_BLOCKS;
    int rounds = Integer.getInteger("ordo.bench.rounds", 6);
    // Two windows' worth of distinct envelopes, applied in turn: ids leave the window before they recur.
    List<List<ByteString>> blocks = new ArrayList<>();
    Random random = new Random(7);
    for (int b = 0; b < 2 * window + 1; b++) {
      List<ByteString> block = new ArrayList<>(ENVELOPES_PER_BLOCK);
      for (int i = 0; i < ENVELOPES_PER_BLOCK; i++) {
        block.add(RecentTxIdsTest.envelope(RecentTxIdsTest.randomHex(random)));
      }
      blocks.add(block);
    }
    RecentTxIds recent = new RecentTxIds(window);
    long dropped = 0;
    for (int round = 0; round < rounds; round++) {
      long start = System.nanoTime();
      for (List<ByteString> block : blocks) {
        RecentTxIds.BlockTxIds ids = recent.newBlock(block.size());
        for (ByteString envelope : block) {
          if (!ids.add(envelope)) {
            dropped++;
          }
        }
        recent.commit(ids);
      }
      long nanos = System.nanoTime() - start;
      System.out.printf("round %d: %.0f ns per envelope (window %d ids)%n", round,
          nanos / (double) (blocks.size() * ENVELOPES_PER_BLOCK), recent.size());
    }
    if (dropped != 0) {
      throw new AssertionError(dropped + " distinct envelopes were dropped as duplicates");
    }
  }
}
