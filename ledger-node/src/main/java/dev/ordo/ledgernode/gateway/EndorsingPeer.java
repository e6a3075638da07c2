package dev.ordo.ledgernode.gateway;

import dev.ordo.ledgernode.endorse.EndorsementOutcome;
import java.util.concurrent.CompletableFuture;
import org.hyperledger.fabric.protos.peer.SignedProposal;

/** A peer the gateway can ask for an endorsement: this node itself or another organisation's peer. */
interface EndorsingPeer {
    String address();

    String mspId();

    /**
     * Whether {@link #endorse} does the work on the calling thread (this node's own endorser), so
     * a caller asking several peers asks the others first.
     */
    default boolean inProcess() {
        return false;
    }

    /**
     * The peer's answer; completes exceptionally (with a gRPC status) only if the peer could not
     * be asked at all.
     */
    CompletableFuture<EndorsementOutcome> endorse(SignedProposal proposal, String accessPolicy, long deadlineNanos);
}
