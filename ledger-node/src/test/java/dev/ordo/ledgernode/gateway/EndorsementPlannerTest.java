package dev.ordo.ledgernode.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ordo.ledgernode.validate.ChannelRules;
import dev.ordo.membership.cryptogen.CryptoLayout;
import dev.ordo.membership.cryptogen.CryptoMaterialGenerator;
import dev.ordo.membership.cryptogen.NetworkSpec;
import dev.ordo.membership.msp.MspDirectory;
import dev.ordo.proto.v1.ChannelConfig;
import dev.ordo.proto.v1.ImplicitMetaPolicy;
import dev.ordo.proto.v1.Policy;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which organisations the gateway asks to endorse, for the policy shapes channels use. */
class EndorsementPlannerTest {
    @TempDir
    static Path dir;
    static ChannelRules rules;

    @BeforeAll
    static void channelOfThreePeerOrgsAndAnOrdererOrg() throws Exception {
        CryptoMaterialGenerator.generate(NetworkSpec.sample(1, 3, 1), dir);
        CryptoLayout crypto = CryptoLayout.of(dir);
        ChannelConfig.Builder config = ChannelConfig.newBuilder().setChannelId("plans");
        config.addOrganizations(MspDirectory.loadOrganization(crypto.ordererOrganization("example.com")
                .resolve("msp"), "OrdererMSP"));
        for (int org = 1; org <= 3; org++) {
            config.addOrganizations(MspDirectory.loadOrganization(crypto.peerOrganization("org" + org + ".example.com")
                    .resolve("msp"), "Org" + org + "MSP"));
        }
        rules = ChannelRules.of(config.build(), 0);
    }

    private static Optional<List<String>> plan(String policy, String... candidates) {
        return EndorsementPlanner.plan(Policy.newBuilder().setSignature(policy).build(), rules, List.of(candidates));
    }

    @Test
    void andNeedsEveryNamedOrganisation() {
        assertEquals(Optional.of(List.of("Org1MSP", "Org2MSP")),
                plan("AND('Org1MSP.peer','Org2MSP.peer')", "Org1MSP", "Org2MSP", "Org3MSP"));
        assertEquals(Optional.empty(), plan("AND('Org1MSP.peer','Org2MSP.peer')", "Org1MSP", "Org3MSP"));
    }

    @Test
    void orPrefersTheGatewaysOwnOrganisation() {
        assertEquals(Optional.of(List.of("Org2MSP")), plan("OR('Org1MSP.peer','Org2MSP.peer')", "Org2MSP", "Org1MSP"));
        assertEquals(Optional.of(List.of("Org3MSP")), plan("OR('Org1MSP.member','Org3MSP.peer')", "Org2MSP", "Org3MSP"));
    }

    @Test
    void outOfTakesTheSmallestSetInCandidateOrder() {
        assertEquals(Optional.of(List.of("Org3MSP", "Org1MSP")),
                plan("OutOf(2,'Org1MSP.peer','Org2MSP.peer','Org3MSP.peer')", "Org3MSP", "Org1MSP", "Org2MSP"));
    }

    @Test
    void principalsOfOtherRolesCannotBeMetByPeers() {
        assertEquals(Optional.empty(), plan("OR('Org1MSP.admin','Org2MSP.client')", "Org1MSP", "Org2MSP"));
    }

    @Test
    void implicitMetaMajorityCountsOrganisationsWhoseOwnPolicyIsMet() {
        Policy majority = Policy.newBuilder().setImplicitMeta(ImplicitMetaPolicy.newBuilder()
                .setRule(ImplicitMetaPolicy.Rule.MAJORITY).setSubPolicy("Endorsement")).build();
        // Four organisations (the orderer organisation has no peers): a majority is three.
        assertEquals(Optional.of(List.of("Org2MSP", "Org1MSP", "Org3MSP")),
                EndorsementPlanner.plan(majority, rules, List.of("Org2MSP", "Org1MSP", "Org3MSP")));
        Policy any = Policy.newBuilder().setImplicitMeta(ImplicitMetaPolicy.newBuilder()
                .setRule(ImplicitMetaPolicy.Rule.ANY).setSubPolicy("Endorsement")).build();
        assertEquals(Optional.of(List.of("Org2MSP")),
                EndorsementPlanner.plan(any, rules, List.of("Org2MSP", "Org1MSP")));
    }
}
