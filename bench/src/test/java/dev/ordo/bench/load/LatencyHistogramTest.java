package dev.ordo.bench.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class LatencyHistogramTest {
    private static final double[] PERCENTILES = {0.1, 1, 10, 25, 50, 75, 90, 95, 99, 99.9, 99.99, 100};

    /** Nearest rank over a sorted array: the smallest value at least p % of the samples do not exceed. */
    private static long reference(long[] sorted, double percent) {
        int rank = (int) Math.max(1, Math.ceil(percent / 100.0 * sorted.length));
        return sorted[rank - 1];
    }

    private static void assertClose(long[] sorted, LatencyHistogram histogram) {
        for (double p : PERCENTILES) {
            long exact = reference(sorted, p);
            long reported = histogram.percentile(p);
            assertTrue(reported >= exact, "p" + p + ": " + reported + " below exact " + exact);
            assertTrue(reported - exact <= exact / LatencyHistogram.SUB_BUCKETS,
                    "p" + p + ": " + reported + " more than 1/128 above exact " + exact);
        }
        assertEquals(sorted.length, histogram.count());
        assertEquals(sorted[0], histogram.min());
        assertEquals(sorted[sorted.length - 1], histogram.max());
        assertEquals(Arrays.stream(sorted).average().orElseThrow(), histogram.mean(), 1e-6);
    }

    @Test
    void percentilesMatchSortedArrayWithinBucketWidth() {
        SplittableRandom random = new SplittableRandom(42);
        for (int run = 0; run < 20; run++) {
            int n = 1 + random.nextInt(20_000);
            long[] values = new long[n];
            LatencyHistogram histogram = new LatencyHistogram();
            for (int i = 0; i < n; i++) {
                // log-uniform from 1 µs to ~ 100 s, like latencies of a loaded network
                values[i] = (long) Math.exp(random.nextDouble() * Math.log(1e8));
                histogram.record(values[i]);
            }
            Arrays.sort(values);
            assertClose(values, histogram);
        }
    }

    @Test
    void smallValuesAreExact() {
        LatencyHistogram histogram = new LatencyHistogram();
        long[] values = new long[128];
        for (int i = 0; i < 128; i++) {
            values[i] = 127 - i;
            histogram.record(values[i]);
        }
        Arrays.sort(values);
        for (double p : PERCENTILES) {
            assertEquals(reference(values, p), histogram.percentile(p), "p" + p);
        }
    }

    @Test
    void bucketsCoverEveryValueOnce() {
        for (long v : new long[] {0, 1, 127, 128, 129, 255, 256, 257, 1_000, 65_535, 65_536, 1_234_567,
            LatencyHistogram.MAX_TRACKABLE}) {
            int index = LatencyHistogram.index(v);
            long high = LatencyHistogram.highestInBucket(index);
            assertTrue(high >= v, v + " above its bucket's top " + high);
            assertTrue(index == 0 || LatencyHistogram.highestInBucket(index - 1) < v, v + " also fits the bucket below");
            assertTrue(high - v <= v / LatencyHistogram.SUB_BUCKETS, "bucket of " + v + " too wide");
        }
    }

    @Test
    void addingHistogramsEqualsRecordingEverything() {
        SplittableRandom random = new SplittableRandom(7);
        LatencyHistogram all = new LatencyHistogram();
        LatencyHistogram sum = new LatencyHistogram();
        long[] values = new long[30_000];
        for (int part = 0; part < 3; part++) {
            LatencyHistogram one = new LatencyHistogram();
            for (int i = 0; i < 10_000; i++) {
                long v = random.nextLong(5_000_000);
                values[part * 10_000 + i] = v;
                one.record(v);
                all.record(v);
            }
            sum.add(one);
        }
        sum.add(new LatencyHistogram()); // an empty one changes nothing
        Arrays.sort(values);
        assertClose(values, sum);
        for (double p : PERCENTILES) {
            assertEquals(all.percentile(p), sum.percentile(p));
        }
    }

    @Test
    void emptyAndOutOfRange() {
        LatencyHistogram histogram = new LatencyHistogram();
        assertEquals(0, histogram.percentile(99));
        assertEquals(0, histogram.max());
        assertEquals(0, histogram.min());
        assertThrows(IllegalArgumentException.class, () -> histogram.percentile(0));
        assertThrows(IllegalArgumentException.class, () -> histogram.percentile(100.5));
        histogram.record(-5);
        histogram.record(Long.MAX_VALUE);
        assertEquals(0, histogram.min());
        assertEquals(LatencyHistogram.MAX_TRACKABLE, histogram.max());
    }
}
