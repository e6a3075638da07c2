package dev.ordo.ledgernode.gateway;

import dev.ordo.ledgernode.remote.RemoteChannels;
import dev.ordo.ledgernode.validate.ChannelRules;
import dev.ordo.proto.v1.Endpoint;
import dev.ordo.proto.v1.Organization;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The peers the gateway can reach on a channel: this node for its own organisation, and for
 * every other organisation its first anchor peer from the channel configuration, over mutual
 * TLS trusting that organisation's TLS roots.
 */
final class EndorserSelection {
    private final LocalPeer local;
    private final RemoteChannels remote;

    EndorserSelection(LocalPeer local, RemoteChannels remote) {
        this.local = local;
        this.remote = remote;
    }

    LocalPeer local() {
        return local;
    }

    /** A peer of {@code mspId} on the channel of {@code rules}, if one is known. */
    Optional<EndorsingPeer> peerOf(String mspId, ChannelRules rules) {
        if (mspId.equals(local.mspId())) {
            return Optional.of(local);
        }
        Optional<Organization> org = rules.msp().organization(mspId);
        if (org.isEmpty() || org.get().getAnchorPeersCount() == 0) {
            return Optional.empty();
        }
        Endpoint anchor = org.get().getAnchorPeers(0);
        String address = anchor.getHost() + ":" + anchor.getPort();
        return Optional.of(new RemotePeer(address, mspId,
                remote.channel(anchor.getHost(), anchor.getPort(), rules.msp().tlsRoots(mspId))));
    }

    /** Organisations that have a reachable peer, this node's first, the others in configuration order. */
    List<String> candidates(ChannelRules rules) {
        List<String> candidates = new ArrayList<>();
        if (rules.msp().mspIds().contains(local.mspId())) {
            candidates.add(local.mspId());
        }
        for (Organization org : rules.config().getOrganizationsList()) {
            if (!org.getMspId().equals(local.mspId()) && org.getAnchorPeersCount() > 0) {
                candidates.add(org.getMspId());
            }
        }
        return candidates;
    }
}
