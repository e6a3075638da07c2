package dev.ordo.bench.load;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WorkloadTest {
    private static final int DRAWS = 200_000;

    /** Asserts that {@code hits} of {@code n} Bernoulli trials fit probability {@code p} within 5 standard deviations. */
    private static void assertFraction(double p, long hits, long n, String what) {
        double sigma = Math.sqrt(n * p * (1 - p));
        double expected = n * p;
        assertTrue(Math.abs(hits - expected) <= 5 * sigma + 1e-9,
                what + ": " + hits + " of " + n + ", expected " + expected + " ± " + 5 * sigma);
    }

    @ParameterizedTest
    @CsvSource({"0.5, 0.1", "0.5, 0.5", "0.9, 0.02", "0.1, 0.9", "0.0, 0.3", "1.0, 0.0", "1.0, 1.0", "0.3, 1.0"})
    void mixRespectsTransferRatioAndConflictRate(double transferRatio, double conflictRate) {
        WorkloadMix mix = new WorkloadMix(transferRatio, conflictRate);
        SplittableRandom random = new SplittableRandom(1234);
        Map<TxKind, Long> counts = new EnumMap<>(TxKind.class);
        for (int i = 0; i < DRAWS; i++) {
            counts.merge(mix.choose(random), 1L, Long::sum);
        }
        long creates = counts.getOrDefault(TxKind.CREATE, 0L);
        long own = counts.getOrDefault(TxKind.TRANSFER_OWN, 0L);
        long hot = counts.getOrDefault(TxKind.TRANSFER_HOT, 0L);
        long transfers = own + hot;
        assertFraction(transferRatio, transfers, DRAWS, "transfers");
        if (transfers > 0) {
            assertFraction(conflictRate, hot, transfers, "hot among transfers");
        }
        assertEquals(DRAWS, creates + transfers);
    }

    @Test
    void fractionsOutsideZeroToOneAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new WorkloadMix(-0.1, 0));
        assertThrows(IllegalArgumentException.class, () -> new WorkloadMix(0.5, 1.5));
        assertThrows(IllegalArgumentException.class, () -> new WorkloadMix(Double.NaN, 0));
    }

    @Test
    void whichAssetsAreNeeded() {
        assertTrue(new WorkloadMix(0.5, 0.1).needsOwnAssets());
        assertTrue(new WorkloadMix(0.5, 0.1).needsHotAssets());
        assertTrue(!new WorkloadMix(0, 0.1).needsHotAssets() && !new WorkloadMix(0, 0.1).needsOwnAssets());
        assertTrue(!new WorkloadMix(0.5, 1).needsOwnAssets());
        assertTrue(!new WorkloadMix(0.5, 0).needsHotAssets());
    }

    @Test
    void clientCallsMatchTheContract() {
        List<String> own = List.of("own-0", "own-1", "own-2");
        List<String> hot = List.of("hot-0", "hot-1");
        ClientWorkload workload = new ClientWorkload(new WorkloadMix(0.6, 0.3), "run1", 3, "Org2MSP", own, hot,
                new SplittableRandom(5));
        Set<String> createdKeys = new HashSet<>();
        String previousOwn = null;
        for (int i = 0; i < 10_000; i++) {
            ClientWorkload.Call call = workload.next();
            switch (call.kind()) {
                case CREATE -> {
                    assertEquals("CreateAsset", call.function());
                    assertEquals(5, call.arguments().length);
                    assertTrue(call.arguments()[0].startsWith("run1-c3-"), call.arguments()[0]);
                    assertTrue(createdKeys.add(call.arguments()[0]), "key reused: " + call.arguments()[0]);
                    Integer.parseInt(call.arguments()[2]);
                    Integer.parseInt(call.arguments()[4]);
                }
                case TRANSFER_OWN -> {
                    assertEquals("TransferAsset", call.function());
                    assertEquals(3, call.arguments().length);
                    assertTrue(own.contains(call.arguments()[0]));
                    assertNotEquals(previousOwn, call.arguments()[0], "an own asset transferred twice in a row");
                    previousOwn = call.arguments()[0];
                    assertEquals("Org2MSP", call.arguments()[2]);
                }
                case TRANSFER_HOT -> {
                    assertEquals("TransferAsset", call.function());
                    assertTrue(hot.contains(call.arguments()[0]));
                    assertEquals("Org2MSP", call.arguments()[2]);
                }
            }
        }
        assertTrue(createdKeys.size() > 3_000);
    }

    @Test
    void sameSeedSameCalls() {
        ClientWorkload a = new ClientWorkload(new WorkloadMix(0.5, 0.5), "r", 0, "Org1MSP", List.of("o"),
                List.of("h"), new SplittableRandom(9));
        ClientWorkload b = new ClientWorkload(new WorkloadMix(0.5, 0.5), "r", 0, "Org1MSP", List.of("o"),
                List.of("h"), new SplittableRandom(9));
        for (int i = 0; i < 100; i++) {
            ClientWorkload.Call x = a.next();
            ClientWorkload.Call y = b.next();
            assertEquals(x.kind(), y.kind());
            assertArrayEquals(x.arguments(), y.arguments());
        }
    }

    @Test
    void keysOfDifferentClientsAndRunsDiffer() {
        Set<String> keys = new HashSet<>();
        for (String run : List.of("runA", "runB")) {
            for (int client = 0; client < 12; client++) {
                for (int n = 0; n < 12; n++) {
                    assertTrue(keys.add(ClientWorkload.assetKey(run, client, n)));
                    assertTrue(keys.add(ClientWorkload.ownAssetKey(run, client, n)));
                }
            }
            assertTrue(keys.add(ClientWorkload.hotAssetKey(run, "Org1MSP", 0)));
        }
    }

    @Test
    void missingAssetsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new ClientWorkload(new WorkloadMix(0.5, 0.1), "r", 0,
                "Org1MSP", List.of(), List.of("h"), new SplittableRandom(1)));
        assertThrows(IllegalArgumentException.class, () -> new ClientWorkload(new WorkloadMix(0.5, 0.1), "r", 0,
                "Org1MSP", List.of("o"), List.of(), new SplittableRandom(1)));
    }
}
