package dev.ordo.ledgernode.gateway;

import dev.ordo.ledgernode.endorse.EndorsementOutcome;
import java.util.concurrent.CompletableFuture;
import org.hyperledger.fabric.protos.peer.SignedProposal;

/** A peer the gateway can ask for an endorsement: this node itself or another organisation's peer. */
interface EndorsingPeer {
    String address();

    String mspId();

    /**
     * The peer's answer; completes exceptionally (with a gRPC status) only if the peer could not
     * be asked at all.
     */
    CompletableFuture<EndorsementOutcome> endorse(SignedProposal proposal, String accessPolicy, long deadlineNanos);
}
