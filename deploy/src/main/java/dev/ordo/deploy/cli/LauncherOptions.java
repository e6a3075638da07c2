package dev.ordo.deploy.cli;

import dev.ordo.deploy.network.NetworkDirectory;
import dev.ordo.deploy.process.NodeJars;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The options every command shares: the network directory and where the node jars are. */
final class LauncherOptions {
    @Option(names = {"-d", "--dir"}, paramLabel = "DIR", defaultValue = "${env:ORDO_NETWORK_DIR:-.network}",
            description = "Directory holding everything of the network (default: $ORDO_NETWORK_DIR or"
                    + " ./.network; the ordo-network script uses <repo>/.network).")
    Path dir;

    @Option(names = "--home", paramLabel = "DIR",
            defaultValue = "${sys:ordo.deploy.home:-${env:ORDO_DEPLOY_HOME}}",
            description = "The deploy module's target/ folder, holding nodes/ and contracts/ (default: the"
                    + " launcher jar's folder).")
    Path home;

    NetworkDirectory directory() {
        return new NetworkDirectory(dir);
    }

    NodeJars jars() throws IOException {
        return NodeJars.inBuild(home != null ? home : launcherFolder());
    }

    private static Path launcherFolder() throws IOException {
        try {
            Path location = Path.of(LauncherOptions.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return Files.isDirectory(location) ? location.getParent() : location.getParent();
        } catch (URISyntaxException | SecurityException | NullPointerException e) {
            throw new IOException("cannot tell where the launcher runs from; pass --home <deploy/target>", e);
        }
    }
}
