package dev.ordo.proto.wire;

import com.google.protobuf.ByteString;
import org.hyperledger.fabric.protos.ledger.rwset.TxReadWriteSet;
import org.hyperledger.fabric.protos.peer.ChaincodeAction;
import org.hyperledger.fabric.protos.peer.ChaincodeEvent;
import org.hyperledger.fabric.protos.peer.ChaincodeID;
import org.hyperledger.fabric.protos.peer.Endorsement;
import org.hyperledger.fabric.protos.peer.ProposalResponse;
import org.hyperledger.fabric.protos.peer.ProposalResponsePayload;
import org.hyperledger.fabric.protos.peer.Response;

/**
 * The endorser's answer to a proposal, with Fabric's bytes: a {@code ProposalResponsePayload}
 * binding the proposal hash to the {@code ChaincodeAction}, signed by the endorser over
 * {@code prp bytes ‖ endorser identity bytes}.
 */
public final class ProposalResponses {
    /** Fabric answers with version 1 for a good response. */
    public static final int VERSION = 1;
    /** Contract responses at or above this status are errors and carry no endorsement. */
    public static final int ERROR_THRESHOLD = 400;

    private ProposalResponses() {
    }

    /**
     * The endorsed response to {@code proposal}: the contract ran with {@code response}, producing
     * {@code results} and {@code event} (null for none).
     *
     * @throws IllegalArgumentException if {@code response} is an error status, which Fabric
     *     never endorses: use {@link #failure}
     */
    public static ProposalResponse endorse(SignedProposalView proposal, String chaincodeVersion, Response response,
            TxReadWriteSet results, ChaincodeEvent event, MessageSigner endorser) {
        if (response.getStatus() >= ERROR_THRESHOLD) {
            throw new IllegalArgumentException("a response with status " + response.getStatus() + " is not endorsed");
        }
        ChaincodeAction.Builder action = ChaincodeAction.newBuilder()
                .setResults(results.toByteString())
                .setResponse(response)
                .setChaincodeId(ChaincodeID.newBuilder().setName(proposal.chaincodeName()).setVersion(chaincodeVersion));
        if (event != null) {
            action.setEvents(event.toByteString());
        }
        ByteString prp = ProposalResponsePayload.newBuilder()
                .setProposalHash(proposal.proposalHash())
                .setExtension(action.build().toByteString())
                .build().toByteString();
        ByteString endorserIdentity = ByteString.copyFrom(endorser.serializedIdentity());
        byte[] signature = endorser.sign(prp.concat(endorserIdentity).toByteArray());
        return ProposalResponse.newBuilder()
                .setVersion(VERSION)
                .setResponse(response)
                .setPayload(prp)
                .setEndorsement(Endorsement.newBuilder()
                        .setEndorser(endorserIdentity)
                        .setSignature(ByteString.copyFrom(signature)))
                .build();
    }

    /** An unendorsed error response, as Fabric returns for a failed contract or a rejected proposal. */
    public static ProposalResponse failure(int status, String message) {
        return ProposalResponse.newBuilder()
                .setVersion(VERSION)
                .setResponse(Response.newBuilder().setStatus(status).setMessage(message))
                .build();
    }
}
