package dev.ordo.ordering;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * CPU time of this JVM's threads by group, for the benchmark's "where the CPU went" table
 * without a profiler (attaching one makes the JIT recompile and changes what it measures).
 * Java threads are read through {@link ThreadMXBean} with their full names; HotSpot's own
 * threads (JIT compilers, GC, VM thread) are not Java threads and are read from
 * {@code /proc/self/task} by their fixed native names. Threads that ended between two
 * snapshots are not seen; {@link #breakdown} puts what the process used beyond the seen
 * threads in a row of its own.
 */
final class ThreadCpu {
  /** Thread names reduced to a group: numbers, Raft group ids and peer ids become {@code *}. */
  private static final List<Pattern> VARYING = List.of(
      Pattern.compile("group-[0-9A-F]{12}"), Pattern.compile("[0-9a-f]{8}-[0-9a-f-]{27}"), Pattern.compile("\\d+"));
  private static final Pattern HOTSPOT = Pattern.compile(
      "C[12] CompilerThre|GC Thread#\\d+|G1 .*|VM Thread|VM Periodic Tas|Sweeper thread|Signal Dispatch|Service Thread");
  private static final long TICK_NANOS = 10_000_000L; // USER_HZ = 100 on Linux

  private final Map<String, Long> nanosByThread;
  private final long processNanos;

  private ThreadCpu(Map<String, Long> nanosByThread, long processNanos) {
    this.nanosByThread = nanosByThread;
    this.processNanos = processNanos;
  }

  static ThreadCpu snapshot() {
    Map<String, Long> nanos = new HashMap<>();
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    for (Thread t : Thread.getAllStackTraces().keySet()) {
      long cpu = threads.getThreadCpuTime(t.getId());
      if (cpu >= 0) {
        nanos.put("java " + t.getId() + " " + t.getName(), cpu);
      }
    }
    try (Stream<Path> tasks = Files.list(Path.of("/proc/self/task"))) {
      for (Path task : (Iterable<Path>) tasks::iterator) {
        String name = read(task.resolve("comm"));
        if (name != null && HOTSPOT.matcher(name).matches()) {
          long cpu = hotspotThreadNanos(task);
          if (cpu >= 0) {
            nanos.put("native " + task.getFileName() + " " + name, cpu);
          }
        }
      }
    } catch (IOException e) {
      // not Linux: only Java threads
    }
    return new ThreadCpu(nanos, ((com.sun.management.OperatingSystemMXBean) ManagementFactory
        .getOperatingSystemMXBean()).getProcessCpuTime());
  }

  /**
   * CPU used between {@code before} and this snapshot per thread group, largest first, in
   * nanoseconds; the last entry is the process's CPU not seen on any thread above.
   */
  Map<String, Long> breakdownSince(ThreadCpu before) {
    Map<String, Long> groups = new HashMap<>();
    long seen = 0;
    for (var e : nanosByThread.entrySet()) {
      long used = e.getValue() - before.nanosByThread.getOrDefault(e.getKey(), 0L);
      if (used > 0) {
        String name = e.getKey().substring(e.getKey().indexOf(' ', e.getKey().indexOf(' ') + 1) + 1);
        groups.merge(group(name), used, Long::sum);
        seen += used;
      }
    }
    Map<String, Long> sorted = new LinkedHashMap<>();
    groups.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed())
        .forEach(e -> sorted.put(e.getKey(), e.getValue()));
    sorted.put("(threads that ended, rounding)", Math.max(0, processNanos - before.processNanos - seen));
    return sorted;
  }

  static String group(String threadName) {
    String group = threadName;
    for (Pattern p : VARYING) {
      group = p.matcher(group).replaceAll("*");
    }
    return group;
  }

  private static long hotspotThreadNanos(Path task) {
    String stat = read(task.resolve("stat"));
    if (stat == null) {
      return -1;
    }
    // Fields after the parenthesised name: state is field 3, utime 14, stime 15.
    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * TICK_NANOS;
  }

  private static String read(Path file) {
    try {
      return Files.readString(file).strip();
    } catch (IOException | RuntimeException e) {
      return null; // the thread ended meanwhile
    }
  }
}
