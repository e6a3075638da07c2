package dev.ordo.sdk.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/** One in-process run of the {@code ordo} command line with its exit code and captured output. */
record CliRun(int exitCode, String out, String err) {
    static CliRun ordo(String... args) {
        CommandLine commandLine = OrdoCli.newCommandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        int exitCode = commandLine.execute(args);
        return new CliRun(exitCode, out.toString(), err.toString());
    }

    /** No Java stack trace leaked to the user. */
    boolean hasNoStackTrace() {
        return !err.contains("\tat ") && !err.contains("Exception:") && !out.contains("\tat ");
    }

    @Override
    public String toString() {
        return "exit " + exitCode + "\n--- out ---\n" + out + "--- err ---\n" + err;
    }
}
