package dev.ordo.ledgernode.endorse;

import org.hyperledger.fabric.protos.peer.ProposalResponse;

/**
 * What the endorser answered to one proposal and why: the response goes back over
 * {@code ProcessProposal} unchanged; the kind lets the gateway map failures to the gRPC status
 * the official clients expect.
 *
 * @param txId the proposal's transaction id, or null if the proposal did not parse
 */
public record EndorsementOutcome(Kind kind, ProposalResponse response, String txId) {
    public enum Kind {
        /** The contract succeeded and the response carries an endorsement. */
        ENDORSED,
        /** The proposal was refused before the contract ran (malformed, unknown channel or contract, duplicate). */
        REJECTED,
        /** The creator is not valid, its signature does not verify or it fails the channel's access policy. */
        DENIED,
        /** The contract ran and returned an error status. */
        CONTRACT_ERROR
    }

    public boolean endorsed() {
        return kind == Kind.ENDORSED;
    }

    public String message() {
        return response.getResponse().getMessage();
    }
}
