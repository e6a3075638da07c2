package dev.ordo.ledgernode.endorse;

import dev.ordo.ledgernode.remote.HandlerPool;
import dev.ordo.membership.policy.ChannelPolicies;
import io.grpc.stub.StreamObserver;
import org.hyperledger.fabric.protos.peer.EndorserGrpc;
import org.hyperledger.fabric.protos.peer.ProposalResponse;
import org.hyperledger.fabric.protos.peer.SignedProposal;

/**
 * Fabric's {@code protos.Endorser} service: ProcessProposal with the Writers access policy, as
 * Fabric's peer/Propose ACL. The endorsement runs a contract, which may take up to its time
 * limit, so it runs on {@code pool}, never on the transport thread.
 */
public final class EndorserService extends EndorserGrpc.EndorserImplBase {
    private final ProposalEndorser endorser;
    private final HandlerPool pool;

    public EndorserService(ProposalEndorser endorser, HandlerPool pool) {
        this.endorser = endorser;
        this.pool = pool;
    }

    @Override
    public void processProposal(SignedProposal request, StreamObserver<ProposalResponse> responseObserver) {
        pool.run(responseObserver, () -> {
            responseObserver.onNext(endorser.process(request, ChannelPolicies.WRITERS).response());
            responseObserver.onCompleted();
        });
    }
}
