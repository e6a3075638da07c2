package dev.ordo.bench.load;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The load generator's options as picocli reads them, and their checks ({@link #validate()}),
 * which turn every out-of-range value into a {@link ParameterException} naming the option.
 */
public final class LoadOptions {
    /** Organisation used when {@code --org} is not given. */
    public static final String DEFAULT_ORG = "Org1MSP";
    /** Channel used when neither {@code --channel} nor the profile names one. */
    public static final String DEFAULT_CHANNEL = "mychannel";
    static final int MAX_CLIENTS = 4096;

    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    @Option(names = {"-p", "--profile"}, required = true, paramLabel = "PATH",
            description = "Network profile, e.g. the .network/network-profile.yaml that 'deploy/ordo-network up' writes.")
    Path profile;

    @Option(names = {"-o", "--org"}, paramLabel = "MSPID", split = ",",
            description = "Organisation(s) the clients act for; several (repeated or comma-separated) are used "
                    + "round-robin over the clients. Default: " + DEFAULT_ORG + ".")
    List<String> orgs = new ArrayList<>();

    @Option(names = {"-C", "--channel"}, paramLabel = "NAME",
            description = "Channel (default: the profile's, else " + DEFAULT_CHANNEL + ").")
    String channel;

    @Option(names = "--contract", paramLabel = "NAME", defaultValue = "basic",
            description = "Asset-transfer contract's name on the channel (default: ${DEFAULT-VALUE}).")
    String contract;

    @Option(names = {"-c", "--clients"}, paramLabel = "N", defaultValue = "8",
            description = "Concurrent clients, each a thread sending one transaction at a time (default: ${DEFAULT-VALUE}).")
    int clients;

    @Option(names = "--connections", paramLabel = "N", defaultValue = "1",
            description = "Gateway connections (gRPC channels) per organisation the clients share (default: ${DEFAULT-VALUE}).")
    int connections;

    @Option(names = {"-d", "--duration"}, paramLabel = "TIME", defaultValue = "30s", converter = DurationConverter.class,
            description = "Measured window after the warm-up: 500ms, 30s, 2m, or seconds (default: ${DEFAULT-VALUE}).")
    Duration duration;

    @Option(names = {"-w", "--warmup"}, paramLabel = "TIME", defaultValue = "5s", converter = DurationConverter.class,
            description = "Load before the measured window, left out of the figures (default: ${DEFAULT-VALUE}).")
    Duration warmup;

    @Option(names = {"-r", "--rate"}, paramLabel = "TX_PER_S", defaultValue = "0",
            description = "0: as fast as possible (closed loop, each client sends its next transaction when the "
                    + "previous one's status arrives). >0: transactions started per second overall on a fixed "
                    + "schedule (open loop); latency counts from the scheduled start (default: ${DEFAULT-VALUE}).")
    double rate;

    @Option(names = "--transfer-ratio", paramLabel = "FRACTION", defaultValue = "0.5",
            description = "Fraction of transactions that are transfers; the rest create assets (default: ${DEFAULT-VALUE}).")
    double transferRatio;

    @Option(names = "--conflict-rate", paramLabel = "FRACTION", defaultValue = "0.1",
            description = "Fraction of transfers that target a hot asset shared by all clients of the organisation "
                    + "(they race; losers get MVCC_READ_CONFLICT); the others transfer the client's own assets "
                    + "(default: ${DEFAULT-VALUE}).")
    double conflictRate;

    @Option(names = "--hot-assets", paramLabel = "N", defaultValue = "4",
            description = "Hot assets per organisation (default: ${DEFAULT-VALUE}).")
    int hotAssets;

    @Option(names = "--own-assets", paramLabel = "N", defaultValue = "4",
            description = "Assets each client creates before the run and transfers round-robin (default: ${DEFAULT-VALUE}).")
    int ownAssets;

    @Option(names = "--report", paramLabel = "PATH",
            description = "Write the figures to PATH.json and a Markdown table (header and one row) to PATH.md "
                    + "(a trailing .json or .md on PATH is dropped).")
    Path report;

    @Option(names = "--table", paramLabel = "FILE",
            description = "Append the Markdown row to this table file (the header is written when the file is new).")
    Path table;

    @Option(names = "--label", paramLabel = "TEXT", description = "Name of the run in the report (default: derived from the options).")
    String label;

    @Option(names = "--seed", paramLabel = "N", description = "Seed of the random choices (default: time-based).")
    Long seed;

    /** The organisations in client order. */
    public List<String> organizations() {
        return orgs.isEmpty() ? List.of(DEFAULT_ORG) : List.copyOf(orgs);
    }

    /** The workload mix of these options. */
    public WorkloadMix mix() {
        return new WorkloadMix(transferRatio, conflictRate);
    }

