package dev.ordo.bench.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;
import picocli.CommandLine;

class ReportWriterTest {
    @TempDir
    Path dir;

    private LoadReport report(String... extraArgs) throws IOException {
        Path profile = Files.writeString(dir.resolve("profile.yaml"), "x: 1\n");
        LoadGenerator generator = new LoadGenerator();
        List<String> args = new java.util.ArrayList<>(List.of("--profile", profile.toString(), "--clients", "16",
                "--transfer-ratio", "0.5", "--conflict-rate", "0.1"));
        args.addAll(List.of(extraArgs));
        new CommandLine(generator).parseArgs(args.toArray(String[]::new));

        TxStats stats = new TxStats();
        long ms = 1_000_000;
        // 900 VALID creations at 100..999 ms, 80 VALID own transfers, 20 hot transfers of which 15 lost the race
        for (int i = 0; i < 900; i++) {
            stats.committed(TxKind.CREATE, "VALID", new TxTiming(0, 0, 20 * ms, 30 * ms, (100 + i) * ms));
        }
        for (int i = 0; i < 80; i++) {
            stats.committed(TxKind.TRANSFER_OWN, "VALID", new TxTiming(0, 0, 20 * ms, 30 * ms, 400 * ms));
        }
        for (int i = 0; i < 20; i++) {
            stats.committed(TxKind.TRANSFER_HOT, i < 15 ? "MVCC_READ_CONFLICT" : "VALID",
                    new TxTiming(0, 0, 20 * ms, 30 * ms, 500 * ms));
        }
        stats.failed(TxKind.TRANSFER_HOT, "endorse ABORTED", "endorse failed for transaction abc: ABORTED: \"quoted\"\nsecond line");
        stats.failed(TxKind.TRANSFER_OWN, "endorse ABORTED", "another");
        stats.failed(TxKind.CREATE, "commitStatus DEADLINE_EXCEEDED", "deadline");
        HostSnapshot start = new HostSnapshot(2, 1.5, 1.25, 1.0, 1_000, 10_000, 5_000_000_000L, 0);
        HostSnapshot end = new HostSnapshot(2, 3.75, 2.0, 1.5, 2_800, 12_000, 7_000_000_000L, 10_000_000_000L);
        return new LoadReport(generator.options.runLabel(), Instant.parse("2026-11-23T17:00:00Z"), generator.options,
                List.of("Org1MSP"), "mychannel", 42, 10.0, stats, 0, 0, start, end);
    }

