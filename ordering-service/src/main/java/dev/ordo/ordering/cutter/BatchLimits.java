package dev.ordo.ordering.cutter;

import dev.ordo.proto.v1.OrderingConfig;
import java.time.Duration;

/**
 * When a block is cut, as the channel configuration says (Fabric's BatchSize and
 * BatchTimeout).
 *
 * @param maxMessageCount cut when a block holds this many envelopes
 * @param absoluteMaxBytes a block's envelopes never exceed this many bytes in total
 * @param preferredMaxBytes cut once the envelopes reach this many bytes
 * @param batchTimeout how long the first envelope of a block may wait
 */
public record BatchLimits(int maxMessageCount, int absoluteMaxBytes, int preferredMaxBytes, Duration batchTimeout) {

  public BatchLimits {
    if (maxMessageCount < 1) {
      throw new IllegalArgumentException("max_message_count must be at least 1, got " + maxMessageCount);
    }
    if (absoluteMaxBytes < 1 || preferredMaxBytes < 1 || preferredMaxBytes > absoluteMaxBytes) {
      throw new IllegalArgumentException("need 0 < preferred_max_bytes (" + preferredMaxBytes
          + ") <= absolute_max_bytes (" + absoluteMaxBytes + ")");
    }
    if (batchTimeout.isNegative() || batchTimeout.isZero()) {
      throw new IllegalArgumentException("batch timeout must be positive, got " + batchTimeout);
    }
  }

  /** The limits of a channel's ordering configuration; rejects an incomplete one. */
  public static BatchLimits of(OrderingConfig ordering) {
    var size = ordering.getBatchSize();
    return new BatchLimits(size.getMaxMessageCount(), size.getAbsoluteMaxBytes(), size.getPreferredMaxBytes(),
        Duration.ofMillis(ordering.getBatchTimeoutMillis()));
  }
}
