package dev.ordo.ledgernode.endorse;

import dev.ordo.membership.policy.ChannelPolicies;
import io.grpc.stub.StreamObserver;
import org.hyperledger.fabric.protos.peer.EndorserGrpc;
import org.hyperledger.fabric.protos.peer.ProposalResponse;
import org.hyperledger.fabric.protos.peer.SignedProposal;

/** Fabric's {@code protos.Endorser} service: ProcessProposal with the Writers access policy, as Fabric's peer/Propose ACL. */
public final class EndorserService extends EndorserGrpc.EndorserImplBase {
    private final ProposalEndorser endorser;

    public EndorserService(ProposalEndorser endorser) {
        this.endorser = endorser;
    }

    @Override
    public void processProposal(SignedProposal request, StreamObserver<ProposalResponse> responseObserver) {
        responseObserver.onNext(endorser.process(request, ChannelPolicies.WRITERS).response());
        responseObserver.onCompleted();
    }
}
