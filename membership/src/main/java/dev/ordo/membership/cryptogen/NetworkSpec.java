package dev.ordo.membership.cryptogen;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The organisations of a network to generate crypto material for (the programmatic form of
 * the YAML file {@link CryptoMaterialGenerator} reads).
 *
 * <pre>
 *   NetworkSpec spec = NetworkSpec.of(
 *       List.of(OrganizationSpec.orderers("Orderer", "example.com", 3)),
 *       List.of(OrganizationSpec.peers("Org1", "org1.example.com", 2, 1),
 *               OrganizationSpec.peers("Org2", "org2.example.com", 2, 1)));
 *   CryptoMaterialGenerator.generate(spec, tempDir);
 * </pre>
 */
public record NetworkSpec(List<OrganizationSpec> ordererOrganizations, List<OrganizationSpec> peerOrganizations) {
    public NetworkSpec {
        ordererOrganizations = List.copyOf(ordererOrganizations);
        peerOrganizations = List.copyOf(peerOrganizations);
        Set<String> domains = new HashSet<>();
        Set<String> mspIds = new HashSet<>();
        List<OrganizationSpec> all = new ArrayList<>(ordererOrganizations);
        all.addAll(peerOrganizations);
        for (OrganizationSpec organization : all) {
            if (!domains.add(organization.domain())) {
                throw new IllegalArgumentException("domain " + organization.domain() + " is used by two organisations");
            }
            if (!mspIds.add(organization.mspId())) {
                throw new IllegalArgumentException("MSP id " + organization.mspId() + " is used by two organisations");
            }
        }
    }

    public static NetworkSpec of(List<OrganizationSpec> ordererOrganizations, List<OrganizationSpec> peerOrganizations) {
        return new NetworkSpec(ordererOrganizations, peerOrganizations);
    }

    /**
     * The usual test network: orderer organisation {@code Orderer} ({@code example.com}) with
     * {@code orderers} orderers, and {@code peerOrgs} organisations {@code Org1..OrgN}
     * ({@code orgN.example.com}) with {@code peersPerOrg} peers, Admin and User1 each.
     */
    public static NetworkSpec sample(int orderers, int peerOrgs, int peersPerOrg) {
        List<OrganizationSpec> peers = new ArrayList<>();
        for (int i = 1; i <= peerOrgs; i++) {
            peers.add(OrganizationSpec.peers("Org" + i, "org" + i + ".example.com", peersPerOrg, 1));
        }
        return new NetworkSpec(List.of(OrganizationSpec.orderers("Orderer", "example.com", orderers)), peers);
    }
}
