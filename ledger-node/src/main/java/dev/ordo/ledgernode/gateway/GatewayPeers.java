package dev.ordo.ledgernode.gateway;

import dev.ordo.ledgernode.endorse.ProposalEndorser;
import dev.ordo.ledgernode.remote.OrdererDirectory;
import dev.ordo.ledgernode.remote.RemoteChannels;

/**
 * Whom the gateway talks to: this node's endorser (at {@code localAddress}, the address error
 * details name), other organisations' peers and the orderers, over {@code remote}.
 */
public final class GatewayPeers {
    private final EndorserSelection selection;
    private final OrdererSubmitter submitter;

    public GatewayPeers(ProposalEndorser endorser, String localAddress, RemoteChannels remote,
            OrdererDirectory orderers) {
        this.selection = new EndorserSelection(new LocalPeer(localAddress, endorser), remote);
        this.submitter = new OrdererSubmitter(orderers, remote);
    }

    EndorserSelection selection() {
        return selection;
    }

    OrdererSubmitter submitter() {
        return submitter;
    }
}
