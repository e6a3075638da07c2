package dev.ordo.sdk.cli;

import dev.ordo.sdk.GatewayErrors;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.hyperledger.fabric.client.CommitStatusException;
import org.hyperledger.fabric.client.EndorseException;
import org.hyperledger.fabric.client.Status;
import org.hyperledger.fabric.client.SubmitException;
import org.hyperledger.fabric.client.SubmittedTransaction;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code ordo submit}: endorses, orders and waits for the commit of a transaction. */
@Command(name = "submit", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Submit a transaction: have it endorsed, send it for ordering, wait until it is committed and "
                + "print its result, transaction id, validation code and block number.",
                "Exits with 1 if endorsement, submission or the commit-status call fails, or if the transaction "
                        + "commits with a validation code other than VALID."},
        footer = {"", "Example:",
                "  ordo submit -p network.yaml --org Org1MSP -C mychannel \\",
                "      --contract basic CreateAsset asset1 blue 5 Tom 300"})
final class SubmitCommand implements Callable<Integer> {
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
                SubmittedTransaction submitted = transaction.proposal(connection.gateway().getNetwork(connection.channel())
                        .getContract(transaction.contract)).endorse().submitAsync();
                Status status = submitted.getStatus();
                PrintWriter out = spec.commandLine().getOut();
                out.println(PayloadText.of(submitted.getResult(), transaction.hex));
                out.println("transaction: " + status.getTransactionId());
                out.println("status: " + status.getCode());
                out.println("block: " + status.getBlockNumber());
                out.flush();
                if (!status.isSuccessful()) {
                    throw new CommandFailure(ExitCodes.FAILED, "transaction " + status.getTransactionId()
                            + " was committed as invalid in block " + status.getBlockNumber() + ": " + status.getCode(), null);
                }
                return ExitCodes.OK;
            } catch (EndorseException | SubmitException | CommitStatusException e) {
                throw new CommandFailure(ExitCodes.FAILED, GatewayErrors.describe(e, connection.gateway().peer()), e);
            }
        }
    }
}
