package dev.ordo.sdk.cli;

import java.util.concurrent.Callable;
import java.util.logging.Level;
import java.util.logging.Logger;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The {@code ordo} command line, for operators and demos: evaluate and submit transactions,
 * follow block and contract events, generate crypto material, check a network profile. It
 * works against any Fabric-compatible gateway peer, since it drives the official Fabric
 * Gateway client.
 *
 * <p>Exit codes: 0 success, 1 the network refused or failed the request, 2 bad usage
 * (unknown option, missing argument), 3 a profile or configuration file cannot be used.
 * Errors are one or a few lines on standard error, never a stack trace.
 */
@Command(name = "ordo", mixinStandardHelpOptions = true, version = "ordo 0.1.0",
        description = "Client for Ordo and other Hyperledger Fabric-compatible networks.",
        subcommands = {EvaluateCommand.class, SubmitCommand.class, EventsCommand.class, CryptoCommand.class,
                ProfileCommand.class, CommandLine.HelpCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:success",
                "1:the network refused or failed the request, or the transaction committed as invalid",
                "2:bad usage: unknown command or option, missing or malformed argument",
                "3:a profile or configuration file cannot be used"},
        footer = {"", "Run 'ordo COMMAND --help' for a command's options."})
public final class OrdoCli implements Callable<Integer> {
    /** Held so the level set in {@link #main} is not lost when the logger is collected. */
    private static final Logger GRPC_LOGGER = Logger.getLogger("io.grpc");

    @Spec
    CommandSpec spec;

    /** Runs the command line and exits the JVM with its exit code. */
    public static void main(String[] args) {
        // gRPC logs transport chatter at INFO/WARNING on stderr; the CLI explains failures itself.
        GRPC_LOGGER.setLevel(Level.SEVERE);
        System.exit(newCommandLine().execute(args));
    }

    /**
     * The configured command line: error handlers that print one clear message and return the
     * documented exit codes. Callers may redirect its output with {@code setOut}/{@code setErr}
     * and run it with {@code execute(args)}.
     */
    public static CommandLine newCommandLine() {
        return CommandLines.withErrorHandling(new OrdoCli(), ExitCodes.FAILED, ExitCodes.USAGE);
    }

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitCodes.USAGE;
    }
}
