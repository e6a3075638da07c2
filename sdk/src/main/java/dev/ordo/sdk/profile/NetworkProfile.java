package dev.ordo.sdk.profile;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Everything a client needs to reach an Ordo (or any Fabric) network: per organisation its
 * MSP id, gateway peers with their TLS CAs, and the user identity that signs; the default
 * channel and the call deadlines. Load one with {@link #load(Path)}; open a gateway from it
 * with {@code OrdoGateway.connect(profile, mspId)}.
 *
 * <p>The file is YAML (a JSON file with the same structure is read too, JSON being YAML).
 * Paths are relative to the profile's own folder unless absolute. Unknown keys are errors,
 * so typos do not pass silently.
 *
 * <pre>
 * channel: mychannel                  # default channel (optional)
 * timeouts:                           # optional; defaults shown. 500ms, 5s, 2m, 1h, or seconds
 *   evaluate: 5s
 *   endorse: 15s
 *   submit: 5s
 *   commitStatus: 1m
 * organizations:
 *   Org1MSP:                          # the MSP id
 *     peers:                          # gateway peers; the first is the default
 *       - name: peer0.org1.example.com
 *         address: localhost:7051     # host:port, [v6-address]:port, or grpcs://host:port
 *         tlsHostOverride: peer0.org1.example.com   # optional: name in the peer's TLS certificate
 *         tlsCaCert: organizations/peerOrganizations/org1.example.com/tlsca/tlsca.org1.example.com-cert.pem
 *     user:                           # either an MSP folder (signcerts/ + keystore/) ...
 *       mspDir: organizations/peerOrganizations/org1.example.com/users/User1@org1.example.com/msp
 *       # ... or a certificate and key:
 *       # certificate: .../signcerts/User1@org1.example.com-cert.pem
 *       # privateKey: .../keystore/priv_sk
 *     clientTls:                      # optional: for peers that require mutual TLS
 *       certificate: organizations/peerOrganizations/org1.example.com/users/User1@org1.example.com/tls/client.crt
 *       privateKey: organizations/peerOrganizations/org1.example.com/users/User1@org1.example.com/tls/client.key
 * </pre>
 *
 * Loading reads and checks every certificate and key (each private key must belong to its
 * certificate), so a profile that loads can be connected with. Immutable.
 */
public final class NetworkProfile {
    private final Path source;
    private final Optional<String> channel;
    private final GatewayTimeouts timeouts;
    private final Map<String, OrganizationProfile> organizations;

    /**
     * @param source the file the profile was read from (for messages)
     * @param channel the default channel, if any
     * @param timeouts the call deadlines
     * @param organizations the organisations, in profile order
     * @throws IllegalArgumentException if there is no organisation or two share an MSP id
     */
    public NetworkProfile(Path source, Optional<String> channel, GatewayTimeouts timeouts,
                          List<OrganizationProfile> organizations) {
        this.source = Objects.requireNonNull(source, "source");
        this.channel = Objects.requireNonNull(channel, "channel");
        this.timeouts = Objects.requireNonNull(timeouts, "timeouts");
        if (organizations.isEmpty()) {
            throw new IllegalArgumentException("a network profile needs at least one organisation");
        }
        this.organizations = organizations.stream().collect(Collectors.toMap(OrganizationProfile::mspId,
                Function.identity(), (a, b) -> {
                    throw new IllegalArgumentException("MSP id " + a.mspId() + " appears twice");
                }, java.util.LinkedHashMap::new));
    }

    /**
     * Reads and checks a profile file.
     *
     * @throws NetworkProfileException naming the file and the field at fault
     */
    public static NetworkProfile load(Path file) throws NetworkProfileException {
        return new NetworkProfileReader(file).read();
    }

    /** The file this profile was read from. */
    public Path source() {
        return source;
    }

    /** The channel used when none is named. */
    public Optional<String> channel() {
        return channel;
    }

    public GatewayTimeouts timeouts() {
        return timeouts;
    }

    /** The organisations, in profile order. */
    public List<OrganizationProfile> organizations() {
        return List.copyOf(organizations.values());
    }

    /** The organisation with this MSP id, if the profile has it. */
    public Optional<OrganizationProfile> findOrganization(String mspId) {
        return Optional.ofNullable(organizations.get(mspId));
    }

    /**
     * The organisation with this MSP id.
     *
     * @throws NetworkProfileException if the profile has no such organisation, listing those it has
     */
    public OrganizationProfile organization(String mspId) throws NetworkProfileException {
        OrganizationProfile organization = organizations.get(mspId);
        if (organization == null) {
            throw new NetworkProfileException(source, "organizations", "no organisation with MSP id '" + mspId
                    + "'; the profile has " + organizations.keySet());
        }
        return organization;
    }

    @Override
    public String toString() {
        return "NetworkProfile[" + source + ", organisations " + organizations.keySet() + "]";
    }
}
