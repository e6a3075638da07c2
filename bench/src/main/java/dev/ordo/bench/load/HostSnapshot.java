package dev.ordo.bench.load;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The machine's state at one moment: load averages (as {@code uptime} prints them), the
 * cumulative busy and total CPU time of all cores from {@code /proc/stat}, and this process's
 * CPU time. Two snapshots give the machine's CPU use and the generator's own share over the
 * window between them. Fields a platform does not offer are -1.
 *
 * @param cores the processors available to this JVM
 * @param load1 1-minute load average
 * @param load5 5-minute load average
 * @param load15 15-minute load average
 * @param cpuBusyTicks cumulative non-idle CPU ticks of all cores
 * @param cpuTotalTicks cumulative CPU ticks of all cores
 * @param processCpuNanos this JVM's CPU time
 * @param nanoTime {@link System#nanoTime()} when taken
 */
public record HostSnapshot(int cores, double load1, double load5, double load15, long cpuBusyTicks,
        long cpuTotalTicks, long processCpuNanos, long nanoTime) {

    /** Takes a snapshot now. */
    public static HostSnapshot take() {
        double[] load = loadAverages();
        long[] cpu = cpuTicks();
        return new HostSnapshot(Runtime.getRuntime().availableProcessors(), load[0], load[1], load[2], cpu[0], cpu[1],
                readProcessCpuNanos(), System.nanoTime());
    }

    /** The load averages as {@code uptime} prints them, e.g. {@code 3.10, 2.05, 1.20}. */
    public String loadText() {
        return load1 < 0 ? "n/a" : String.format(java.util.Locale.ROOT, "%.2f, %.2f, %.2f", load1, load5, load15);
    }

    /** Fraction of all cores' time that was busy between {@code earlier} and this snapshot, or -1. */
    public double cpuBusySince(HostSnapshot earlier) {
        long total = cpuTotalTicks - earlier.cpuTotalTicks;
        if (cpuTotalTicks < 0 || earlier.cpuTotalTicks < 0 || total <= 0) {
            return -1;
        }
        return (double) (cpuBusyTicks - earlier.cpuBusyTicks) / total;
    }

    /** This process's CPU time since {@code earlier}, in nanoseconds, or -1. */
    public long processCpuSince(HostSnapshot earlier) {
        if (processCpuNanos < 0 || earlier.processCpuNanos < 0) {
            return -1;
        }
        return processCpuNanos - earlier.processCpuNanos;
    }

    private static double[] loadAverages() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return new double[] {Double.parseDouble(fields[0]), Double.parseDouble(fields[1]),
                Double.parseDouble(fields[2])};
        } catch (IOException | RuntimeException e) {
            double one = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
            return new double[] {one, -1, -1};
        }
    }

    /** Busy and total ticks from the first ("cpu ") line of /proc/stat; idle and iowait count as not busy. */
    static long[] cpuTicks() {
        try {
            List<String> lines = Files.readAllLines(Path.of("/proc/stat"));
            return parseCpuLine(lines.get(0));
        } catch (IOException | RuntimeException e) {
            return new long[] {-1, -1};
        }
    }

    static long[] parseCpuLine(String line) {
        String[] fields = line.trim().split("\\s+");
        if (!fields[0].equals("cpu")) {
            return new long[] {-1, -1};
        }
        long total = 0;
        long idle = 0;
        // user nice system idle iowait irq softirq steal (guest time is already inside user)
        for (int i = 1; i < Math.min(fields.length, 9); i++) {
            long ticks = Long.parseLong(fields[i]);
            total += ticks;
            if (i == 4 || i == 5) {
                idle += ticks;
            }
        }
        return new long[] {total - idle, total};
    }

    private static long readProcessCpuNanos() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return -1;
    }
}
