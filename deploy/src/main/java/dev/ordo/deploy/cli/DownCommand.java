package dev.ordo.deploy.cli;

import dev.ordo.deploy.network.NetworkDown;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "down", mixinStandardHelpOptions = true,
        description = "Stops the network's nodes (SIGTERM, SIGKILL after 20 s), by their recorded PIDs only."
                + " Data is kept: 'up' resumes the same network.")
final class DownCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    LauncherOptions options;

    @Override
    public Integer call() throws Exception {
        new NetworkDown(options.directory(), spec.commandLine().getOut()).stop();
        return OrdoNetworkCli.OK;
    }
}
