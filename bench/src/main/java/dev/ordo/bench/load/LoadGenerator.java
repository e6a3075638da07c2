package dev.ordo.bench.load;

import dev.ordo.sdk.cli.CommandLines;
import dev.ordo.sdk.profile.NetworkProfile;
import dev.ordo.sdk.profile.NetworkProfileException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.logging.Level;
import java.util.logging.Logger;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The end-to-end load generator: N concurrent clients drive the asset-transfer contract of a
 * running network through the official Fabric Gateway client ({@code OrdoGateway}), creating
 * assets with fresh keys and transferring assets (own ones without conflicts, a few shared hot
 * ones that race), as fast as possible or at a fixed rate. It prints, and with {@code --report}
 * writes as JSON and Markdown, the committed transactions per second, the latency percentiles
 * from start to commit status, the validation codes and the failures by kind, with the options,
 * the host's cores and its load average at start and end.
 *
 * <p>Run with {@code bench/ordo-load --profile .network/network-profile.yaml [options]}.
 * Exit codes: 0 the run completed, 1 the network could not be used (connection or setup failed,
 * or nothing committed in the measured window), 2 bad usage.
 */
@Command(name = "ordo-load", mixinStandardHelpOptions = true, version = "ordo-load 0.1.0", sortOptions = false,
        description = "End-to-end load generator for Ordo (and other Fabric-compatible networks) through the "
                + "official Fabric Gateway client and the asset-transfer contract.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:the run completed (invalid transactions and failures are reported, not fatal)",
            "1:the network could not be used: connection or asset setup failed, or nothing committed in the window",
            "2:bad usage: unknown option, malformed or out-of-range value, unusable profile"})
public final class LoadGenerator implements Callable<Integer> {
    /** The run completed. */
    public static final int OK = 0;
    /** The network could not be used. */
    public static final int FAILED = 1;
    /** Bad usage. */
    public static final int USAGE = 2;

    /** Held so the level set in {@link #main} is not lost when the logger is collected. */
    private static final Logger GRPC_LOGGER = Logger.getLogger("io.grpc");

    @Spec
    CommandSpec spec;

    @Mixin
    LoadOptions options;

    /** Runs the generator and exits the JVM with its exit code. */
    public static void main(String[] args) {
        GRPC_LOGGER.setLevel(Level.SEVERE);
        System.exit(newCommandLine().execute(args));
    }

    /** The command line with handlers that print one clear message and return the exit codes above. */
    public static CommandLine newCommandLine() {
        return CommandLines.withErrorHandling(new LoadGenerator(), FAILED, USAGE);
    }

    @Override
    public Integer call() throws Exception {
        options.validate();
        NetworkProfile profile;
        try {
            profile = NetworkProfile.load(options.profile());
        } catch (NetworkProfileException e) {
            throw new ParameterException(spec.commandLine(), "--profile: " + e.getMessage());
        }
        for (String org : options.organizations()) {
            if (profile.findOrganization(org).isEmpty()) {
                throw new ParameterException(spec.commandLine(), "--org: the profile " + options.profile()
                        + " has no organisation '" + org + "'; it has "
                        + profile.organizations().stream().map(o -> o.mspId()).toList());
            }
        }
        String channel = options.channel().or(profile::channel).orElse(LoadOptions.DEFAULT_CHANNEL);
        PrintWriter out = spec.commandLine().getOut();
        LoadReport report;
        try {
            report = new LoadRunner(options, profile, channel, out).run();
        } catch (LoadFailedException e) {
            PrintWriter err = spec.commandLine().getErr();
            err.println("error: " + e.getMessage());
            err.flush();
            return FAILED;
        }
        out.println();
        ReportWriter.print(report, out);
        try {
            if (options.reportBase().isPresent()) {
                List<Path> written = ReportWriter.writeFiles(report, options.reportBase().get());
                out.println("report: " + written.get(0) + ", " + written.get(1));
            }
            if (options.table().isPresent()) {
                ReportWriter.appendRow(report, options.table().get());
                out.println("row appended to " + options.table().get());
            }
        } catch (IOException e) {
            PrintWriter err = spec.commandLine().getErr();
            err.println("error: cannot write the report: " + e);
            err.flush();
            return FAILED;
        }
        out.flush();
        if (report.stats().committed() == 0) {
            PrintWriter err = spec.commandLine().getErr();
            err.println("error: no transaction received a commit status in the measured window");
            err.flush();
            return FAILED;
        }
        return OK;
    }
}
