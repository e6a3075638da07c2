package dev.ordo.ordering.cutter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class BlockCutterTest {
  private static BlockCutter<Integer> cutter(int maxCount, int preferredBytes) {
    return new BlockCutter<>(new BatchLimits(maxCount, 10_000, preferredBytes, Duration.ofMillis(50)), i -> i);
  }

  @Test
  void cutsWhenTheBlockHoldsMaxMessageCount() {
    BlockCutter<Integer> cutter = cutter(3, 1000);
    assertTrue(cutter.add(10).isEmpty());
    assertTrue(cutter.add(10).isEmpty());
    assertEquals(List.of(List.of(10, 10, 10)), cutter.add(10));
    assertTrue(!cutter.hasPending());
  }

  @Test
  void cutsThePendingBlockBeforeAnEnvelopeThatWouldPassPreferredBytes() {
    BlockCutter<Integer> cutter = cutter(100, 100);
    cutter.add(60);
    assertEquals(List.of(List.of(60)), cutter.add(50));
    assertEquals(List.of(50), cutter.cut());
  }

  @Test
  void cutsOnceTheEnvelopesReachPreferredBytes() {
    BlockCutter<Integer> cutter = cutter(100, 100);
    cutter.add(40);
    assertEquals(List.of(List.of(40, 60)), cutter.add(60));
  }

  @Test
  void givesAnEnvelopeLargerThanPreferredBytesABlockOfItsOwn() {
    BlockCutter<Integer> cutter = cutter(100, 100);
    cutter.add(30);
    assertEquals(List.of(List.of(30), List.of(500)), cutter.add(500));
    assertTrue(!cutter.hasPending());
  }

  @Test
  void rejectsLimitsThatCannotWork() {
    assertThrows(IllegalArgumentException.class, () -> new BatchLimits(0, 10, 10, Duration.ofMillis(1)));
    assertThrows(IllegalArgumentException.class, () -> new BatchLimits(1, 10, 20, Duration.ofMillis(1)));
    assertThrows(IllegalArgumentException.class, () -> new BatchLimits(1, 10, 10, Duration.ZERO));
  }
}