    @Test
    void markdownRowMatchesHeader() throws IOException {
        LoadReport report = report();
        String row = ReportWriter.markdownRow(report);
        String header = ReportWriter.MARKDOWN_HEADER.lines().findFirst().orElseThrow();
        assertEquals(header.split("\\|", -1).length, row.trim().split("\\|", -1).length, row);
        assertTrue(row.startsWith("| 16 clients, max rate | 16 | 1 | max | 0.50 | 0.10 | 98.5 | 100.0 | "), row);
        String[] columns = row.trim().split(" \\| ");
        // p50 of the 1 000 samples is the 500th smallest: a hot transfer at 500 ms (reported to within 1/128 above)
        assertEquals(500, Double.parseDouble(columns[8]), 500 / 128.0 + 0.5, row);
        assertEquals(999, Double.parseDouble(columns[11]), row);
        assertTrue(row.contains("| 985 | 15 | 0 | commitStatus DEADLINE_EXCEEDED 1, endorse ABORTED 2 | 90 % | "
                + "1.50, 1.25, 1.00 → 3.75, 2.00, 1.50 |"), row);
        assertTrue(row.endsWith("|\n"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void jsonHoldsEveryFigure() throws IOException {
        String json = ReportWriter.json(report("--label", "eight \"quoted\""));
        Map<String, Object> root = new Yaml().load(json);
        assertEquals("eight \"quoted\"", root.get("label"));
        assertEquals("2026-11-23T17:00:00Z", root.get("startedAt"));
        assertEquals(98.5, ((Number) root.get("committedTxPerSecond")).doubleValue(), 1e-9);
        assertEquals(100, ((Number) root.get("allTxPerSecond")).doubleValue(), 1e-9);
        assertEquals(985, ((Number) root.get("valid")).intValue());
        assertEquals(3, ((Number) root.get("failed")).intValue());
        Map<String, Object> options = (Map<String, Object>) root.get("options");
        assertEquals(16, options.get("clients"));
        assertEquals(List.of("Org1MSP"), options.get("organizations"));
        assertEquals("as fast as possible (closed loop)", options.get("mode"));
        assertEquals(42, ((Number) options.get("seed")).intValue());
        Map<String, Object> host = (Map<String, Object>) root.get("host");
        assertEquals(2, host.get("cores"));
        assertEquals(List.of(1.5, 1.25, 1.0), ((List<Number>) host.get("loadAverageStart")).stream()
                .map(Number::doubleValue).toList());
        assertEquals(0.9, ((Number) host.get("cpuBusyFraction")).doubleValue(), 1e-9);
        assertEquals(2.0, ((Number) host.get("generatorCpuSeconds")).doubleValue(), 1e-9);
        Map<String, Object> latency = (Map<String, Object>) root.get("latencyMillis");
        assertEquals(1000, latency.get("count"));
        assertEquals(500.0, ((Number) latency.get("p50")).doubleValue(), 500 / 128.0);
        assertEquals(999.0, ((Number) latency.get("max")).doubleValue(), 1e-9);
        assertEquals(Map.of("VALID", 985, "MVCC_READ_CONFLICT", 15), root.get("validationCodes"));
        Map<String, Object> byKind = (Map<String, Object>) root.get("validationCodesByKind");
        assertEquals(Map.of("MVCC_READ_CONFLICT", 15, "VALID", 5), byKind.get("TRANSFER_HOT"));
        assertEquals(Map.of("commitStatus DEADLINE_EXCEEDED", 1, "endorse ABORTED", 2), root.get("errors"));
        Map<String, Object> errorsByKind = (Map<String, Object>) root.get("errorsByKind");
        assertEquals(Map.of("endorse ABORTED", 1), errorsByKind.get("TRANSFER_HOT"));
        assertEquals(Map.of("commitStatus DEADLINE_EXCEEDED", 1), errorsByKind.get("CREATE"));
        Map<String, Object> examples = (Map<String, Object>) root.get("errorExamples");
        assertEquals("endorse failed for transaction abc: ABORTED: \"quoted\"\nsecond line", examples.get("endorse ABORTED"));
        assertTrue(!root.containsKey("openLoop"));
        Map<String, Object> stages = (Map<String, Object>) root.get("stageLatencyMillis");
        assertEquals(20.0, ((Number) ((Map<String, Object>) stages.get("endorse")).get("p99")).doubleValue(), 0.2);
    }

    @Test
    @SuppressWarnings("unchecked")
    void fixedRateRunsReportTheirSchedule() throws IOException {
        LoadReport base = report("--rate", "250");
        LoadReport report = new LoadReport(base.label(), base.startedAt(), base.options(), base.organizations(),
                base.channel(), base.seed(), base.windowSeconds(), base.stats(), 3_750, 12, base.hostAtStart(),
                base.hostAtEnd());
        Map<String, Object> root = new Yaml().load(ReportWriter.json(report));
        assertEquals(Map.of("scheduled", 3750, "notStartedAtEnd", 12), root.get("openLoop"));
        assertTrue(ReportWriter.markdownRow(report).startsWith("| 16 clients, 250 tx/s | 16 | 1 | 250 | "));
        assertTrue(ReportWriter.text(report).contains("3750 transactions due, 12 not started by the end"));
    }

    @Test
    void filesAndAppendedTable() throws IOException {
        LoadReport report = report();
        List<Path> written = ReportWriter.writeFiles(report, dir.resolve("reports/run-16"));
        assertEquals(List.of(dir.resolve("reports/run-16.json"), dir.resolve("reports/run-16.md")), written);
        assertTrue(Files.readString(written.get(0)).contains("\"committedTxPerSecond\": 98.5"));
        assertEquals(ReportWriter.markdownTable(report), Files.readString(written.get(1)));

        Path table = dir.resolve("table.md");
        ReportWriter.appendRow(report, table);
        ReportWriter.appendRow(report, table);
        List<String> lines = Files.readAllLines(table);
        assertEquals(4, lines.size());
        assertTrue(lines.get(0).startsWith("| run |"));
        assertTrue(lines.get(1).startsWith("|---|"));
        assertEquals(lines.get(2), lines.get(3));
    }

    @Test
    void textSummaryNamesTheFigures() throws IOException {
        String text = ReportWriter.text(report());
        assertTrue(text.contains("committed (VALID): 98.5 tx/s; all with a status: 100.0 tx/s; failed: 3"), text);
        assertTrue(text.contains("p50 502,"), text);
        assertTrue(text.contains("first endorse ABORTED: endorse failed for transaction abc: ABORTED: \"quoted\"\n"
                + "      second line\n"), text);
        assertTrue(text.contains("TRANSFER_HOT: {MVCC_READ_CONFLICT=15, VALID=5}"), text);
        assertTrue(text.contains("first endorse ABORTED: endorse failed for transaction abc"), text);
        assertTrue(text.contains("host: 2 cores, load average 1.50, 1.25, 1.00 at start, 3.75, 2.00, 1.50 at end; "
                + "CPU busy 90 %; generator CPU 2.0 s (2000 µs per committed tx)"), text);
    }
}
