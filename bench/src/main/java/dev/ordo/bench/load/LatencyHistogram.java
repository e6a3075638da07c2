package dev.ordo.bench.load;

import java.util.Arrays;

/**
 * A latency histogram in microseconds with a bounded relative error, in the manner of
 * HdrHistogram: values below 128 µs are kept exactly, larger ones in log-linear buckets of 128
 * sub-buckets per power of two, so a reported percentile is at most 1/128 (≈ 0.8 %) above the
 * exact nearest-rank value and never below it. Memory is fixed (≈ 30 KB) whatever the number of
 * samples, so it suits long runs; count, minimum, maximum and mean are exact.
 *
 * <p>Not thread-safe: each client records into its own histogram and the runner
 * {@link #add(LatencyHistogram) adds} them together at the end.
 */
public final class LatencyHistogram {
    /** Sub-buckets per power of two; the relative error is at most 1/{@value}. */
    static final int SUB_BUCKETS = 128;
    private static final int SUB_BITS = 7;
    /** Values are clamped to below 2^36 µs (≈ 19 hours). */
    static final long MAX_TRACKABLE = (1L << 36) - 1;
    private static final int BUCKETS = SUB_BUCKETS + (36 - SUB_BITS) * SUB_BUCKETS;

    private final long[] counts = new long[BUCKETS];
    private long count;
    private long sum;
    private long min = Long.MAX_VALUE;
    private long max;

    /**
     * Records one latency.
     *
     * @param micros the latency in microseconds; negative values count as 0, values above
     *     {@link #MAX_TRACKABLE} as that
     */
    public void record(long micros) {
        long value = Math.min(Math.max(micros, 0), MAX_TRACKABLE);
        counts[index(value)]++;
        count++;
        sum += value;
        min = Math.min(min, value);
        max = Math.max(max, value);
    }

    /** Adds every sample of {@code other} to this histogram. */
    public void add(LatencyHistogram other) {
        for (int i = 0; i < BUCKETS; i++) {
            counts[i] += other.counts[i];
        }
        count += other.count;
        sum += other.sum;
        if (other.count > 0) {
            min = Math.min(min, other.min);
            max = Math.max(max, other.max);
        }
    }

    /** The number of samples. */
    public long count() {
        return count;
    }

    /** The smallest sample, or 0 when empty. */
    public long min() {
        return count == 0 ? 0 : min;
    }

    /** The largest sample, or 0 when empty. */
    public long max() {
        return max;
    }

    /** The mean, or 0 when empty. */
    public double mean() {
        return count == 0 ? 0 : (double) sum / count;
    }

    /**
     * The nearest-rank percentile: the smallest recorded value (to within the bucket width) that
     * at least {@code percent} % of the samples do not exceed. Returns the bucket's highest value,
     * capped at the maximum, so the result is never below the exact value and at most 1/128 above.
     *
     * @param percent in (0, 100]
     * @return the percentile in microseconds, or 0 when empty
     */
    public long percentile(double percent) {
        if (!(percent > 0 && percent <= 100)) {
            throw new IllegalArgumentException("percentile must be in (0, 100], was " + percent);
        }
        if (count == 0) {
            return 0;
        }
        long rank = Math.max(1, (long) Math.ceil(percent / 100.0 * count));
        long seen = 0;
        for (int i = 0; i < BUCKETS; i++) {
            seen += counts[i];
            if (seen >= rank) {
                return Math.min(highestInBucket(i), max);
            }
        }
        return max;
    }

    static int index(long value) {
        if (value < SUB_BUCKETS) {
            return (int) value;
        }
        int shift = 63 - Long.numberOfLeadingZeros(value) - SUB_BITS;
        int mantissa = (int) (value >>> shift);
        return SUB_BUCKETS + shift * SUB_BUCKETS + (mantissa - SUB_BUCKETS);
    }

    static long highestInBucket(int index) {
        if (index < SUB_BUCKETS) {
            return index;
        }
        int shift = (index - SUB_BUCKETS) / SUB_BUCKETS;
        long mantissa = SUB_BUCKETS + (index - SUB_BUCKETS) % SUB_BUCKETS;
        return ((mantissa + 1) << shift) - 1;
    }

    @Override
    public String toString() {
        return "LatencyHistogram[count=" + count + ", p50=" + percentile(50) + "µs, p99=" + percentile(99)
                + "µs, max=" + max + "µs, nonEmptyBuckets=" + Arrays.stream(counts).filter(c -> c > 0).count() + "]";
    }
}
