package dev.ordo.bench.load;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Presents a {@link LoadReport}: a human summary for the console, one Markdown table row (with
 * its header) for {@code docs/performance.md}, and a JSON document with every figure.
 * Latencies appear in milliseconds.
 */
public final class ReportWriter {
    /** The Markdown table header, two lines. */
    public static final String MARKDOWN_HEADER = """
            | run | clients | conns | rate (tx/s) | transfers | conflict | committed tx/s | all tx/s | p50 ms | p95 ms | p99 ms | max ms | VALID | MVCC_READ_CONFLICT | other codes | errors | CPU busy | load avg start → end |
            |---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|
            """;

    private ReportWriter() {
    }

    /** One Markdown table row (ending in a line break) matching {@link #MARKDOWN_HEADER}. */
    public static String markdownRow(LoadReport report) {
        LoadOptions o = report.options();
        TxStats s = report.stats();
        LatencyHistogram latency = s.latency();
        Map<String, Long> codes = s.codes();
        long valid = codes.getOrDefault("VALID", 0L);
        long mvcc = codes.getOrDefault("MVCC_READ_CONFLICT", 0L);
        StringBuilder others = new StringBuilder();
        codes.forEach((code, n) -> {
            if (!code.equals("VALID") && !code.equals("MVCC_READ_CONFLICT")) {
                others.append(others.length() == 0 ? "" : ", ").append(code).append(' ').append(n);
            }
        });
        StringBuilder errors = new StringBuilder();
        s.failures().forEach((kind, n) -> errors.append(errors.length() == 0 ? "" : ", ").append(kind).append(' ').append(n));
        return "| " + String.join(" | ", List.of(
                report.label(),
                Integer.toString(o.clients()),
                Integer.toString(o.connections()),
                o.rate() > 0 ? LoadOptions.fmtRate(o.rate()) : "max",
                fixed(o.transferRatio(), 2),
                fixed(o.conflictRate(), 2),
                fixed(report.committedPerSecond(), 1),
                fixed(report.allPerSecond(), 1),
                millis(latency.percentile(50), latency),
                millis(latency.percentile(95), latency),
                millis(latency.percentile(99), latency),
                millis(latency.max(), latency),
                Long.toString(valid),
                Long.toString(mvcc),
                others.length() == 0 ? "0" : others.toString(),
                errors.length() == 0 ? "0" : errors.toString(),
                report.cpuBusy() < 0 ? "n/a" : fixed(100 * report.cpuBusy(), 0) + " %",
                report.hostAtStart().loadText() + " → " + report.hostAtEnd().loadText())) + " |\n";
    }

    /** The Markdown header and the row. */
    public static String markdownTable(LoadReport report) {
        return MARKDOWN_HEADER + markdownRow(report);
    }

    /** Every figure as a JSON document. */
    public static String json(LoadReport report) {
        LoadOptions o = report.options();
        TxStats s = report.stats();
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("label", report.label());
        root.put("startedAt", report.startedAt().toString());
        Map<String, Object> options = new LinkedHashMap<>();
        options.put("profile", o.profile().toString());
        options.put("organizations", report.organizations());
        options.put("channel", report.channel());
        options.put("contract", o.contract());
        options.put("clients", o.clients());
        options.put("connectionsPerOrganization", o.connections());
        options.put("durationSeconds", o.duration().toMillis() / 1000.0);
        options.put("warmupSeconds", o.warmup().toMillis() / 1000.0);
        options.put("rate", o.rate());
        options.put("mode", o.rate() > 0 ? "fixed rate (open loop)" : "as fast as possible (closed loop)");
        options.put("transferRatio", o.transferRatio());
        options.put("conflictRate", o.conflictRate());
        options.put("hotAssetsPerOrganization", o.hotAssets());
        options.put("ownAssetsPerClient", o.ownAssets());
        options.put("seed", report.seed());
        root.put("options", options);

        Map<String, Object> host = new LinkedHashMap<>();
        host.put("cores", report.hostAtStart().cores());
        host.put("loadAverageStart", loads(report.hostAtStart()));
        host.put("loadAverageEnd", loads(report.hostAtEnd()));
        host.put("cpuBusyFraction", report.cpuBusy() < 0 ? null : report.cpuBusy());
        host.put("generatorCpuSeconds", report.generatorCpuSeconds() < 0 ? null : report.generatorCpuSeconds());
        host.put("generatorCpuMicrosPerCommittedTx", report.generatorCpuSeconds() < 0 || s.committed() == 0 ? null
                : report.generatorCpuSeconds() * 1e6 / s.committed());
        root.put("host", host);

        root.put("windowSeconds", report.windowSeconds());
        root.put("committedTxPerSecond", report.committedPerSecond());
        root.put("allTxPerSecond", report.allPerSecond());
        root.put("committed", s.committed());
        root.put("valid", s.valid());
        root.put("failed", s.failed());
        root.put("latencyMillis", histogram(s.latency()));
        Map<String, Object> stages = new LinkedHashMap<>();
        stages.put("endorse", histogram(s.endorse()));
        stages.put("submit", histogram(s.submit()));
        stages.put("commitWait", histogram(s.commitWait()));
        stages.put("startDelay", histogram(s.startDelay()));
        root.put("stageLatencyMillis", stages);
        root.put("validationCodes", s.codes());
        Map<String, Object> byKind = new LinkedHashMap<>();
        s.codesByKind().forEach((kind, codes) -> byKind.put(kind.name(), codes));
        root.put("validationCodesByKind", byKind);
        root.put("errors", s.failures());
        Map<String, Object> failuresByKind = new LinkedHashMap<>();
        s.failuresByKind().forEach((kind, failures) -> failuresByKind.put(kind.name(), failures));
        root.put("errorsByKind", failuresByKind);
        root.put("errorExamples", s.firstFailureMessages());
        if (o.rate() > 0) {
            Map<String, Object> open = new LinkedHashMap<>();
            open.put("scheduled", report.scheduled());
            open.put("notStartedAtEnd", report.notStarted());
            root.put("openLoop", open);
        }
        return JsonText.write(root);
    }

