package dev.ordo.sdk.cli;

import dev.ordo.sdk.profile.NetworkProfile;
import dev.ordo.sdk.profile.NetworkProfileException;
import dev.ordo.sdk.profile.OrganizationProfile;
import dev.ordo.sdk.profile.PeerProfile;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ordo profile}: network profile commands. */
@Command(name = "profile", mixinStandardHelpOptions = true, description = "Network profile commands.",
        subcommands = ProfileCommand.Check.class)
final class ProfileCommand {

    /** {@code ordo profile check}: loads a profile, reading every certificate and key, and summarises it. */
    @Command(name = "check", mixinStandardHelpOptions = true,
            description = {"Load a network profile, read every certificate and key it names (each key must belong to "
                    + "its certificate) and print what it holds. Contacts no peer."},
            footer = {"", "Example:", "  ordo profile check -p network.yaml"})
    static final class Check implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = {"-p", "--profile"}, required = true, paramLabel = "FILE", description = "Network profile to check.")
        Path profile;

        @Override
        public Integer call() throws CommandFailure {
            NetworkProfile loaded;
            try {
                loaded = NetworkProfile.load(profile);
            } catch (NetworkProfileException e) {
                throw new CommandFailure(ExitCodes.BAD_CONFIGURATION, e.getMessage(), e);
            }
            PrintWriter out = spec.commandLine().getOut();
            out.println("profile " + loaded.source() + " is valid");
            out.println("channel: " + loaded.channel().orElse("(none; pass --channel)"));
            out.println("timeouts: evaluate " + text(loaded.timeouts().evaluate()) + ", endorse "
                    + text(loaded.timeouts().endorse()) + ", submit " + text(loaded.timeouts().submit())
                    + ", commit status " + text(loaded.timeouts().commitStatus()));
            for (OrganizationProfile organization : loaded.organizations()) {
                out.println(organization.mspId() + ": user " + organization.user().certificate().getSubjectX500Principal()
                        .getName() + (organization.clientTls().isPresent() ? ", mutual TLS" : ""));
                for (PeerProfile peer : organization.peers()) {
                    out.println("  peer " + peer + ", TLS CA " + peer.tlsCaCertFile());
                }
            }
            out.flush();
            return ExitCodes.OK;
        }

        /** {@code 5s}, {@code 1m}, {@code 0.5s}: ISO-8601 without the {@code PT}. */
        private static String text(java.time.Duration duration) {
            return duration.toString().substring(2).toLowerCase(java.util.Locale.ROOT);
        }
    }
}
