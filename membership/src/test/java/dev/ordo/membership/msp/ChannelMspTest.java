package dev.ordo.membership.msp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import dev.ordo.membership.TestOrganizations.TestOrg;
import dev.ordo.membership.ca.CertificateAuthority;
import dev.ordo.membership.ca.CertificateValidity;
import dev.ordo.membership.ca.IssuedCredential;
import dev.ordo.membership.crypto.Pem;
import dev.ordo.membership.identity.Identity;
import dev.ordo.membership.identity.Role;
import dev.ordo.membership.identity.SigningIdentity;
import dev.ordo.membership.msp.IdentityValidationException.Reason;
import dev.ordo.proto.v1.NodeOUs;
import dev.ordo.proto.v1.Organization;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.hyperledger.fabric.protos.msp.SerializedIdentity;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ChannelMspTest {
    private static TestOrg org1;
    private static TestOrg org2;
    private static TestOrg withIntermediate;

    @BeforeAll
    static void organisations() {
        org1 = TestOrg.create("Org1MSP");
        org2 = TestOrg.create("Org2MSP");
        withIntermediate = TestOrg.withIntermediate("Org3MSP");
    }

    private static ChannelMsp msp(Organization... organizations) {
        return ChannelMsp.of(List.of(organizations));
    }

    private static Reason reasonOf(ChannelMsp msp, byte[] serialized) {
        return assertThrows(IdentityValidationException.class, () -> msp.validate(serialized)).reason();
    }

    @Test
    void acceptsIdentityIssuedByRootWithItsRole() throws Exception {
        SigningIdentity peer = org1.signer("peer0.org1", Role.PEER);
        Identity identity = msp(org1.organization(), org2.organization()).validate(peer.serializedIdentity());
        assertEquals("Org1MSP", identity.mspId());
        assertEquals(Role.PEER, identity.role());
        assertEquals(peer.identity().certificate(), identity.certificate());
    }

    @Test
    void acceptsIdentityIssuedThroughIntermediate() throws Exception {
        SigningIdentity admin = withIntermediate.signer("Admin@org3", Role.ADMIN);
        Identity identity = msp(withIntermediate.organization()).validate(admin.serializedIdentity());
        assertEquals(Role.ADMIN, identity.role());
    }

    @Test
    void rejectsIntermediateIssuedIdentityWhenIntermediateIsNotConfigured() {
        SigningIdentity admin = withIntermediate.signer("Admin@org3", Role.ADMIN);
        Organization rootOnly = withIntermediate.organization().toBuilder().clearIntermediateCerts().build();
        assertEquals(Reason.UNTRUSTED_CHAIN, reasonOf(msp(rootOnly), admin.serializedIdentity()));
    }

    @Test
    void rejectsCertificateFromAnotherCaUnderTheSameMspId() {
        TestOrg impostor = TestOrg.create("Org1MSP");
        SigningIdentity fake = impostor.signer("peer0.org1", Role.PEER);
        assertEquals(Reason.UNTRUSTED_CHAIN, reasonOf(msp(org1.organization()), fake.serializedIdentity()));
    }

    @Test
    void rejectsExpiredCertificate() {
        Instant now = Instant.now();
        IssuedCredential old = org1.issuer().issueIdentity("old", Role.CLIENT,
                new CertificateValidity(now.minus(Duration.ofDays(2)), now.minus(Duration.ofDays(1))));
        byte[] serialized = Identity.serialize("Org1MSP", old.certificate());
        assertEquals(Reason.EXPIRED, reasonOf(msp(org1.organization()), serialized));
    }

    @Test
    void rejectsNotYetValidCertificate() {
        Instant now = Instant.now();
        IssuedCredential early = org1.issuer().issueIdentity("early", Role.CLIENT,
                new CertificateValidity(now.plus(Duration.ofDays(1)), now.plus(Duration.ofDays(2))));
        byte[] serialized = Identity.serialize("Org1MSP", early.certificate());
        assertEquals(Reason.NOT_YET_VALID, reasonOf(msp(org1.organization()), serialized));
    }

    @Test
    void cachedIdentityIsRefusedOnceItExpires() throws Exception {
        Instant now = Instant.now();
        IssuedCredential shortLived = org1.issuer().issueIdentity("short", Role.CLIENT,
                new CertificateValidity(now.minus(Duration.ofMinutes(1)), now.plus(Duration.ofHours(1))));
        byte[] serialized = Identity.serialize("Org1MSP", shortLived.certificate());
        AtomicReference<Instant> time = new AtomicReference<>(now);
        Clock clock = new Clock() {
            @Override
            public ZoneOffset getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return time.get();
            }
        };
        ChannelMsp msp = ChannelMsp.of(List.of(org1.organization()), clock);
        Identity first = msp.validate(serialized);
        assertSame(first, msp.validate(serialized), "second validation must come from the cache");
        time.set(now.plus(Duration.ofHours(2)));
        assertEquals(Reason.EXPIRED, reasonOf(msp, serialized));
    }

    @Test
    void rejectsRevokedCertificate() throws Exception {
        TestOrg org = TestOrg.create("RevokingMSP");
        SigningIdentity revoked = org.signer("revoked", Role.CLIENT);
        SigningIdentity kept = org.signer("kept", Role.CLIENT);
        org.issuer().revoke(revoked.identity().certificate());
        ChannelMsp msp = msp(org.organization(org.issuer().crl()));
        assertEquals(Reason.REVOKED, reasonOf(msp, revoked.serializedIdentity()));
        assertEquals("kept", dev.ordo.membership.crypto.CertificateNames.commonName(
                msp.validate(kept.serializedIdentity()).certificate()));
    }

    @Test
    void rejectsIdentityBelowRevokedIntermediate() {
        TestOrg org = TestOrg.withIntermediate("RevokedIcaMSP");
        SigningIdentity user = org.signer("user", Role.CLIENT);
        org.root().revoke(org.issuer().certificate());
        ChannelMsp msp = msp(org.organization(org.root().crl()));
        assertEquals(Reason.REVOKED, reasonOf(msp, user.serializedIdentity()));
    }

    @Test
    void refusesCrlNotSignedByTheOrganisation() {
        Organization bad = org1.organization(org2.root().crl());
        MspConfigurationException e = assertThrows(MspConfigurationException.class, () -> msp(bad));
        assertTrue(e.getMessage().contains("crls[0]"), e.getMessage());
    }

    @Test
    void rejectsUnknownMsp() {
        SigningIdentity stranger = org2.signer("peer0.org2", Role.PEER);
        assertEquals(Reason.UNKNOWN_MSP, reasonOf(msp(org1.organization()), stranger.serializedIdentity()));
    }

    @Test
    void rejectsMalformedIdentityBytes() {
        ChannelMsp msp = msp(org1.organization());
        assertEquals(Reason.MALFORMED, reasonOf(msp, new byte[] {(byte) 0xff, 0x01, 0x02}));
        assertEquals(Reason.MALFORMED, reasonOf(msp, new byte[0]));
        byte[] notPem = SerializedIdentity.newBuilder().setMspid("Org1MSP")
                .setIdBytes(ByteString.copyFromUtf8("not a certificate")).build().toByteArray();
        assertEquals(Reason.MALFORMED, reasonOf(msp, notPem));
        byte[] noMspId = SerializedIdentity.newBuilder().setIdBytes(ByteString.copyFromUtf8(
                Pem.encodeCertificate(org1.signer("x", Role.CLIENT).identity().certificate()))).build().toByteArray();
        assertEquals(Reason.MALFORMED, reasonOf(msp, noMspId));
        byte[] truncatedPem = SerializedIdentity.newBuilder().setMspid("Org1MSP").setIdBytes(ByteString.copyFromUtf8(
                "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n")).build().toByteArray();
        assertEquals(Reason.MALFORMED, reasonOf(msp, truncatedPem));
    }

    @Test
    void rejectsCertificateWithoutRole() {
        IssuedCredential credential = org1.issuer().issueIdentity("nobody", Role.CLIENT);
        ChannelMsp strictOus = msp(org1.organization().toBuilder().setNodeOus(NodeOUs.newBuilder().setEnable(true)
                .setClientOu("customer").setPeerOu("peer").setAdminOu("admin").setOrdererOu("orderer")).build());
        assertEquals(Reason.NO_ROLE, reasonOf(strictOus, Identity.serialize("Org1MSP", credential.certificate())));
    }

    @Test
    void readsRoleFromConfiguredOuIdentifiers() throws Exception {
        org.bouncycastle.pkcs.PKCS10CertificationRequest request = dev.ordo.membership.ca.CertificateRequests.create(
                dev.ordo.membership.crypto.EcKeys.generateP256(),
                new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, "c").build());
        var certificate = org1.issuer().issueIdentity(request, Role.PEER);
        ChannelMsp custom = msp(org1.organization().toBuilder().setNodeOus(NodeOUs.newBuilder().setEnable(true)
                .setClientOu("client").setPeerOu("peer").setAdminOu("admin").setOrdererOu("orderer")).build());
        assertEquals(Role.PEER, custom.validate(Identity.serialize("Org1MSP", certificate)).role());
    }

    @Test
    void rejectsCaCertificateUsedAsIdentity() {
        CertificateAuthority intermediate = org1.root().createIntermediate("ica.rogue");
        byte[] serialized = Identity.serialize("Org1MSP", intermediate.certificate());
        assertEquals(Reason.UNTRUSTED_CHAIN, reasonOf(msp(org1.organization()), serialized));
    }

    @Test
    void refusesOrganisationWithoutRoots() {
        assertThrows(MspConfigurationException.class,
                () -> msp(Organization.newBuilder().setMspId("EmptyMSP").build()));
        assertThrows(MspConfigurationException.class, () -> msp(org1.organization(), org1.organization()));
    }

    @Test
    void exposesTlsRootsAndRefusesUnparsableOnes() {
        CertificateAuthority tlsCa = CertificateAuthority.createRoot("tlsca.org1", "Org1MSP");
        Organization withTls = org1.organization().toBuilder()
                .addTlsRootCerts(ByteString.copyFromUtf8(Pem.encodeCertificate(tlsCa.certificate()))).build();
        ChannelMsp msp = msp(withTls, org2.organization());
        assertEquals(List.of(tlsCa.certificate()), msp.tlsRoots("Org1MSP"));
        assertEquals(List.of(tlsCa.certificate()), msp.tlsRoots());
        assertEquals(List.of(), msp.tlsRoots("Org9MSP"));
        Organization broken = org1.organization().toBuilder().addTlsRootCerts(ByteString.copyFromUtf8("junk")).build();
        assertThrows(MspConfigurationException.class, () -> msp(broken));
    }

    @Test
    void validatesConcurrentlyFromManyThreads() throws Exception {
        ChannelMsp msp = ChannelMsp.of(List.of(org1.organization(), org2.organization()), Clock.systemUTC(), 8);
        List<SigningIdentity> signers = new java.util.ArrayList<>();
        for (int i = 0; i < 16; i++) {
            signers.add((i % 2 == 0 ? org1 : org2).signer("user" + i, i % 3 == 0 ? Role.PEER : Role.CLIENT));
        }
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            List<java.util.concurrent.Future<Integer>> results = new java.util.ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int offset = t;
                results.add(pool.submit(() -> {
                    int ok = 0;
                    for (int i = 0; i < 100; i++) {
                        SigningIdentity signer = signers.get((i + offset) % signers.size());
                        Identity identity = msp.validate(signer.serializedIdentity());
                        byte[] message = ("m" + i).getBytes(java.nio.charset.StandardCharsets.UTF_8);
                        if (identity.role() == signer.identity().role() && identity.verify(message, signer.sign(message))) {
                            ok++;
                        }
                    }
                    return ok;
                }));
            }
            for (java.util.concurrent.Future<Integer> result : results) {
                assertEquals(100, result.get(60, java.util.concurrent.TimeUnit.SECONDS));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void boundedCacheKeepsValidatingBeyondItsCapacity() throws Exception {
        ChannelMsp msp = ChannelMsp.of(List.of(org1.organization()), Clock.systemUTC(), 4);
        for (int i = 0; i < 12; i++) {
            SigningIdentity signer = org1.signer("user" + i, Role.CLIENT);
            assertEquals(Role.CLIENT, msp.validate(signer.serializedIdentity()).role());
        }
    }
}
