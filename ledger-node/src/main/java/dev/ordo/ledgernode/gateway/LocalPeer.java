package dev.ordo.ledgernode.gateway;

import dev.ordo.ledgernode.endorse.EndorsementOutcome;
import dev.ordo.ledgernode.endorse.ProposalEndorser;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.hyperledger.fabric.protos.peer.SignedProposal;

/** This node's own endorser, called in-process. */
final class LocalPeer implements EndorsingPeer {
    private final String address;
    private final ProposalEndorser endorser;
    private final Executor executor;

    LocalPeer(String address, ProposalEndorser endorser, Executor executor) {
        this.address = address;
        this.endorser = endorser;
        this.executor = executor;
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
        return CompletableFuture.supplyAsync(() -> endorser.process(proposal, accessPolicy), executor);
    }
}
