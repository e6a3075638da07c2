package dev.ordo.sdk.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * picocli command lines that behave the way every Ordo tool does ({@code ordo},
 * {@code ordo-network}, {@code ordo-load}): a failure prints one line {@code error: ...} and
 * returns the tool's failure code (or the code of a failure a command has already explained);
 * bad usage prints the problem, picocli's suggestions and where to find help, and returns the
 * tool's usage code. Callers may redirect output with {@code setOut}/{@code setErr}.
 */
public final class CommandLines {
    private CommandLines() {
    }

    /** A command line for {@code command} with the error handling described above. */
    public static CommandLine withErrorHandling(Object command, int failedExit, int usageExit) {
        CommandLine commandLine = new CommandLine(command);
        commandLine.setExecutionExceptionHandler((failure, failed, parseResult) -> {
            PrintWriter err = failed.getErr();
            if (failure instanceof CommandFailure explained) {
                err.println("error: " + explained.getMessage());
                err.flush();
                return explained.exitCode();
            }
            err.println("error: " + (failure.getMessage() != null ? failure.getMessage() : failure.toString()));
            err.flush();
            return failedExit;
        });
        commandLine.setParameterExceptionHandler((failure, args) -> {
            CommandLine failed = failure.getCommandLine();
            PrintWriter err = failed.getErr();
            err.println("error: " + failure.getMessage());
            UnmatchedArgumentException.printSuggestions(failure, err);
            err.println("Try '" + failed.getCommandSpec().qualifiedName() + " --help' for more information.");
            err.flush();
            return usageExit;
        });
        return commandLine;
    }
}
