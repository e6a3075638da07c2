/**
 * The end-to-end load generator ({@link dev.ordo.bench.load.LoadGenerator}, run as
 * {@code bench/ordo-load}): concurrent clients drive a running network's asset-transfer contract
 * through the official Fabric Gateway client and report committed throughput, latency
 * percentiles, validation codes and failures. Options in {@link dev.ordo.bench.load.LoadOptions},
 * transaction choice in {@link dev.ordo.bench.load.WorkloadMix} and
 * {@link dev.ordo.bench.load.ClientWorkload}, latencies in
 * {@link dev.ordo.bench.load.LatencyHistogram}, the run in {@link dev.ordo.bench.load.LoadRunner},
 * output in {@link dev.ordo.bench.load.ReportWriter}.
 */
package dev.ordo.bench.load;
