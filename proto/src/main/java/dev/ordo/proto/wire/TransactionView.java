package dev.ordo.proto.wire;


import static dev.ordo.proto.wire.Decoding.parseRequired;
import static dev.ordo.proto.wire.Decoding.require;

import com.google.protobuf.ByteString;
import java.util.ArrayList;
import java.util.List;
import org.hyperledger.fabric.protos.peer.ChaincodeAction;
import org.hyperledger.fabric.protos.peer.ChaincodeActionPayload;
import org.hyperledger.fabric.protos.peer.ChaincodeEndorsedAction;
import org.hyperledger.fabric.protos.peer.ChaincodeEvent;
import org.hyperledger.fabric.protos.peer.ChaincodeInvocationSpec;
import org.hyperledger.fabric.protos.peer.ChaincodeProposalPayload;
import org.hyperledger.fabric.protos.peer.Endorsement;
import org.hyperledger.fabric.protos.peer.ProposalResponsePayload;
import org.hyperledger.fabric.protos.peer.Response;
import org.hyperledger.fabric.protos.peer.Transaction;
import org.hyperledger.fabric.protos.peer.TransactionAction;
import org.hyperledger.fabric.protos.peer.TxValidationCode;

/**
 * The checked body of an ENDORSER_TRANSACTION envelope: its single action, the invocation,
 * the endorsed {@code ChaincodeAction} (response, read/write set, events) and the endorsements.
 *
 * <p>Checked on parse, as Fabric's committer does: exactly one action; the proposal hash in
 * the ProposalResponsePayload equals SHA-256(channel header ‖ action header ‖ proposal payload).
 * Ordo also requires the action header to equal the envelope's signature header (the endorsers
 * saw the same creator that signed the envelope), no transient map in the transaction, and at
 * least one endorsement. Whether the header's chaincode name equals the action's is exposed by
 * {@link #chaincodeNameMatchesAction()} for the validator to decide.
 */
public final class TransactionView {
    private final String chaincodeName;
    private final ByteString chaincodeProposalPayloadBytes;
    private final ChaincodeInvocationSpec invocationSpec;
    private final ByteString proposalResponsePayloadBytes;
    private final ProposalResponsePayload proposalResponsePayload;
    private final ChaincodeAction chaincodeAction;
    private final ReadWriteSetView readWriteSet;
    private final ChaincodeEvent event;
    private final List<Endorsement> endorsements;

    private TransactionView(String chaincodeName, ByteString chaincodeProposalPayloadBytes,
            ChaincodeInvocationSpec invocationSpec, ByteString proposalResponsePayloadBytes,
            ProposalResponsePayload proposalResponsePayload, ChaincodeAction chaincodeAction,
            ReadWriteSetView readWriteSet, ChaincodeEvent event, List<Endorsement> endorsements) {
        this.chaincodeName = chaincodeName;
        this.chaincodeProposalPayloadBytes = chaincodeProposalPayloadBytes;
        this.invocationSpec = invocationSpec;
        this.proposalResponsePayloadBytes = proposalResponsePayloadBytes;
        this.proposalResponsePayload = proposalResponsePayload;
        this.chaincodeAction = chaincodeAction;
        this.readWriteSet = readWriteSet;
        this.event = event;
        this.endorsements = List.copyOf(endorsements);
    }

