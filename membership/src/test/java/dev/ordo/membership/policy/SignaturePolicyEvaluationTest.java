package dev.ordo.membership.policy;

import static dev.ordo.membership.TestOrganizations.signed;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ordo.membership.TestOrganizations.TestOrg;
import dev.ordo.membership.identity.Role;
import dev.ordo.membership.identity.SigningIdentity;
import dev.ordo.membership.msp.ChannelMsp;
import dev.ordo.proto.v1.ChannelConfig;
import dev.ordo.proto.v1.Policy;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SignaturePolicyEvaluationTest {
    private static final byte[] DATA = "prp bytes".getBytes(StandardCharsets.UTF_8);

    private static ChannelPolicies policies;
    private static SigningIdentity org1Peer0;
    private static SigningIdentity org1Peer1;
    private static SigningIdentity org1Admin;
    private static SigningIdentity org1Client;
    private static SigningIdentity org2Peer;
    private static SigningIdentity org3Peer;
    private static SigningIdentity org3Admin;
    private static SigningIdentity revokedOrg2Peer;
    private static SigningIdentity strangerPeer;

    @BeforeAll
    static void network() {
        TestOrg org1 = TestOrg.create("Org1MSP");
        TestOrg org2 = TestOrg.create("Org2MSP");
        TestOrg org3 = TestOrg.withIntermediate("Org3MSP");
        org1Peer0 = org1.signer("peer0.org1", Role.PEER);
        org1Peer1 = org1.signer("peer1.org1", Role.PEER);
        org1Admin = org1.signer("Admin@org1", Role.ADMIN);
        org1Client = org1.signer("User1@org1", Role.CLIENT);
        org2Peer = org2.signer("peer0.org2", Role.PEER);
        revokedOrg2Peer = org2.signer("peer9.org2", Role.PEER);
        org2.issuer().revoke(revokedOrg2Peer.identity().certificate());
        org3Peer = org3.signer("peer0.org3", Role.PEER);
        org3Admin = org3.signer("Admin@org3", Role.ADMIN);
        strangerPeer = TestOrg.create("Org4MSP").signer("peer0.org4", Role.PEER);
        ChannelConfig config = ChannelConfig.newBuilder().setChannelId("mychannel")
                .addOrganizations(org1.organization())
                .addOrganizations(org2.organization(org2.issuer().crl()))
                .addOrganizations(org3.organization())
                .build();
        policies = ChannelPolicies.of(config, ChannelMsp.of(config.getOrganizationsList()));
    }

    private static boolean satisfied(String policy, SigningIdentity... signers) {
        List<SignedData> signatures = new ArrayList<>();
        for (SigningIdentity signer : signers) {
            signatures.add(signed(signer, DATA));
        }
        return satisfied(policy, signatures);
    }

    private static boolean satisfied(String policy, List<SignedData> signatures) {
        return policies.evaluate(Policy.newBuilder().setSignature(policy).build(), signatures).satisfied();
    }

    @Test
    void andNeedsEveryPrincipal() {
        String and = "AND('Org1MSP.peer', 'Org2MSP.peer')";
        assertFalse(satisfied(and));
        assertFalse(satisfied(and, org1Peer0));
        assertFalse(satisfied(and, org2Peer));
        assertTrue(satisfied(and, org1Peer0, org2Peer));
        assertTrue(satisfied(and, org2Peer, org1Peer0, org3Peer), "extra signers do not hurt");
    }

    @Test
    void orNeedsAnyPrincipal() {
        String or = "OR('Org1MSP.peer', 'Org2MSP.peer')";
        assertFalse(satisfied(or));
        assertTrue(satisfied(or, org1Peer0));
        assertTrue(satisfied(or, org2Peer));
        assertFalse(satisfied(or, org3Peer));
    }

    @Test
    void outOfCountsDistinctPrincipals() {
        String twoOfThree = "OutOf(2, 'Org1MSP.peer', 'Org2MSP.peer', 'Org3MSP.peer')";
        assertFalse(satisfied(twoOfThree, org1Peer0));
        assertTrue(satisfied(twoOfThree, org1Peer0, org3Peer));
        assertTrue(satisfied(twoOfThree, org2Peer, org3Peer));
        assertTrue(satisfied(twoOfThree, org1Peer0, org2Peer, org3Peer));
        assertFalse(satisfied(twoOfThree, org1Peer0, org1Peer1), "two peers of one org satisfy one principal");
    }

    @Test
    void nestedPolicies() {
        String nested = "AND('Org1MSP.admin', OR('Org2MSP.peer', AND('Org3MSP.peer', 'Org3MSP.admin')))";
        assertFalse(satisfied(nested, org1Admin));
        assertTrue(satisfied(nested, org1Admin, org2Peer));
        assertFalse(satisfied(nested, org1Admin, org3Peer));
        assertTrue(satisfied(nested, org1Admin, org3Peer, org3Admin));
        assertFalse(satisfied(nested, org2Peer, org3Peer, org3Admin));
    }

    @Test
    void duplicateSignerCountsOnce() {
        String twoPeers = "OutOf(2, 'Org1MSP.peer', 'Org1MSP.peer')";
        assertFalse(satisfied(twoPeers, org1Peer0, org1Peer0));
        assertTrue(satisfied(twoPeers, org1Peer0, org1Peer1));
        byte[] other = "other".getBytes(StandardCharsets.UTF_8);
        List<SignedData> sameIdentityTwoMessages = List.of(signed(org1Peer0, DATA), signed(org1Peer0, other));
        assertFalse(satisfied("AND('Org1MSP.peer', 'Org1MSP.member')", sameIdentityTwoMessages));
    }

    @Test
    void oneIdentityCannotSatisfyTwoPrincipals() {
        String both = "AND('Org1MSP.member', 'Org1MSP.peer')";
        assertFalse(satisfied(both, org1Peer0), "a peer is a member too, but counts once");
        // A greedy left-to-right assignment would give the peer to 'member' first and then
        // find no peer for 'peer'; backtracking gives 'member' to the client.
        assertTrue(satisfied(both, org1Peer0, org1Client));
        assertTrue(satisfied("OutOf(2, 'Org1MSP.member', 'Org1MSP.peer', 'Org2MSP.peer')", org1Peer0, org1Client));
        assertTrue(satisfied("AND(OR('Org1MSP.peer', 'Org1MSP.admin'), 'Org1MSP.peer')", org1Admin, org1Peer0));
    }

    @Test
    void rolesMatchAsNodeOusDefineThem() {
        assertTrue(satisfied("OR('Org1MSP.member')", org1Client));
        assertTrue(satisfied("OR('Org1MSP.member')", org1Admin));
        assertTrue(satisfied("OR('Org1MSP.admin')", org1Admin));
        assertFalse(satisfied("OR('Org1MSP.admin')", org1Client));
        assertFalse(satisfied("OR('Org1MSP.client')", org1Admin));
        assertFalse(satisfied("OR('Org1MSP.orderer')", org1Peer0));
        assertFalse(satisfied("OR('Org2MSP.member')", org1Client), "member of another MSP");
    }

    @Test
    void signatureCountsOnlyIfItVerifies() {
        byte[] other = "something else".getBytes(StandardCharsets.UTF_8);
        SignedData forged = new SignedData(DATA, org2Peer.serializedIdentity(), org2Peer.sign(other));
        assertFalse(satisfied("AND('Org1MSP.peer', 'Org2MSP.peer')", List.of(signed(org1Peer0, DATA), forged)));
        byte[] garbage = Arrays.copyOf(org2Peer.sign(DATA), 10);
        assertFalse(satisfied("OR('Org2MSP.peer')", List.of(new SignedData(DATA, org2Peer.serializedIdentity(), garbage))));
        // A bad signature followed by a good one of the same identity: the good one counts.
        assertTrue(satisfied("OR('Org2MSP.peer')", List.of(forged, signed(org2Peer, DATA))));
    }

    @Test
    void signatureCountsOnlyIfTheIdentityValidates() {
        assertFalse(satisfied("OR('Org2MSP.peer')", revokedOrg2Peer));
        assertFalse(satisfied("OR('Org4MSP.peer')", strangerPeer));
        assertFalse(satisfied("OR('Org1MSP.member')",
                List.of(new SignedData(DATA, "not an identity".getBytes(StandardCharsets.UTF_8), new byte[8]))));
    }

    @Test
    void decisionExplainsWhatWasNotCounted() {
        PolicyDecision decision = policies.evaluate(Policy.newBuilder().setSignature("OR('Org2MSP.peer')").build(),
                List.of(signed(revokedOrg2Peer, DATA)));
        assertFalse(decision.satisfied());
        assertTrue(decision.reason().contains("REVOKED"), decision.reason());
        PolicyDecision syntax = policies.evaluate(Policy.newBuilder().setSignature("OR(").build(), List.of());
        assertFalse(syntax.satisfied());
        assertTrue(syntax.reason().contains("position 3"), syntax.reason());
        assertEquals(false, policies.evaluate(Policy.getDefaultInstance(), List.of()).satisfied());
    }
}
