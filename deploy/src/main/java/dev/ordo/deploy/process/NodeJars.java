package dev.ordo.deploy.process;

import dev.ordo.deploy.topology.NodeKind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * The executable jars the nodes run from and the folder of sample contract jars.
 *
 * @param ordererJar the ordering service's Spring Boot jar
 * @param ledgerNodeJar the ledger node's Spring Boot jar
 * @param contractsDir holds {@code asset-transfer.jar} and {@code token.jar}
 */
public record NodeJars(Path ordererJar, Path ledgerNodeJar, Path contractsDir) {
    public NodeJars {
        Objects.requireNonNull(ordererJar, "ordererJar");
        Objects.requireNonNull(ledgerNodeJar, "ledgerNodeJar");
        Objects.requireNonNull(contractsDir, "contractsDir");
    }

    /**
     * Where a build of this repository puts them, given the deploy module's {@code target/}
     * folder: {@code target/nodes/ordering-service.jar}, the ledger node's
     * {@code ledger-node/target/ordo-ledger-node-<version>-exec.jar} (else
     * {@code target/nodes/ledger-node.jar}) and {@code target/contracts/}.
     */
    public static NodeJars inBuild(Path deployTarget) throws IOException {
        Path nodes = deployTarget.resolve("nodes");
        Path ledger = findExecJar(deployTarget.resolve("../../ledger-node/target").normalize(), "ordo-ledger-node-")
                .orElse(nodes.resolve("ledger-node.jar"));
        return new NodeJars(nodes.resolve("ordering-service.jar"), ledger, deployTarget.resolve("contracts"));
    }

    private static java.util.Optional<Path> findExecJar(Path dir, String prefix) throws IOException {
        if (!Files.isDirectory(dir)) {
            return java.util.Optional.empty();
        }
        try (var files = Files.list(dir)) {
            return files.filter(p -> {
                String name = p.getFileName().toString();
                return name.startsWith(prefix) && name.endsWith("-exec.jar");
            }).sorted().findFirst();
        }
    }

    public Path jarOf(NodeKind kind) {
        return kind == NodeKind.ORDERER ? ordererJar : ledgerNodeJar;
    }

    /**
     * Checks that the jars needed for these node kinds exist.
     *
     * @throws IOException saying which jar is missing and how to build it
     */
    public void requireFor(boolean withPeers) throws IOException {
        requireFile(ordererJar, "the ordering service's executable jar",
                "build it with 'mvn -B -q install -DskipTests' (module ordering-service, classifier exec)");
        if (withPeers) {
            requireFile(ledgerNodeJar, "the ledger node's executable jar",
                    "build it with 'mvn -B -q install -DskipTests'; the ledger-node module must produce"
                            + " ordo-ledger-node-<version>-exec.jar (spring-boot repackage, classifier exec)."
                            + " To start the orderers alone, run 'up --orderers-only'");
            requireFile(contractsDir.resolve("asset-transfer.jar"), "the asset-transfer sample contract",
                    "build it with 'mvn -B -q install -DskipTests'");
            requireFile(contractsDir.resolve("token.jar"), "the token sample contract",
                    "build it with 'mvn -B -q install -DskipTests'");
        }
    }

    private static void requireFile(Path file, String what, String hint) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException(what + " is missing: " + file + " — " + hint);
        }
    }
}
