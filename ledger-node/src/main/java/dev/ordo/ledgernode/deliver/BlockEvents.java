package dev.ordo.ledgernode.deliver;

import dev.ordo.proto.wire.EnvelopeView;
import dev.ordo.proto.wire.TransactionsFilter;
import dev.ordo.proto.wire.WireFormatException;
import java.util.ArrayList;
import java.util.List;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.HeaderType;
import org.hyperledger.fabric.protos.peer.ChaincodeEvent;
import org.hyperledger.fabric.protos.peer.FilteredBlock;
import org.hyperledger.fabric.protos.peer.FilteredChaincodeAction;
import org.hyperledger.fabric.protos.peer.FilteredTransaction;
import org.hyperledger.fabric.protos.peer.FilteredTransactionActions;
import org.hyperledger.fabric.protos.peer.TxValidationCode;

/**
 * What clients read out of a committed block: the chaincode events of its valid transactions
 * and Fabric's filtered block (tx id, type, validation code, events without payload).
 */
public final class BlockEvents {
    private BlockEvents() {
    }

    /** A chaincode event with the position of the transaction that emitted it. */
    public record PositionedEvent(int txIndex, ChaincodeEvent event) {
    }

    /** The events {@code contract} emitted in valid transactions of {@code block}, in block order. */
    public static List<PositionedEvent> chaincodeEvents(Block block, String contract) {
        TransactionsFilter filter = filterOf(block);
        List<PositionedEvent> events = new ArrayList<>();
        for (int i = 0; i < block.getData().getDataCount(); i++) {
            if (filter == null || !filter.isValid(i)) {
                continue;
            }
            ChaincodeEvent event = eventOf(block, i);
            if (event != null && event.getChaincodeId().equals(contract) && !event.getEventName().isEmpty()) {
                events.add(new PositionedEvent(i, event));
            }
        }
        return events;
    }

    public static FilteredBlock filtered(Block block, String channelId) {
        TransactionsFilter filter = filterOf(block);
        FilteredBlock.Builder filtered = FilteredBlock.newBuilder()
                .setChannelId(channelId)
                .setNumber(block.getHeader().getNumber());
        for (int i = 0; i < block.getData().getDataCount(); i++) {
            TxValidationCode code = filter == null ? TxValidationCode.NOT_VALIDATED : filter.get(i);
            FilteredTransaction.Builder tx = FilteredTransaction.newBuilder().setTxValidationCode(code);
            try {
                EnvelopeView envelope = EnvelopeView.parse(block.getData().getData(i));
                tx.setTxid(envelope.txId()).setType(envelope.headerType());
                if (envelope.headerType() == HeaderType.ENDORSER_TRANSACTION) {
                    FilteredChaincodeAction.Builder action = FilteredChaincodeAction.newBuilder();
                    ChaincodeEvent event = envelope.transaction().event();
                    if (event != null && !event.getEventName().isEmpty()) {
                        action.setChaincodeEvent(event.toBuilder().clearPayload());
                    }
                    tx.setTransactionActions(FilteredTransactionActions.newBuilder().addChaincodeActions(action));
                }
            } catch (WireFormatException e) {
                EnvelopeView.txIdOf(block.getData().getData(i)).ifPresent(tx::setTxid);
            }
            filtered.addFilteredTransactions(tx);
        }
        return filtered.build();
    }

    private static ChaincodeEvent eventOf(Block block, int index) {
        try {
            EnvelopeView envelope = EnvelopeView.parse(block.getData().getData(index));
            if (envelope.headerType() != HeaderType.ENDORSER_TRANSACTION) {
                return null;
            }
            return envelope.transaction().event();
        } catch (WireFormatException e) {
            return null;
        }
    }

    private static TransactionsFilter filterOf(Block block) {
        try {
            return TransactionsFilter.of(block);
        } catch (WireFormatException e) {
            return null;
        }
    }
}
