/**
 * The {@code ordo} command line (picocli): one class per command; {@link dev.ordo.sdk.cli.OrdoCli}
 * is the entry point and documents the exit codes.
 */
package dev.ordo.sdk.cli;
