package dev.ordo.deploy.cli;

import dev.ordo.deploy.network.NetworkUp;
import dev.ordo.deploy.topology.NetworkTopology;
import dev.ordo.proto.wire.ChannelIds;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(name = "up", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Creates the network on first use and starts every node that is not running, each as its"
                + " own process on free loopback ports; creates the channel, waits until all nodes are healthy,"
                + " runs a demo with the Fabric Gateway client and prints how to connect. The nodes keep running"
                + " after this command returns. On a running network it only prints how to connect."})
final class UpCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    LauncherOptions options;

    @Option(names = "--channel", paramLabel = "ID", defaultValue = "mychannel",
            description = "Channel to create (default: ${DEFAULT-VALUE}).")
    String channel;

    @Option(names = "--orderers", paramLabel = "N", defaultValue = "3",
            description = "Number of Raft orderers, 1.." + NetworkTopology.MAX_ORDERERS + " (default: ${DEFAULT-VALUE}).")
    int orderers;

    @Option(names = "--orderers-only", description = "Start only the orderers and create the channel on them.")
    boolean orderersOnly;

    @Option(names = "--no-demo", description = "Do not run the demo transactions.")
    boolean noDemo;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "180",
            description = "How long to wait for the nodes of each stage to become healthy (default: ${DEFAULT-VALUE}).")
    long timeoutSeconds;

    @Override
    public Integer call() throws Exception {
        if (!ChannelIds.isValid(channel)) {
            throw new ParameterException(spec.commandLine(), "--channel '" + channel + "' is not a valid channel id:"
                    + " lower-case letters, digits, '.' and '-', starting with a letter, under 250 characters");
        }
        if (orderers < 1 || orderers > NetworkTopology.MAX_ORDERERS) {
            throw new ParameterException(spec.commandLine(), "--orderers must be 1.." + NetworkTopology.MAX_ORDERERS
                    + ", was " + orderers);
        }
        if (timeoutSeconds < 5 || timeoutSeconds > 3600) {
            throw new ParameterException(spec.commandLine(), "--timeout must be 5..3600 seconds, was "
                    + timeoutSeconds);
        }
        new NetworkUp(options.directory(), options.jars(), spec.commandLine().getOut()).run(new NetworkUp.Settings(channel, orderers,
                orderersOnly, !noDemo, Duration.ofSeconds(timeoutSeconds)));
        return OrdoNetworkCli.OK;
    }
}
