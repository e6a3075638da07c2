package dev.ordo.bench.load;

/**
 * The moments of one transaction, in {@link System#nanoTime()} nanoseconds.
 *
 * @param scheduled when it should have started: the schedule's slot for fixed-rate runs, the
 *     actual start otherwise. Latency counts from here, so a generator that falls behind its
 *     schedule does not hide the delay (no coordinated omission).
 * @param started when the client began building the proposal
 * @param endorsed when the endorsed transaction came back
 * @param submitted when the gateway accepted the signed envelope
 * @param statusReceived when the commit status arrived
 */
public record TxTiming(long scheduled, long started, long endorsed, long submitted, long statusReceived) {
    /** Scheduled start to commit status. */
    public long latencyMicros() {
        return micros(statusReceived - scheduled);
    }

    /** Start to endorsed. */
    public long endorseMicros() {
        return micros(endorsed - started);
    }

    /** Endorsed to accepted by the orderer. */
    public long submitMicros() {
        return micros(submitted - endorsed);
    }

    /** Accepted by the orderer to commit status. */
    public long commitWaitMicros() {
        return micros(statusReceived - submitted);
    }

    /** How late the start was against the schedule. */
    public long startDelayMicros() {
        return micros(started - scheduled);
    }

    private static long micros(long nanos) {
        return Math.max(0, nanos / 1_000);
    }
}
