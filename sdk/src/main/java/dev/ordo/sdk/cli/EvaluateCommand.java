package dev.ordo.sdk.cli;

import dev.ordo.sdk.GatewayErrors;
import java.util.concurrent.Callable;
import org.hyperledger.fabric.client.GatewayException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code ordo evaluate}: runs a transaction function on one peer without ordering it (a query). */
@Command(name = "evaluate", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Evaluate a transaction: run it on a gateway peer and print its result, without ordering or "
                + "committing anything (a query)."},
        footer = {"", "Example:", "  ordo evaluate -p network.yaml --org Org1MSP -C mychannel \\",
                "      --contract basic ReadAsset asset1"})
final class EvaluateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    GatewayOptions gatewayOptions;

    @Mixin
    TransactionOptions transaction;

    @Override
    public Integer call() throws CommandFailure {
        try (GatewayOptions.Connection connection = gatewayOptions.connect()) {
            try {
                byte[] result = transaction.proposal(connection.gateway().getNetwork(connection.channel())
                        .getContract(transaction.contract)).evaluate();
                spec.commandLine().getOut().println(PayloadText.of(result, transaction.hex));
                spec.commandLine().getOut().flush();
                return ExitCodes.OK;
            } catch (GatewayException e) {
                throw new CommandFailure(ExitCodes.FAILED, GatewayErrors.describe(e, connection.gateway().peer()), e);
            }
        }
    }
}
