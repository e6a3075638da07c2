package dev.ordo.membership.cryptogen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NetworkSpecYamlTest {

    @Test
    void readsTemplatesSpecsUsersAndDefaults() {
        NetworkSpec spec = NetworkSpecYaml.parse("""
                OrdererOrgs:
                  - Name: Orderer
                    Domain: example.com
                PeerOrgs:
                  - Name: Org1
                    Domain: org1.example.com
                    Template: {Count: 2, Start: 3}
                    Specs:
                      - Hostname: anchor
                    Users: {Count: 0}
                """);
        OrganizationSpec orderer = spec.ordererOrganizations().get(0);
        assertEquals("OrdererMSP", orderer.mspId());
        assertEquals(List.of("orderer0"), orderer.nodes().stream().map(OrganizationSpec.NodeSpec::hostname).toList());
        assertEquals(0, orderer.userCount());
        OrganizationSpec org1 = spec.peerOrganizations().get(0);
        assertEquals("Org1MSP", org1.mspId());
        assertEquals(List.of("anchor", "peer3", "peer4"),
                org1.nodes().stream().map(OrganizationSpec.NodeSpec::hostname).toList());
        assertEquals(0, org1.userCount());
    }

    @ParameterizedTest(name = "[{index}] {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "`PeerOrgs:\n  - Name: Org1\n`                                               | PeerOrgs[0].Domain is required",
        "`PeerOrgs:\n  - Name: Org1\n    Domian: x.com\n`                             | unknown key 'Domian'",
        "`PeerOrgs:\n  - {Name: Org1, Domain: x.com, Template: {Count: -1}}\n`         | PeerOrgs[0].Template.Count must be an integer",
        "`PeerOrgs:\n  - {Name: Org1, Domain: x.com, Template: {Count: two}}\n`        | PeerOrgs[0].Template.Count must be an integer",
        "`PeerOrgs:\n  - {Name: Org1, Domain: 'bad domain'}\n`                         | is not a DNS domain",
        "`PeerOrgs:\n  - {Name: Org1, Domain: x.com, MspId: 'Org_1'}\n`                | may only hold letters",
        "`PeerOrgs:\n  - {Name: Org1, Domain: x.com, Specs: [{Hostname: 'a b'}]}\n`     | PeerOrgs[0].Specs[0]",
        "`PeerOrgs:\n  - {Name: A, Domain: x.com}\n  - {Name: B, Domain: x.com}\n`      | domain x.com is used by two organisations",
        "`PeerOrgs:\n  - {Name: A, Domain: x.com, EnableNodeOUs: false}\n`             | Ordo always enables NodeOUs",
        "`Orgs: []\n`                                                                | unknown key 'Orgs'",
        "`PeerOrgs: {Name: A}\n`                                                     | PeerOrgs must be a list",
        "`PeerOrgs: [\n`                                                             | not valid YAML",
        "`PeerOrgs: []\n`                                                            | neither OrdererOrgs nor PeerOrgs",
    })
    void reportsWhereTheSpecificationIsWrong(String yaml, String expected) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> NetworkSpecYaml.parse(yaml.replace("\\n", "\n")));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }
}
