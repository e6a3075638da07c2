package dev.ordo.deploy.cli;

import dev.ordo.sdk.cli.CommandLines;
import java.util.concurrent.Callable;
import java.util.logging.Level;
import java.util.logging.Logger;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code ordo-network}: a local Ordo network on loopback — three orderers and a ledger node for
 * each of Org1MSP and Org2MSP, each its own process — with {@code up}, {@code status},
 * {@code down} and {@code wipe}. Errors are a few lines on standard error, never a stack trace.
 */
@Command(name = "ordo-network", mixinStandardHelpOptions = true, version = "ordo-network 0.1.0",
        description = "Starts, inspects, stops and removes a local Ordo network (no Docker).",
        subcommands = {UpCommand.class, StatusCommand.class, DownCommand.class, WipeCommand.class,
                CommandLine.HelpCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:success (status: every node healthy)", "1:failure (status: a node stopped or unhealthy)",
                "2:bad usage"})
public final class OrdoNetworkCli implements Callable<Integer> {
    static final int OK = 0;
    static final int FAILED = 1;
    static final int USAGE = 2;

    @Spec
    CommandSpec spec;

    /** Held so the setting is not collected: gRPC logs INFO lines through java.util.logging otherwise. */
    private static final Logger GRPC_LOGGER = Logger.getLogger("io.grpc");

    public static void main(String[] args) {
        GRPC_LOGGER.setLevel(Level.WARNING);
        System.exit(newCommandLine().execute(args));
    }

    /** The command line with handlers that print one clear message and return the documented exit codes. */
    public static CommandLine newCommandLine() {
        return CommandLines.withErrorHandling(new OrdoNetworkCli(), FAILED, USAGE);
    }

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return USAGE;
    }
}
