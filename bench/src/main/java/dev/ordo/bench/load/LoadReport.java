package dev.ordo.bench.load;

import java.time.Instant;
import java.util.List;

/**
 * All figures of one run: what was asked, what the machine looked like, and what the clients
 * saw in the measured window.
 *
 * @param label the run's name
 * @param startedAt when the measured window began (wall clock)
 * @param options the options of the run
 * @param organizations the organisations the clients acted for, in client order
 * @param channel the channel used
 * @param seed the random seed used
 * @param windowSeconds the measured window's real length
 * @param stats what the clients recorded in the window (transactions whose commit status or
 *     failure arrived in it)
 * @param scheduled for fixed-rate runs, the transactions the schedule had due by the end of the
 *     window (counted from the start of the warm-up); 0 otherwise
 * @param notStarted for fixed-rate runs, those of them no client had started by the end: the
 *     generator's backlog
 * @param hostAtStart the machine at the start of the window
 * @param hostAtEnd the machine at its end
 */
public record LoadReport(String label, Instant startedAt, LoadOptions options, List<String> organizations,
        String channel, long seed, double windowSeconds, TxStats stats, long scheduled, long notStarted,
        HostSnapshot hostAtStart, HostSnapshot hostAtEnd) {

    /** VALID transactions per second over the window. */
    public double committedPerSecond() {
        return stats.valid() / windowSeconds;
    }

    /** Transactions with a commit status (any validation code) per second over the window. */
    public double allPerSecond() {
        return stats.committed() / windowSeconds;
    }

    /** Fraction of both cores busy during the window (all processes), or -1. */
    public double cpuBusy() {
        return hostAtEnd.cpuBusySince(hostAtStart);
    }

    /** The generator's own CPU time during the window, in seconds, or -1. */
    public double generatorCpuSeconds() {
        long nanos = hostAtEnd.processCpuSince(hostAtStart);
        return nanos < 0 ? -1 : nanos / 1e9;
    }
}
