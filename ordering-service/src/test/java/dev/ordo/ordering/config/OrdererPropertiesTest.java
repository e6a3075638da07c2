package dev.ordo.ordering.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class OrdererPropertiesTest {
  private static OrdererProperties with(long segmentBytes, long logCacheBytes) {
    return with(segmentBytes, logCacheBytes, 32L << 20);
  }

  private static OrdererProperties with(long segmentBytes, long logCacheBytes, long blockCacheBytes) {
    return with(segmentBytes, 64L << 20, logCacheBytes, blockCacheBytes);
  }

  private static OrdererProperties with(long segmentBytes, long proposalSegmentBytes, long logCacheBytes,
      long blockCacheBytes) {
    Path dir = Path.of("data");
    return new OrdererProperties("orderer0", "OrdererMSP", dir, dir, dir, "127.0.0.1", 7050, 7051, List.of(),
        Duration.ofMinutes(15), 20000, 4, 5000, 1000, 16 << 20, Duration.ofSeconds(30), Duration.ofMillis(150),
        Duration.ofMillis(300), segmentBytes, proposalSegmentBytes, logCacheBytes, blockCacheBytes);
  }

  @Test
  void acceptsBoundedLogMemory() {
    OrdererProperties props = with(8L << 20, 16L << 20);
    assertEquals(16L << 20, props.raftLogCacheBytes());
  }

  @Test
  void rejectsALogCacheTooSmallToHoldABlock() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> with(8L << 20, 512 * 1024));
    assertEquals("ordo.orderer.raft-log-cache-bytes must be at least 1 MiB", e.getMessage());
  }

  @Test
  void rejectsABlockCacheTooSmallToHoldABlock() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> with(8L << 20, 16L << 20, 64 * 1024));
    assertEquals("ordo.orderer.block-cache-bytes must be at least 1 MiB", e.getMessage());
  }

  @Test
  void rejectsTinySegments() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> with(2048, 16L << 20));
    assertEquals("ordo.orderer.raft-segment-bytes must be at least 4 KiB", e.getMessage());
  }

  @Test
  void rejectsProposalSegmentsTooSmallToBeWorthAFile() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> with(32 * 1024, 4096, 16L << 20, 16L << 20));
    assertEquals("ordo.orderer.proposal-segment-bytes must be at least 64 KiB", e.getMessage());
  }
}
