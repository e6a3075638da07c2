package dev.ordo.sdk.cli;

import picocli.CommandLine.Command;

/** {@code ordo events}: the event stream commands. */
@Command(name = "events", mixinStandardHelpOptions = true,
        description = "Follow block or contract events live, optionally resuming from a checkpoint file.",
        subcommands = {BlockEventsCommand.class, ChaincodeEventsCommand.class})
final class EventsCommand {
}
