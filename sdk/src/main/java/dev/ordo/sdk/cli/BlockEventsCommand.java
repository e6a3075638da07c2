package dev.ordo.sdk.cli;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.ordo.proto.wire.TransactionsFilter;
import dev.ordo.proto.wire.WireFormatException;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.ChannelHeader;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.Payload;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code ordo events blocks}: follows committed blocks, one summary per block. */
@Command(name = "blocks", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Follow committed blocks of a channel (peer Deliver service) and print, per block, its number, "
                + "transaction count and each transaction's id, type and validation code."},
        footer = {"", "Example:", "  ordo events blocks -p network.yaml --org Org1MSP -C mychannel \\",
                "      --start 0 --checkpoint-file blocks.chk"})
final class BlockEventsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    GatewayOptions gatewayOptions;

    @Mixin
    EventStreamOptions stream;

    @Override
    public Integer call() throws CommandFailure {
        stream.validate(spec.commandLine());
        try (GatewayOptions.Connection connection = gatewayOptions.connect()) {
            PrintWriter out = spec.commandLine().getOut();
            return stream.follow(connection,
                    connection.gateway().getNetwork(connection.channel()).newBlockEventsRequest(),
                    block -> print(out, block),
                    (checkpointer, block) -> checkpointer.checkpointBlock(block.getHeader().getNumber()));
        }
    }

    private static void print(PrintWriter out, Block block) {
        int count = block.getData().getDataCount();
        out.println("block " + block.getHeader().getNumber() + ": " + count + (count == 1 ? " transaction" : " transactions"));
        TransactionsFilter filter;
        try {
            filter = TransactionsFilter.of(block);
        } catch (WireFormatException e) {
            filter = null;
        }
        for (int i = 0; i < count; i++) {
            String code = filter == null ? "UNKNOWN" : filter.get(i).name();
            out.println("  " + describeTransaction(block, i) + " " + code);
        }
        out.flush();
    }

    private static String describeTransaction(Block block, int index) {
        try {
            Envelope envelope = Envelope.parseFrom(block.getData().getData(index));
            ChannelHeader header = ChannelHeader.parseFrom(Payload.parseFrom(envelope.getPayload()).getHeader()
                    .getChannelHeader());
            String txId = header.getTxId().isEmpty() ? "(no tx id)" : header.getTxId();
            return txId + " " + (header.getType() == 3 ? "ENDORSER_TRANSACTION" : header.getType() == 1 ? "CONFIG"
                    : "type " + header.getType());
        } catch (InvalidProtocolBufferException e) {
            return "(unparseable envelope)";
        }
    }
}
