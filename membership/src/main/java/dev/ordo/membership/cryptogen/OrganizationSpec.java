package dev.ordo.membership.cryptogen;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One organisation to generate crypto material for: its name, DNS domain, MSP id, nodes
 * (peers for a peer organisation, orderers for an orderer organisation), how many
 * {@code UserN} identities besides {@code Admin}, and whether identities are issued by an
 * intermediate CA.
 */
public record OrganizationSpec(String name, String domain, String mspId, List<NodeSpec> nodes, int userCount,
                               boolean intermediateCa) {
    private static final Pattern DOMAIN = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)*");
    private static final Pattern MSP_ID = Pattern.compile("[A-Za-z0-9.-]+");
    static final int MAX_COUNT = 1_000;

    public OrganizationSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(domain, "domain");
        Objects.requireNonNull(mspId, "mspId");
        nodes = List.copyOf(nodes);
        if (name.isBlank()) {
            throw new IllegalArgumentException("organisation name is empty");
        }
        if (domain.length() > 200 || !DOMAIN.matcher(domain).matches()) {
            throw new IllegalArgumentException("organisation " + name + ": '" + domain + "' is not a DNS domain");
        }
        if (!MSP_ID.matcher(mspId).matches()) {
            throw new IllegalArgumentException("organisation " + name + ": MSP id '" + mspId
                    + "' may only hold letters, digits, '.' and '-' (the policy language's rule)");
        }
        if (userCount < 0 || userCount > MAX_COUNT) {
            throw new IllegalArgumentException("organisation " + name + ": user count " + userCount
                    + " must be between 0 and " + MAX_COUNT);
        }
        if (nodes.size() > MAX_COUNT) {
            throw new IllegalArgumentException("organisation " + name + ": more than " + MAX_COUNT + " nodes");
        }
        if (nodes.stream().map(NodeSpec::hostname).distinct().count() != nodes.size()) {
            throw new IllegalArgumentException("organisation " + name + ": two nodes share a host name");
        }
    }

    /** A peer organisation: {@code peer0..peer<peers-1>}, Admin and {@code users} users, MSP id {@code <name>MSP}. */
    public static OrganizationSpec peers(String name, String domain, int peers, int users) {
        return new OrganizationSpec(name, domain, name + "MSP", numbered("peer", 0, peers), users, false);
    }

    /** An orderer organisation: {@code orderer0..orderer<orderers-1>} and Admin, MSP id {@code <name>MSP}. */
    public static OrganizationSpec orderers(String name, String domain, int orderers) {
        return new OrganizationSpec(name, domain, name + "MSP", numbered("orderer", 0, orderers), 0, false);
    }

    /** The same organisation with identities issued by an intermediate CA below the root. */
    public OrganizationSpec withIntermediateCa() {
        return new OrganizationSpec(name, domain, mspId, nodes, userCount, true);
    }

    /** The same organisation with another MSP id. */
    public OrganizationSpec withMspId(String newMspId) {
        return new OrganizationSpec(name, domain, newMspId, nodes, userCount, intermediateCa);
    }

    /** {@code prefix<start>} .. {@code prefix<start+count-1>}. */
    static List<NodeSpec> numbered(String prefix, int start, int count) {
        if (count < 0 || count > MAX_COUNT) {
            throw new IllegalArgumentException("node count " + count + " must be between 0 and " + MAX_COUNT);
        }
        List<NodeSpec> nodes = new ArrayList<>();
        for (int i = start; i < start + count; i++) {
            nodes.add(new NodeSpec(prefix + i, List.of()));
        }
        return nodes;
    }

    /** A node's host name within the organisation's domain and extra TLS SANs. */
    public record NodeSpec(String hostname, List<String> extraSans) {
        private static final Pattern LABEL = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?");

        public NodeSpec {
            Objects.requireNonNull(hostname, "hostname");
            extraSans = List.copyOf(extraSans);
            if (!LABEL.matcher(hostname).matches() || hostname.length() > 63) {
                throw new IllegalArgumentException("'" + hostname + "' is not a host name label");
            }
        }
    }
}
