package dev.ordo.bench.load;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * The run's time line in {@link System#nanoTime()} terms (warm-up from {@code start}, measured
 * window from {@code windowStart} to {@code end}) and, for fixed-rate runs, the arrival schedule:
 * slot {@code i} is due at {@code start + i / rate}. Clients take slots in order; a client that
 * takes a slot whose time has passed starts at once, and the transaction's latency still counts
 * from the slot's time. Thread-safe.
 */
public final class RunClock {
    private final long start;
    private final long windowStart;
    private final long end;
    private final double periodNanos;
    private final AtomicLong nextSlot = new AtomicLong();
    private final AtomicLong started = new AtomicLong();

    /**
     * @param start when the warm-up begins
     * @param warmupNanos length of the warm-up
     * @param durationNanos length of the measured window
     * @param rate transactions per second for a fixed schedule, or 0 for as fast as possible
     */
    public RunClock(long start, long warmupNanos, long durationNanos, double rate) {
        this.start = start;
        this.windowStart = start + warmupNanos;
        this.end = windowStart + durationNanos;
        this.periodNanos = rate > 0 ? 1e9 / rate : 0;
    }

    /** Whether something that happened at {@code nanos} counts in the figures. */
    public boolean inWindow(long nanos) {
        return nanos >= windowStart && nanos < end;
    }

    public long windowStart() {
        return windowStart;
    }

    public long end() {
        return end;
    }

    /** Whether transactions follow a fixed schedule. */
    public boolean fixedRate() {
        return periodNanos > 0;
    }

    /**
     * Waits for the calling client's next start: for a fixed rate, takes the next slot and
     * sleeps until it is due; otherwise returns at once.
     *
     * @return the scheduled start (for as fast as possible: now), or -1 if the run is over
     */
    public long awaitNextStart() {
        if (!fixedRate()) {
            long now = System.nanoTime();
            return now < end ? now : -1;
        }
        long due = start + (long) (nextSlot.getAndIncrement() * periodNanos);
        if (due >= end) {
            return -1;
        }
        long now;
        while ((now = System.nanoTime()) < due) {
            LockSupport.parkNanos(due - now);
        }
        if (now >= end) {
            return -1;
        }
        started.incrementAndGet();
        return due;
    }

    /** Fixed rate: slots due before the end (warm-up included). */
    public long slotsDue() {
        return fixedRate() ? (long) Math.ceil((end - start) / periodNanos) : 0;
    }

    /** Fixed rate: slots some client started before the end. */
    public long slotsStarted() {
        return started.get();
    }
}
