package dev.ordo.bench.load;

import java.util.EnumMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * What one client saw in the measured window: per transaction kind the validation codes of the
 * committed transactions, the failures by kind, and latency histograms (whole transaction, and
 * its endorse, submit and commit-wait stages; for fixed-rate runs also how late each transaction
 * started against its schedule). Not thread-safe: one per client, {@link #add added} together at
 * the end.
 */
public final class TxStats {
    private static final int MAX_MESSAGE = 600;

    private final Map<TxKind, Map<String, Long>> codes = new EnumMap<>(TxKind.class);
    private final Map<String, Long> failures = new TreeMap<>();
    private final Map<TxKind, Map<String, Long>> failuresByKind = new EnumMap<>(TxKind.class);
    private final Map<String, String> firstFailureMessages = new TreeMap<>();
    private final LatencyHistogram latency = new LatencyHistogram();
    private final LatencyHistogram endorse = new LatencyHistogram();
    private final LatencyHistogram submit = new LatencyHistogram();
    private final LatencyHistogram commitWait = new LatencyHistogram();
    private final LatencyHistogram startDelay = new LatencyHistogram();

    /**
     * A transaction whose commit status arrived.
     *
     * @param kind what it was
     * @param code its validation code ({@code Status.getCode().name()}, e.g. VALID)
     * @param timing the moments of the transaction
     */
    public void committed(TxKind kind, String code, TxTiming timing) {
        codes.computeIfAbsent(kind, k -> new TreeMap<>()).merge(code, 1L, Long::sum);
        latency.record(timing.latencyMicros());
        endorse.record(timing.endorseMicros());
        submit.record(timing.submitMicros());
        commitWait.record(timing.commitWaitMicros());
        startDelay.record(timing.startDelayMicros());
    }

    /**
     * A transaction that failed before its commit status arrived.
     *
     * @param kind what the transaction was
     * @param failureKind e.g. {@code endorse ABORTED} (see {@link TxFailures#kind(Throwable)})
     * @param message the full explanation; the first one per failure kind is kept
     */
    public void failed(TxKind kind, String failureKind, String message) {
        failures.merge(failureKind, 1L, Long::sum);
        failuresByKind.computeIfAbsent(kind, k -> new TreeMap<>()).merge(failureKind, 1L, Long::sum);
        firstFailureMessages.computeIfAbsent(failureKind, k -> message == null ? ""
                : message.length() <= MAX_MESSAGE ? message : message.substring(0, MAX_MESSAGE) + "...");
    }

    /** Adds everything {@code other} recorded. */
    public void add(TxStats other) {
        other.codes.forEach((kind, byCode) -> byCode.forEach((code, n) ->
                codes.computeIfAbsent(kind, k -> new TreeMap<>()).merge(code, n, Long::sum)));
        other.failures.forEach((kind, n) -> failures.merge(kind, n, Long::sum));
        other.failuresByKind.forEach((kind, byFailure) -> byFailure.forEach((failure, n) ->
                failuresByKind.computeIfAbsent(kind, k -> new TreeMap<>()).merge(failure, n, Long::sum)));
        other.firstFailureMessages.forEach(firstFailureMessages::putIfAbsent);
        latency.add(other.latency);
        endorse.add(other.endorse);
        submit.add(other.submit);
        commitWait.add(other.commitWait);
        startDelay.add(other.startDelay);
    }

    /** Committed transactions by validation code, all kinds together. */
    public Map<String, Long> codes() {
        Map<String, Long> all = new TreeMap<>();
        codes.values().forEach(byCode -> byCode.forEach((code, n) -> all.merge(code, n, Long::sum)));
        return all;
    }

    /** Committed transactions by kind, then validation code. */
    public Map<TxKind, Map<String, Long>> codesByKind() {
        Map<TxKind, Map<String, Long>> copy = new EnumMap<>(TxKind.class);
        codes.forEach((kind, byCode) -> copy.put(kind, new TreeMap<>(byCode)));
        return copy;
    }

    /** Transactions committed as VALID. */
    public long valid() {
        return codes().getOrDefault("VALID", 0L);
    }

    /** Transactions with a commit status, whatever the code. */
    public long committed() {
        return codes().values().stream().mapToLong(Long::longValue).sum();
    }

    /** Failures by kind. */
    public Map<String, Long> failures() {
        return new TreeMap<>(failures);
    }

    /** Failures by transaction kind, then failure kind. */
    public Map<TxKind, Map<String, Long>> failuresByKind() {
        Map<TxKind, Map<String, Long>> copy = new EnumMap<>(TxKind.class);
        failuresByKind.forEach((kind, byFailure) -> copy.put(kind, new TreeMap<>(byFailure)));
        return copy;
    }

    /** The first message seen for each failure kind. */
    public Map<String, String> firstFailureMessages() {
        return new TreeMap<>(firstFailureMessages);
    }

    /** Failures, all kinds together. */
    public long failed() {
        return failures.values().stream().mapToLong(Long::longValue).sum();
    }

    /** Start (or scheduled start) to commit status received, of committed transactions. */
    public LatencyHistogram latency() {
        return latency;
    }

    /** Proposal built, signed and endorsed. */
    public LatencyHistogram endorse() {
        return endorse;
    }

    /** Envelope signed and accepted by the orderer (through the gateway). */
    public LatencyHistogram submit() {
        return submit;
    }

    /** Commit-status request signed and answered: waiting for the block. */
    public LatencyHistogram commitWait() {
        return commitWait;
    }

    /** Actual start minus scheduled start (0 for as-fast-as-possible runs). */
    public LatencyHistogram startDelay() {
        return startDelay;
    }
}