    /** Parses {@code Payload.data} of an envelope whose header is {@code header}. */
    public static TransactionView parse(HeaderView header, ByteString data) throws WireFormatException {
        TxValidationCode invalid = TxValidationCode.INVALID_ENDORSER_TRANSACTION;
        String chaincodeName = EndorserParts.headerChaincodeName(header.channelHeader());
        Transaction transaction = parseRequired(Transaction.parser(), data, "Payload.data", "Transaction",
                TxValidationCode.BAD_PAYLOAD);
        require(transaction.getActionsCount() == 1, invalid,
                "Transaction.actions: exactly one action is supported, found " + transaction.getActionsCount());
        TransactionAction action = transaction.getActions(0);
        require(action.getHeader().equals(header.signatureHeaderBytes()), invalid,
                "TransactionAction.header: differs from the envelope's signature header");

        ChaincodeActionPayload actionPayload = parseRequired(ChaincodeActionPayload.parser(), action.getPayload(),
                "TransactionAction.payload", "ChaincodeActionPayload", invalid);
        ChaincodeProposalPayload proposalPayload = EndorserParts.proposalPayload(
                actionPayload.getChaincodeProposalPayload(), "ChaincodeActionPayload.chaincode_proposal_payload",
                invalid);
        require(proposalPayload.getTransientMapCount() == 0, invalid,
                "ChaincodeProposalPayload.TransientMap: transient data must not be in a transaction");
        ChaincodeInvocationSpec spec = EndorserParts.invocationSpec(proposalPayload, chaincodeName, invalid);
        require(actionPayload.hasAction(), invalid, "ChaincodeActionPayload.action: missing");
        ChaincodeEndorsedAction endorsed = actionPayload.getAction();

        ByteString prpBytes = endorsed.getProposalResponsePayload();
        ProposalResponsePayload prp = parseRequired(ProposalResponsePayload.parser(), prpBytes,
                "ChaincodeEndorsedAction.proposal_response_payload", "ProposalResponsePayload",
                TxValidationCode.BAD_RESPONSE_PAYLOAD);
        ByteString expectedHash = ProposalHashes.compute(header.channelHeaderBytes(), action.getHeader(),
                actionPayload.getChaincodeProposalPayload());
        require(prp.getProposalHash().equals(expectedHash), invalid,
                "ProposalResponsePayload.proposal_hash: does not match the transaction's headers and proposal payload");
        ChaincodeAction chaincodeAction = parseRequired(ChaincodeAction.parser(), prp.getExtension(),
                "ProposalResponsePayload.extension", "ChaincodeAction", TxValidationCode.BAD_RESPONSE_PAYLOAD);
        require(chaincodeAction.hasChaincodeId() && !chaincodeAction.getChaincodeId().getName().isEmpty(),
                TxValidationCode.BAD_RESPONSE_PAYLOAD, "ChaincodeAction.chaincode_id.name: missing");
        ReadWriteSetView rwSet = ReadWriteSetView.parse(chaincodeAction.getResults());
        ChaincodeEvent event = chaincodeAction.getEvents().isEmpty() ? null
                : Decoding.parse(ChaincodeEvent.parser(), chaincodeAction.getEvents(), "ChaincodeAction.events",
                        "ChaincodeEvent", TxValidationCode.INVALID_OTHER_REASON);

        require(endorsed.getEndorsementsCount() > 0, TxValidationCode.ENDORSEMENT_POLICY_FAILURE,
                "ChaincodeEndorsedAction.endorsements: none");
        for (int i = 0; i < endorsed.getEndorsementsCount(); i++) {
            Endorsement endorsement = endorsed.getEndorsements(i);
            require(!endorsement.getEndorser().isEmpty(), TxValidationCode.ENDORSEMENT_POLICY_FAILURE,
                    "Endorsement[" + i + "].endorser: missing");
            require(!endorsement.getSignature().isEmpty(), TxValidationCode.ENDORSEMENT_POLICY_FAILURE,
                    "Endorsement[" + i + "].signature: missing");
        }
        return new TransactionView(chaincodeName, actionPayload.getChaincodeProposalPayload(), spec, prpBytes, prp,
                chaincodeAction, rwSet, event, endorsed.getEndorsementsList());
    }

    /** The chaincode named in the channel header's ChaincodeHeaderExtension (the invoked contract). */
    public String chaincodeName() {
        return chaincodeName;
    }

    /** True when the header's chaincode name equals {@code ChaincodeAction.chaincode_id.name}. */
    public boolean chaincodeNameMatchesAction() {
        return chaincodeName.equals(chaincodeAction.getChaincodeId().getName());
    }

    /** The ChaincodeProposalPayload bytes carried by the transaction (no transient map). */
    public ByteString chaincodeProposalPayloadBytes() {
        return chaincodeProposalPayloadBytes;
    }

    public ChaincodeInvocationSpec invocationSpec() {
        return invocationSpec;
    }

    /** The invocation arguments; {@code args[0]} is the transaction name. */
    public List<ByteString> args() {
        return invocationSpec.getChaincodeSpec().getInput().getArgsList();
    }

    public ByteString proposalResponsePayloadBytes() {
        return proposalResponsePayloadBytes;
    }

    public ProposalResponsePayload proposalResponsePayload() {
        return proposalResponsePayload;
    }

    public ChaincodeAction chaincodeAction() {
        return chaincodeAction;
    }

    public Response response() {
        return chaincodeAction.getResponse();
    }

    public ReadWriteSetView readWriteSet() {
        return readWriteSet;
    }

    /** The contract's event, or {@code null} when it set none. */
    public ChaincodeEvent event() {
        return event;
    }

    public List<Endorsement> endorsements() {
        return endorsements;
    }

    /** Per endorsement: data = prp ‖ endorser, the endorser identity and its signature. */
    public List<SignedContent> endorsementSignedContents() {
        List<SignedContent> contents = new ArrayList<>(endorsements.size());
        for (Endorsement endorsement : endorsements) {
            contents.add(new SignedContent(proposalResponsePayloadBytes.concat(endorsement.getEndorser()),
                    endorsement.getEndorser(), endorsement.getSignature()));
        }
        return contents;
    }
}
