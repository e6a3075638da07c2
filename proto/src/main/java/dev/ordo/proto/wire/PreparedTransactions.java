package dev.ordo.proto.wire;

import static dev.ordo.proto.wire.Decoding.parseRequired;
import static dev.ordo.proto.wire.Decoding.require;

import com.google.protobuf.ByteString;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.Payload;
import org.hyperledger.fabric.protos.peer.ChaincodeActionPayload;
import org.hyperledger.fabric.protos.peer.ChaincodeEndorsedAction;
import org.hyperledger.fabric.protos.peer.Endorsement;
import org.hyperledger.fabric.protos.peer.ProposalResponse;
import org.hyperledger.fabric.protos.peer.ProposalResponsePayload;
import org.hyperledger.fabric.protos.peer.Transaction;
import org.hyperledger.fabric.protos.peer.TransactionAction;
import org.hyperledger.fabric.protos.peer.TxValidationCode;

/**
 * Builds the unsigned transaction envelope the Gateway's Endorse returns, exactly as Fabric's
 * gateway does: {@code Payload{header = the proposal's Header, data = Transaction{[TransactionAction{
 * header = signature header bytes, payload = ChaincodeActionPayload{proposal payload without
 * transient, ChaincodeEndorsedAction{prp bytes, endorsements}}}]}}}.
 */
public final class PreparedTransactions {
    /** Fabric's gateway text for endorsers that disagree; clients and operators search for it. */
    public static final String PAYLOADS_DO_NOT_MATCH = "ProposalResponsePayloads do not match";

    private PreparedTransactions() {
    }

    /**
     * Assembles the prepared transaction from the endorsers' responses.
     *
     * @throws WireFormatException if there is no response, a response has status &lt; 200 or
     *     &ge; 400 or no endorsement, a payload is not for this proposal, or the payloads differ
     *     ({@value #PAYLOADS_DO_NOT_MATCH})
     */
    public static Envelope assemble(SignedProposalView proposal, List<ProposalResponse> responses)
            throws WireFormatException {
        TxValidationCode code = TxValidationCode.ENDORSEMENT_POLICY_FAILURE;
        require(!responses.isEmpty(), code, "ProposalResponses: none to assemble");
        ByteString prpBytes = responses.get(0).getPayload();
        List<Endorsement> endorsements = new ArrayList<>(responses.size());
        Set<ByteString> endorsers = new HashSet<>();
        for (int i = 0; i < responses.size(); i++) {
            ProposalResponse response = responses.get(i);
            int status = response.getResponse().getStatus();
            require(status >= 200 && status < 400, code, "ProposalResponse[" + i + "].response.status: " + status
                    + " is not successful (" + response.getResponse().getMessage() + ")");
            require(response.hasEndorsement() && !response.getEndorsement().getEndorser().isEmpty()
                    && !response.getEndorsement().getSignature().isEmpty(), code,
                    "ProposalResponse[" + i + "].endorsement: missing");
            require(response.getPayload().equals(prpBytes), code, PAYLOADS_DO_NOT_MATCH);
            if (endorsers.add(response.getEndorsement().getEndorser())) {
                endorsements.add(response.getEndorsement());
            }
        }
        ProposalResponsePayload prp = parseRequired(ProposalResponsePayload.parser(), prpBytes,
                "ProposalResponse.payload", "ProposalResponsePayload", TxValidationCode.BAD_RESPONSE_PAYLOAD);
        require(prp.getProposalHash().equals(proposal.proposalHash()), TxValidationCode.BAD_RESPONSE_PAYLOAD,
                "ProposalResponsePayload.proposal_hash: is not the hash of proposal " + proposal.txId());

        ChaincodeActionPayload actionPayload = ChaincodeActionPayload.newBuilder()
                .setChaincodeProposalPayload(proposal.payloadWithoutTransient())
                .setAction(ChaincodeEndorsedAction.newBuilder()
                        .setProposalResponsePayload(prpBytes)
                        .addAllEndorsements(endorsements))
                .build();
        Transaction transaction = Transaction.newBuilder()
                .addActions(TransactionAction.newBuilder()
                        .setHeader(proposal.header().signatureHeaderBytes())
                        .setPayload(actionPayload.toByteString()))
                .build();
        Payload payload = Payload.newBuilder()
                .setHeader(proposal.header().header())
                .setData(transaction.toByteString())
                .build();
        return Envelope.newBuilder().setPayload(payload.toByteString()).build();
    }
}
