package dev.ordo.ledgernode.gateway;

import dev.ordo.ledgernode.endorse.EndorsementOutcome;
import dev.ordo.ledgernode.endorse.ProposalEndorser;
import java.util.concurrent.CompletableFuture;
import org.hyperledger.fabric.protos.peer.SignedProposal;

/**
 * This node's own endorser, called in-process on the caller's thread (the gateway's handler
 * thread, which would otherwise only wait): no hand-off to another thread and back.
 */
final class LocalPeer implements EndorsingPeer {
    private final String address;
    private final ProposalEndorser endorser;

    LocalPeer(String address, ProposalEndorser endorser) {
        this.address = address;
        this.endorser = endorser;
    }

    @Override
    public String address() {
        return address;
    }

    @Override
    public String mspId() {
        return endorser.mspId();
    }

    @Override
    public CompletableFuture<EndorsementOutcome> endorse(SignedProposal proposal, String accessPolicy,
            long deadlineNanos) {
        try {
            return CompletableFuture.completedFuture(endorser.process(proposal, accessPolicy));
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    @Override
    public boolean inProcess() {
        return true;
    }
}
