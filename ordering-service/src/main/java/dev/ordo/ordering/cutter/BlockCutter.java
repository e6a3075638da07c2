package dev.ordo.ordering.cutter;

import java.util.ArrayList;
import java.util.List;
import java.util.function.ToIntFunction;

/**
 * Groups ordered items into batches as Fabric's block cutter does: a batch is cut when it
 * reaches {@code maxMessageCount} items or {@code preferredMaxBytes}; an item that would push
 * the pending batch past {@code preferredMaxBytes} first cuts the pending batch; an item
 * larger than {@code preferredMaxBytes} gets a batch of its own. The batch timeout is the
 * caller's business ({@link #cut()}). Not thread-safe: one sequencer thread owns it.
 *
 * @param <T> the item, e.g. an envelope waiting for its acknowledgement
 */
public final class BlockCutter<T> {
  private final ToIntFunction<T> sizeOf;
  private BatchLimits limits;
  private List<T> pending = new ArrayList<>();
  private long pendingBytes;

  public BlockCutter(BatchLimits limits, ToIntFunction<T> sizeOf) {
    this.limits = limits;
    this.sizeOf = sizeOf;
  }

  /** New limits take effect for the next item (after a config block). */
  public void setLimits(BatchLimits limits) {
    this.limits = limits;
  }

  public BatchLimits limits() {
    return limits;
  }

  /** Adds an item and returns the batches (zero, one or two) that are complete now. */
  public List<List<T>> add(T item) {
    int size = sizeOf.applyAsInt(item);
    List<List<T>> cut = new ArrayList<>(2);
    if (size > limits.preferredMaxBytes()) {
      if (!pending.isEmpty()) {
        cut.add(cut());
      }
      cut.add(List.of(item));
      return cut;
    }
    if (pendingBytes + size > limits.preferredMaxBytes() && !pending.isEmpty()) {
      cut.add(cut());
    }
    pending.add(item);
    pendingBytes += size;
    if (pending.size() >= limits.maxMessageCount() || pendingBytes >= limits.preferredMaxBytes()) {
      cut.add(cut());
    }
    return cut;
  }

  /** Returns the pending batch (possibly empty) and starts a new one. */
  public List<T> cut() {
    List<T> batch = pending;
    pending = new ArrayList<>();
    pendingBytes = 0;
    return batch;
  }

  public boolean hasPending() {
    return !pending.isEmpty();
  }

  public int pendingCount() {
    return pending.size();
  }
}