    /** The report path without extension, if one was asked for. */
    public Optional<Path> reportBase() {
        if (report == null) {
            return Optional.empty();
        }
        String name = report.getFileName().toString();
        String base = name.endsWith(".json") ? name.substring(0, name.length() - 5)
                : name.endsWith(".md") ? name.substring(0, name.length() - 3) : name;
        return Optional.of(report.resolveSibling(base));
    }

    /**
     * Checks what picocli's types do not: ranges, fractions, the profile file, duplicate orgs.
     *
     * @throws ParameterException naming the option and the allowed values
     */
    public void validate() {
        if (!Files.isRegularFile(profile)) {
            throw fail("--profile: no such file: " + profile);
        }
        if (!Files.isReadable(profile)) {
            throw fail("--profile: cannot read " + profile);
        }
        for (String org : organizations()) {
            if (org.isBlank()) {
                throw fail("--org: an MSP id must not be empty");
            }
        }
        if (organizations().stream().distinct().count() != organizations().size()) {
            throw fail("--org: an organisation is named twice: " + organizations());
        }
        if (channel != null && !channel.matches("[a-z][a-z0-9.-]{0,248}")) {
            throw fail("--channel: '" + channel + "' is not a valid channel name (lower-case letters, digits, '.', '-', "
                    + "starting with a letter)");
        }
        if (contract.isBlank()) {
            throw fail("--contract: must not be empty");
        }
        if (clients < 1 || clients > MAX_CLIENTS) {
            throw fail("--clients: must be between 1 and " + MAX_CLIENTS + ", was " + clients);
        }
        if (clients < organizations().size()) {
            throw fail("--clients: " + clients + " clients cannot cover " + organizations().size() + " organisations");
        }
        if (connections < 1 || connections > clients) {
            throw fail("--connections: must be between 1 and the number of clients (" + clients + "), was " + connections);
        }
        if (duration.isZero() || duration.isNegative()) {
            throw fail("--duration: must be positive, was " + DurationConverter.format(duration));
        }
        if (warmup.isNegative()) {
            throw fail("--warmup: must not be negative");
        }
        if (!(rate >= 0) || Double.isInfinite(rate)) {
            throw fail("--rate: must be 0 (as fast as possible) or a positive number of transactions per second, was "
                    + rate);
        }
        if (rate > 0 && rate < 0.1) {
            throw fail("--rate: must be at least 0.1 transactions per second, was " + rate);
        }
        requireFraction(transferRatio, "--transfer-ratio");
        requireFraction(conflictRate, "--conflict-rate");
        if (hotAssets < 1 || hotAssets > 1_000) {
            throw fail("--hot-assets: must be between 1 and 1000, was " + hotAssets);
        }
        if (ownAssets < 1 || ownAssets > 1_000) {
            throw fail("--own-assets: must be between 1 and 1000, was " + ownAssets);
        }
        if (report != null && report.getFileName() == null) {
            throw fail("--report: '" + report + "' names no file");
        }
        if (label != null && (label.isBlank() || label.contains("|") || label.contains("\n"))) {
            throw fail("--label: must be non-empty text without '|' or line breaks");
        }
    }

    private void requireFraction(double value, String option) {
        if (!(value >= 0 && value <= 1)) {
            throw fail(option + ": must be between 0 and 1, was " + value);
        }
    }

    private ParameterException fail(String message) {
        return new ParameterException(spec.commandLine(), message);
    }

    /** The run's name in reports: the label, else e.g. {@code 8 clients, max rate}. */
    public String runLabel() {
        if (label != null) {
            return label;
        }
        return clients + " clients, " + (rate > 0 ? fmtRate(rate) + " tx/s" : "max rate");
    }

    static String fmtRate(double rate) {
        return rate == Math.rint(rate) ? Long.toString((long) rate) : Double.toString(rate);
    }

    // Accessors for the runner and the report.

    public Path profile() {
        return profile;
    }

    public Optional<String> channel() {
        return Optional.ofNullable(channel);
    }

    public String contract() {
        return contract;
    }

    public int clients() {
        return clients;
    }

    public int connections() {
        return connections;
    }

    public Duration duration() {
        return duration;
    }

    public Duration warmup() {
        return warmup;
    }

    public double rate() {
        return rate;
    }

    public double transferRatio() {
        return transferRatio;
    }

    public double conflictRate() {
        return conflictRate;
    }

    public int hotAssets() {
        return hotAssets;
    }

    public int ownAssets() {
        return ownAssets;
    }

    public Optional<Path> table() {
        return Optional.ofNullable(table);
    }

    public Optional<Long> seed() {
        return Optional.ofNullable(seed);
    }
}
