package dev.ordo.sdk.profile;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a network profile says about one organisation: its MSP id, its gateway peers (the
 * first is the default), the user that signs transactions, and optionally a client TLS
 * certificate for peers that require mutual TLS.
 *
 * @param mspId the organisation's MSP id
 * @param peers its gateway peers, at least one
 * @param user the identity that signs proposals, transactions and requests
 * @param clientTls the TLS client certificate presented to peers, if any
 */
public record OrganizationProfile(String mspId, List<PeerProfile> peers, Credential user,
                                  Optional<Credential> clientTls) {
    public OrganizationProfile {
        Objects.requireNonNull(mspId, "mspId");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(clientTls, "clientTls");
        peers = List.copyOf(peers);
        if (peers.isEmpty()) {
            throw new IllegalArgumentException("organisation " + mspId + " has no peer");
        }
    }

    /** The peer called {@code name}, if the organisation has one. */
    public Optional<PeerProfile> peer(String name) {
        return peers.stream().filter(peer -> peer.name().equals(name)).findFirst();
    }

    /** The peer used when none is named: the first one listed. */
    public PeerProfile defaultPeer() {
        return peers.get(0);
    }
}
