package dev.ordo.ordering;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ThreadCpuTest {
  @Test
  void namesFoldIntoGroups() {
    assertEquals("orderer*.example.com@*-StateMachineUpdater",
        ThreadCpu.group("orderer2.example.com@group-1A2B3C4D5E6F-StateMachineUpdater"));
    assertEquals("grpc-default-executor-*", ThreadCpu.group("grpc-default-executor-17"));
  }

  @Test
  void aBusyThreadsCpuIsCountedInItsGroup() throws Exception {
    CountDownLatch measured = new CountDownLatch(1);
    CountDownLatch busyDone = new CountDownLatch(1);
    ThreadCpu before = ThreadCpu.snapshot();
    Thread busy = new Thread(() -> {
      long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(300);
      long x = 0;
      while (System.nanoTime() < until) {
        x += Long.numberOfTrailingZeros(x + System.nanoTime());
      }
      busyDone.countDown();
      try {
        measured.await(); // alive at the second snapshot
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, "busy-worker-3");
    busy.start();
    try {
      busyDone.await(10, TimeUnit.SECONDS);
      var breakdown = ThreadCpu.snapshot().breakdownSince(before);
      Long busyNanos = breakdown.get("busy-worker-*");
      assertTrue(busyNanos != null && busyNanos > TimeUnit.MILLISECONDS.toNanos(100), "busy thread's CPU: " + busyNanos);
      assertTrue(breakdown.containsKey("(threads that ended, rounding)"));
    } finally {
      measured.countDown();
      busy.join();
    }
  }
}
