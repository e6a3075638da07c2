package dev.ordo.sdk.cli;

import dev.ordo.membership.cryptogen.CryptoLayout;
import dev.ordo.membership.cryptogen.CryptoMaterialGenerator;
import dev.ordo.membership.cryptogen.NetworkSpec;
import dev.ordo.membership.cryptogen.NetworkSpecYaml;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ordo crypto}: crypto material commands. */
@Command(name = "crypto", mixinStandardHelpOptions = true,
        description = "Crypto material for a network, in Fabric cryptogen's layout.",
        subcommands = CryptoCommand.Generate.class)
final class CryptoCommand {

    /** {@code ordo crypto generate}: membership's generator from a cryptogen-style YAML. */
    @Command(name = "generate", mixinStandardHelpOptions = true, sortOptions = false,
            description = {"Generate CAs, TLS CAs, MSP folders, node and user keys and certificates for every "
                    + "organisation of a cryptogen-style crypto-config.yaml (OrdererOrgs, PeerOrgs with Specs, "
                    + "Template, Users), below OUTPUT/organizations. Existing organisation folders are never overwritten."},
            footer = {"", "Example:", "  ordo crypto generate --config crypto-config.yaml --output ./network"})
    static final class Generate implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = {"-c", "--config"}, required = true, paramLabel = "FILE", description = "crypto-config.yaml to read.")
        Path config;

        @Option(names = {"-O", "--output"}, required = true, paramLabel = "DIR", description = "Folder to write into.")
        Path output;

        @Override
        public Integer call() throws CommandFailure {
            if (!Files.isRegularFile(config)) {
                throw new CommandFailure(ExitCodes.BAD_CONFIGURATION, "--config " + config + ": no such file", null);
            }
            NetworkSpec network;
            try {
                network = NetworkSpecYaml.read(config);
            } catch (IOException e) {
                throw new CommandFailure(ExitCodes.BAD_CONFIGURATION, e.getMessage(), e);
            }
            try {
                CryptoMaterialGenerator.generate(network, output);
            } catch (IOException | IllegalArgumentException e) {
                throw new CommandFailure(ExitCodes.FAILED, "cannot generate crypto material: " + e.getMessage(), e);
            }
            spec.commandLine().getOut().println("crypto material for " + network.ordererOrganizations().size()
                    + " orderer and " + network.peerOrganizations().size() + " peer organisations written to "
                    + CryptoLayout.of(output).organizations());
            spec.commandLine().getOut().flush();
            return ExitCodes.OK;
        }
    }
}
