package dev.ordo.proto.wire;

import com.google.protobuf.ByteString;

/**
 * The proposal hash an endorser puts into {@code ProposalResponsePayload.proposal_hash}:
 * SHA-256(channel header bytes ‖ signature header bytes ‖ ChaincodeProposalPayload bytes
 * without the transient map). The header parts are the raw byte fields of the proposal's
 * {@code Header}, not a re-marshalled message.
 */
public final class ProposalHashes {
    private ProposalHashes() {
    }

    public static ByteString compute(ByteString channelHeader, ByteString signatureHeader,
            ByteString proposalPayloadWithoutTransient) {
        return ByteString.copyFrom(Sha256.digest(channelHeader, signatureHeader, proposalPayloadWithoutTransient));
    }
}
