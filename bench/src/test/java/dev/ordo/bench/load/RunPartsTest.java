package dev.ordo.bench.load;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.Status;
import org.hyperledger.fabric.client.CommitStatusException;
import org.hyperledger.fabric.client.EndorseException;
import org.hyperledger.fabric.client.SubmitException;
import org.junit.jupiter.api.Test;

/** The small parts of a run: the clock and schedule, failure kinds, stats, host figures. */
class RunPartsTest {
    @Test
    void fixedRateScheduleHandsOutSlotsUntilTheEnd() {
        long start = System.nanoTime();
        RunClock clock = new RunClock(start, 0, 50_000_000, 1_000); // 50 ms at 1 000/s
        long previous = -1;
        int slots = 0;
        long due;
        while ((due = clock.awaitNextStart()) >= 0) {
            assertEquals(start + slots * 1_000_000L, due);
            assertTrue(System.nanoTime() >= due);
            assertTrue(due > previous);
            previous = due;
            slots++;
        }
        assertEquals(50, clock.slotsDue());
        assertTrue(slots >= 45 && slots <= 50, "slots " + slots);
        assertEquals(slots, clock.slotsStarted());
    }

    @Test
    void windowExcludesWarmupAndAfterEnd() {
        RunClock clock = new RunClock(1_000, 500, 2_000, 0);
        assertFalse(clock.inWindow(1_499));
        assertTrue(clock.inWindow(1_500));
        assertTrue(clock.inWindow(3_499));
        assertFalse(clock.inWindow(3_500));
        assertFalse(clock.fixedRate());
        assertEquals(0, clock.slotsDue());
    }

    @Test
    void failureKindsNameStageAndGrpcCode() {
        assertEquals("endorse ABORTED", TxFailures.kind(new EndorseException("tx", Status.ABORTED.asRuntimeException())));
        assertEquals("submit UNAVAILABLE", TxFailures.kind(new SubmitException("tx",
                Status.UNAVAILABLE.asRuntimeException())));
        assertEquals("commitStatus DEADLINE_EXCEEDED", TxFailures.kind(new CommitStatusException("tx",
                Status.DEADLINE_EXCEEDED.asRuntimeException())));
        assertEquals("client IllegalStateException", TxFailures.kind(new IllegalStateException("x")));
    }

    @Test
    void statsAddUp() {
        TxStats a = new TxStats();
        TxStats b = new TxStats();
        a.committed(TxKind.CREATE, "VALID", new TxTiming(0, 1_000, 2_000_000, 3_000_000, 10_000_000));
        b.committed(TxKind.TRANSFER_HOT, "MVCC_READ_CONFLICT", new TxTiming(0, 0, 0, 0, 20_000_000));
        b.failed(TxKind.CREATE, "submit UNAVAILABLE", "x".repeat(2_000));
        a.add(b);
        assertEquals(2, a.committed());
        assertEquals(1, a.valid());
        assertEquals(1, a.failed());
        assertEquals(java.util.Map.of("submit UNAVAILABLE", 1L), a.failuresByKind().get(TxKind.CREATE));
        assertEquals(2, a.latency().count());
        assertEquals(20_000, a.latency().max());
        assertEquals(1, a.startDelay().max());
        assertTrue(a.firstFailureMessages().get("submit UNAVAILABLE").length() < 700);
    }

    @Test
    void procStatLineGivesBusyAndTotalTicks() {
        // user nice system idle iowait irq softirq steal guest guest_nice
        assertArrayEquals(new long[] {100 + 2 + 30 + 4 + 5 + 6, 100 + 2 + 30 + 500 + 7 + 4 + 5 + 6},
                HostSnapshot.parseCpuLine("cpu  100 2 30 500 7 4 5 6 50 0"));
        HostSnapshot now = HostSnapshot.take();
        assertTrue(now.cores() >= 1);
    }
}