    /** A summary for people, several lines. */
    public static String text(LoadReport report) {
        TxStats s = report.stats();
        LatencyHistogram l = s.latency();
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "run: %s, %.1f s measured%n", report.label(), report.windowSeconds()));
        out.append(String.format(Locale.ROOT, "committed (VALID): %.1f tx/s; all with a status: %.1f tx/s; failed: %d%n",
                report.committedPerSecond(), report.allPerSecond(), s.failed()));
        out.append(String.format(Locale.ROOT, "latency start -> commit status (ms): p50 %s, p95 %s, p99 %s, max %s, mean %s (n=%d)%n",
                millis(l.percentile(50), l), millis(l.percentile(95), l), millis(l.percentile(99), l), millis(l.max(), l),
                l.count() == 0 ? "-" : fixed(l.mean() / 1000, 1), l.count()));
        out.append(String.format(Locale.ROOT, "stages p50/p99 (ms): endorse %s/%s, submit %s/%s, commit wait %s/%s%s%n",
                millis(s.endorse().percentile(50), s.endorse()), millis(s.endorse().percentile(99), s.endorse()),
                millis(s.submit().percentile(50), s.submit()), millis(s.submit().percentile(99), s.submit()),
                millis(s.commitWait().percentile(50), s.commitWait()),
                millis(s.commitWait().percentile(99), s.commitWait()),
                report.options().rate() > 0 ? ", start delay " + millis(s.startDelay().percentile(50), s.startDelay())
                        + "/" + millis(s.startDelay().percentile(99), s.startDelay()) : ""));
        out.append("validation codes: ").append(s.codes().isEmpty() ? "none" : s.codes()).append('\n');
        s.codesByKind().forEach((kind, codes) -> out.append("  ").append(kind).append(": ").append(codes).append('\n'));
        out.append("errors: ").append(s.failures().isEmpty() ? "none" : s.failures()).append('\n');
        s.failuresByKind().forEach((kind, failures) -> out.append("  ").append(kind).append(": ").append(failures)
                .append('\n'));
        s.firstFailureMessages().forEach((kind, message) -> out.append("  first ").append(kind).append(": ")
                .append(message.strip().replace("\n", "\n      ")).append('\n'));
        if (report.options().rate() > 0) {
            out.append(String.format(Locale.ROOT, "schedule: %d transactions due, %d not started by the end%n",
                    report.scheduled(), report.notStarted()));
        }
        out.append(String.format(Locale.ROOT, "host: %d cores, load average %s at start, %s at end; CPU busy %s; generator CPU %s%n",
                report.hostAtStart().cores(), report.hostAtStart().loadText(), report.hostAtEnd().loadText(),
                report.cpuBusy() < 0 ? "n/a" : fixed(100 * report.cpuBusy(), 0) + " %",
                report.generatorCpuSeconds() < 0 ? "n/a" : fixed(report.generatorCpuSeconds(), 1) + " s"
                        + (s.committed() == 0 ? "" : " (" + fixed(report.generatorCpuSeconds() * 1e6 / s.committed(), 0)
                                + " µs per committed tx)")));
        return out.toString();
    }

    /**
     * Writes {@code base.json} and {@code base.md} (header and row).
     *
     * @return the two files written
     */
    public static List<Path> writeFiles(LoadReport report, Path base) throws IOException {
        Path json = base.resolveSibling(base.getFileName() + ".json");
        Path markdown = base.resolveSibling(base.getFileName() + ".md");
        createParent(json);
        Files.writeString(json, json(report), StandardCharsets.UTF_8);
        Files.writeString(markdown, markdownTable(report), StandardCharsets.UTF_8);
        return List.of(json, markdown);
    }

    /** Appends the row to a Markdown table file, writing the header first if the file is new or empty. */
    public static void appendRow(LoadReport report, Path table) throws IOException {
        createParent(table);
        boolean fresh = !Files.exists(table) || Files.size(table) == 0;
        Files.writeString(table, (fresh ? MARKDOWN_HEADER : "") + markdownRow(report), StandardCharsets.UTF_8,
                StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    /** Prints the summary and the Markdown row. */
    public static void print(LoadReport report, PrintWriter out) {
        out.print(text(report));
        out.println();
        out.print(markdownTable(report));
        out.flush();
    }

    private static void createParent(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
    }

    private static List<Double> loads(HostSnapshot host) {
        return List.of(host.load1(), host.load5(), host.load15());
    }

    private static Map<String, Object> histogram(LatencyHistogram h) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("count", h.count());
        if (h.count() > 0) {
            m.put("p50", h.percentile(50) / 1000.0);
            m.put("p95", h.percentile(95) / 1000.0);
            m.put("p99", h.percentile(99) / 1000.0);
            m.put("max", h.max() / 1000.0);
            m.put("mean", h.mean() / 1000.0);
        }
        return m;
    }

    private static String millis(long micros, LatencyHistogram h) {
        return h.count() == 0 ? "-" : fixed(micros / 1000.0, micros < 10_000 ? 1 : 0);
    }

    private static String fixed(double value, int decimals) {
        return String.format(Locale.ROOT, "%." + decimals + "f", value);
    }
}
