package dev.ordo.deploy.cli;

import dev.ordo.deploy.network.NetworkDown;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "wipe", mixinStandardHelpOptions = true,
        description = "Stops the network and deletes its directory (only a directory created by 'up').")
final class WipeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    LauncherOptions options;

    @Override
    public Integer call() throws Exception {
        new NetworkDown(options.directory(), spec.commandLine().getOut()).wipe();
        return OrdoNetworkCli.OK;
    }
}
