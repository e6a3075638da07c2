package dev.ordo.deploy.cli;

import dev.ordo.deploy.network.NetworkStatus;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "status", mixinStandardHelpOptions = true,
        description = "Shows each node's PID, ports, health and channel height. Exit code 1 if a node is stopped"
                + " or unhealthy.")
final class StatusCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    LauncherOptions options;

    @Override
    public Integer call() throws Exception {
        boolean healthy = new NetworkStatus(options.directory()).print(spec.commandLine().getOut());
        return healthy ? OrdoNetworkCli.OK : OrdoNetworkCli.FAILED;
    }
}
