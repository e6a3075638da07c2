package dev.ordo.membership.policy;

import static dev.ordo.membership.TestOrganizations.signedBy;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ordo.membership.TestOrganizations.TestOrg;
import dev.ordo.membership.identity.Role;
import dev.ordo.membership.identity.SigningIdentity;
import dev.ordo.membership.msp.ChannelMsp;
import dev.ordo.membership.msp.MspConfigurationException;
import dev.ordo.proto.v1.ChannelConfig;
import dev.ordo.proto.v1.ImplicitMetaPolicy;
import dev.ordo.proto.v1.Policy;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ChannelPoliciesTest {
    private static final byte[] DATA = "config update".getBytes(StandardCharsets.UTF_8);

    private static TestOrg org1;
    private static TestOrg org2;
    private static TestOrg org3;
    private static SigningIdentity admin1;
    private static SigningIdentity admin2;
    private static SigningIdentity admin3;
    private static SigningIdentity client1;
    private static SigningIdentity client2;
    private static SigningIdentity client3;
    private static SigningIdentity peer1;
    private static SigningIdentity peer2;

    @BeforeAll
    static void organisations() {
        org1 = TestOrg.create("Org1MSP");
        org2 = TestOrg.create("Org2MSP");
        org3 = TestOrg.create("Org3MSP");
        admin1 = org1.signer("Admin@org1", Role.ADMIN);
        admin2 = org2.signer("Admin@org2", Role.ADMIN);
        admin3 = org3.signer("Admin@org3", Role.ADMIN);
        client1 = org1.signer("User1@org1", Role.CLIENT);
        client2 = org2.signer("User1@org2", Role.CLIENT);
        client3 = org3.signer("User1@org3", Role.CLIENT);
        peer1 = org1.signer("peer0.org1", Role.PEER);
        peer2 = org2.signer("peer0.org2", Role.PEER);
    }

    private static ChannelPolicies policies(ChannelConfig.Builder config) {
        ChannelConfig built = config.setChannelId("mychannel").build();
        return ChannelPolicies.of(built, ChannelMsp.of(built.getOrganizationsList()));
    }

    private static ChannelConfig.Builder threeOrgs() {
        return ChannelConfig.newBuilder()
                .addOrganizations(org1.organization())
                .addOrganizations(org2.organization())
                .addOrganizations(org3.organization());
    }

    private static Policy meta(ImplicitMetaPolicy.Rule rule, String subPolicy) {
        return Policy.newBuilder().setImplicitMeta(ImplicitMetaPolicy.newBuilder().setRule(rule).setSubPolicy(subPolicy))
                .build();
    }

    @Test
    void defaultAdminsPolicyNeedsAMajorityOfOrganisationAdmins() {
        ChannelPolicies policies = policies(threeOrgs());
        assertFalse(policies.evaluate("Admins", signedBy(DATA, admin1)).satisfied());
        assertFalse(policies.evaluate("Admins", signedBy(DATA, admin1, client2, client3)).satisfied());
        assertTrue(policies.evaluate("Admins", signedBy(DATA, admin1, admin3)).satisfied());
        assertTrue(policies.evaluate("Admins", signedBy(DATA, admin1, admin2, admin3)).satisfied());
    }

    @Test
    void anyNeedsOneOrganisation() {
        ChannelPolicies policies = policies(threeOrgs().putPolicies("Writers", meta(ImplicitMetaPolicy.Rule.ANY, "Writers")));
        assertFalse(policies.evaluate("Writers", List.of()).satisfied());
        assertTrue(policies.evaluate("Writers", signedBy(DATA, client2)).satisfied());
        assertTrue(policies.evaluate("Readers", signedBy(DATA, peer1)).satisfied(), "default Readers = ANY Readers");
    }

    @Test
    void allNeedsEveryOrganisation() {
        ChannelPolicies policies = policies(threeOrgs().putPolicies("Readers", meta(ImplicitMetaPolicy.Rule.ALL, "Readers")));
        assertFalse(policies.evaluate("Readers", signedBy(DATA, client1, client2)).satisfied());
        assertTrue(policies.evaluate("Readers", signedBy(DATA, client1, client2, client3)).satisfied());
    }

    @Test
    void majorityOfTwoOrganisationsIsBoth() {
        ChannelPolicies policies = policies(ChannelConfig.newBuilder()
                .addOrganizations(org1.organization()).addOrganizations(org2.organization()));
        assertFalse(policies.evaluate("Endorsement", signedBy(DATA, peer1)).satisfied());
        assertTrue(policies.evaluate("Endorsement", signedBy(DATA, peer1, peer2)).satisfied());
        assertFalse(policies.evaluate("Endorsement", signedBy(DATA, peer1, client2)).satisfied(),
                "default org Endorsement = OR('<msp>.peer')");
    }

    @Test
    void organisationPolicyOverridesItsDefault() {
        ChannelConfig.Builder config = threeOrgs();
        config.setOrganizations(1, org2.organization().toBuilder()
                .putPolicies("Admins", Policy.newBuilder().setSignature("OR('Org2MSP.client')").build()));
        ChannelPolicies policies = policies(config);
        assertTrue(policies.evaluate("Admins", signedBy(DATA, admin1, client2)).satisfied());
        assertFalse(policies.evaluate("Admins", signedBy(DATA, admin1, admin2)).satisfied());
        assertTrue(policies.evaluateOrganizationPolicy("Org2MSP", "Admins", signedBy(DATA, client2)).satisfied());
    }

    @Test
    void channelSignaturePolicyByName() {
        ChannelPolicies policies = policies(threeOrgs().putPolicies("Custom",
                Policy.newBuilder().setSignature("AND('Org1MSP.admin', 'Org3MSP.admin')").build()));
        assertTrue(policies.evaluate("Custom", signedBy(DATA, admin3, admin1)).satisfied());
        assertFalse(policies.evaluate("Custom", signedBy(DATA, admin1, admin2)).satisfied());
    }

    @Test
    void unknownPolicyNameAndMissingSubPolicyAreNotSatisfied() {
        ChannelPolicies policies = policies(threeOrgs().putPolicies("Odd", meta(ImplicitMetaPolicy.Rule.ANY, "Nothing")));
        PolicyDecision unknown = policies.evaluate("NoSuchPolicy", signedBy(DATA, admin1, admin2, admin3));
        assertFalse(unknown.satisfied());
        assertTrue(unknown.reason().contains("NoSuchPolicy"), unknown.reason());
        assertFalse(policies.evaluate("Odd", signedBy(DATA, admin1, admin2, admin3)).satisfied());
    }

    @Test
    void channelWithoutOrganisationsSatisfiesNoImplicitMetaPolicy() {
        ChannelPolicies policies = policies(ChannelConfig.newBuilder()
                .putPolicies("Admins", meta(ImplicitMetaPolicy.Rule.ALL, "Admins")));
        assertFalse(policies.evaluate("Admins", signedBy(DATA, admin1)).satisfied());
    }

    @Test
    void refusesConfigurationWithUnusablePolicies() {
        assertThrows(MspConfigurationException.class, () -> policies(threeOrgs()
                .putPolicies("Writers", Policy.newBuilder().setSignature("OR('Org1MSP.member'").build())));
        assertThrows(MspConfigurationException.class, () -> policies(threeOrgs()
                .putPolicies("Writers", meta(ImplicitMetaPolicy.Rule.RULE_UNSPECIFIED, "Writers"))));
        assertThrows(MspConfigurationException.class, () -> policies(threeOrgs()
                .putPolicies("Writers", Policy.getDefaultInstance())));
        ChannelConfig.Builder metaInOrg = threeOrgs();
        metaInOrg.setOrganizations(0, org1.organization().toBuilder()
                .putPolicies("Admins", meta(ImplicitMetaPolicy.Rule.ANY, "Admins")));
        assertThrows(MspConfigurationException.class, () -> policies(metaInOrg));
    }
}
