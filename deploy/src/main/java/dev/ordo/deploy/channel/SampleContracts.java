package dev.ordo.deploy.channel;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * The sample contracts the local network defines: the asset-transfer sample as {@code basic}
 * (the name Fabric's asset-transfer-basic applications use) and the token sample as {@code token}.
 */
public final class SampleContracts {
    public static final String VERSION = "1.0";

    private SampleContracts() {
    }

    /** Hashes {@code asset-transfer.jar} and {@code token.jar} in {@code contractsDir}. */
    public static List<ContractJar> in(Path contractsDir) throws IOException {
        return List.of(
                ContractJar.of("basic", VERSION, contractsDir.resolve("asset-transfer.jar")),
                ContractJar.of("token", VERSION, contractsDir.resolve("token.jar")));
    }
}
