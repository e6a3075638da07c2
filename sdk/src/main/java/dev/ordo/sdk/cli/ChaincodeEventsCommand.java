package dev.ordo.sdk.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.hyperledger.fabric.client.FileCheckpointer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ordo events chaincode}: follows the events one contract emits in valid transactions. */
@Command(name = "chaincode", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Follow the events a contract emits (setEvent) in committed, valid transactions and print "
                + "block, transaction id, event name and payload of each."},
        footer = {"", "Example:", "  ordo events chaincode -p network.yaml --org Org1MSP -C mychannel \\",
                "      --contract basic --checkpoint-file basic.chk"})
final class ChaincodeEventsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    GatewayOptions gatewayOptions;

    @Option(names = {"-n", "--contract"}, required = true, paramLabel = "NAME", description = "Contract (chaincode) name.")
    String contract;

    @Mixin
    EventStreamOptions stream;

    @Option(names = "--hex", description = "Print payloads as hex even if they are text.")
    boolean hex;

    @Override
    public Integer call() throws CommandFailure {
        stream.validate(spec.commandLine());
        try (GatewayOptions.Connection connection = gatewayOptions.connect()) {
            PrintWriter out = spec.commandLine().getOut();
            return stream.follow(connection,
                    connection.gateway().getNetwork(connection.channel()).newChaincodeEventsRequest(contract),
                    event -> {
                        out.println("block " + event.getBlockNumber() + " tx " + event.getTransactionId() + " event "
                                + event.getEventName() + " payload " + PayloadText.of(event.getPayload(), hex));
                        out.flush();
                    },
                    FileCheckpointer::checkpointChaincodeEvent);
        }
    }
}
