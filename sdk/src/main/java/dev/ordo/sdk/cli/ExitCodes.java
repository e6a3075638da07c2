package dev.ordo.sdk.cli;

/** The exit codes of the {@code ordo} command, as documented in its help. */
final class ExitCodes {
    /** The command did what was asked. */
    static final int OK = 0;
    /** The network refused or failed the request, or the transaction committed as invalid. */
    static final int FAILED = 1;
    /** Unknown command or option, missing or malformed argument. */
    static final int USAGE = 2;
    /** A profile or configuration file cannot be used. */
    static final int BAD_CONFIGURATION = 3;

    private ExitCodes() {
    }
}
