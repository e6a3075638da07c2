package dev.ordo.sdk.profile;

import dev.ordo.sdk.identity.OrdoSigners;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.hyperledger.fabric.client.identity.Signer;
import org.hyperledger.fabric.client.identity.X509Identity;

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

    /** The user's identity as the Fabric client takes it ({@code Gateway.Builder.identity}). */
    public X509Identity identity() {
        return new X509Identity(mspId, user.certificate());
    }

    /**
     * A fast signer over the user's private key ({@code Gateway.Builder.signer}); see
     * {@link OrdoSigners}.
     */
    public Signer signer() {
        return OrdoSigners.newPrivateKeySigner(user.privateKey());
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
