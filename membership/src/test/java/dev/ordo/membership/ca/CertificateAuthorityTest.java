package dev.ordo.membership.ca;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import dev.ordo.membership.crypto.CertificateNames;
import dev.ordo.membership.crypto.EcKeys;
import dev.ordo.membership.crypto.Pem;
import dev.ordo.membership.identity.Identity;
import dev.ordo.membership.identity.Role;
import dev.ordo.membership.identity.SigningIdentity;
import dev.ordo.membership.msp.ChannelMsp;
import dev.ordo.membership.msp.NodeOuConfigFile;
import dev.ordo.proto.v1.Organization;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class CertificateAuthorityTest {
    private static final String SERVER_AUTH = "1.3.6.1.5.5.7.3.1";
    private static final String CLIENT_AUTH = "1.3.6.1.5.5.7.3.2";

    private static CertificateAuthority root;

    @BeforeAll
    static void ca() {
        root = CertificateAuthority.createRoot("ca.org1.example.com", "org1.example.com");
    }

    private static ChannelMsp msp() {
        return ChannelMsp.of(List.of(Organization.newBuilder().setMspId("Org1MSP")
                .addRootCerts(ByteString.copyFromUtf8(Pem.encodeCertificate(root.certificate())))
                .setNodeOus(NodeOuConfigFile.defaults()).build()));
    }

    @Test
    void enrolsFromCsrWithTheRoleTheCaChooses() throws Exception {
        KeyPair keys = EcKeys.generateP256();
        PKCS10CertificationRequest request = CertificateRequests.create(keys, new X500NameBuilder(BCStyle.INSTANCE)
                .addRDN(BCStyle.OU, "admin").addRDN(BCStyle.CN, "alice").build());
        PKCS10CertificationRequest received = Pem.decodeCsr(Pem.encodeCsr(request).getBytes(StandardCharsets.US_ASCII));

        X509Certificate certificate = root.issueIdentity(received, Role.CLIENT);

        assertEquals(keys.getPublic(), certificate.getPublicKey());
        assertEquals(List.of("client"), CertificateNames.organizationalUnits(certificate), "requested OU is ignored");
        assertEquals("alice", CertificateNames.commonName(certificate));
        SigningIdentity alice = SigningIdentity.of(new Identity("Org1MSP", certificate, Role.CLIENT), keys.getPrivate());
        Identity validated = msp().validate(alice.serializedIdentity());
        assertEquals(Role.CLIENT, validated.role());
        byte[] message = "hello".getBytes(StandardCharsets.UTF_8);
        assertTrue(validated.verify(message, alice.sign(message)));
    }

    @Test
    void refusesCsrWhoseSignatureDoesNotVerify() throws Exception {
        byte[] encoded = CertificateRequests.create(EcKeys.generateP256(), "mallory").getEncoded();
        encoded[encoded.length - 1] ^= 1;
        PKCS10CertificationRequest tampered = new PKCS10CertificationRequest(encoded);
        CertificateRequestException e = assertThrows(CertificateRequestException.class,
                () -> root.issueIdentity(tampered, Role.CLIENT));
        assertTrue(e.getMessage().contains("signature"), e.getMessage());
    }

    @Test
    void refusesCsrWithoutCommonName() {
        PKCS10CertificationRequest request = CertificateRequests.create(EcKeys.generateP256(),
                new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.O, "org").build());
        assertThrows(CertificateRequestException.class, () -> root.issueIdentity(request, Role.CLIENT));
    }

    @Test
    void caCertificatesCarryCaExtensions() throws Exception {
        CertificateAuthority intermediate = root.createIntermediate("ica.org1.example.com");
        for (X509Certificate ca : List.of(root.certificate(), intermediate.certificate())) {
            assertTrue(ca.getBasicConstraints() >= 0);
            assertTrue(ca.getKeyUsage()[5], "keyCertSign");
            assertTrue(ca.getKeyUsage()[6], "cRLSign");
            assertNotNull(ca.getExtensionValue(Extension.subjectKeyIdentifier.getId()));
            assertNotNull(ca.getExtensionValue(Extension.authorityKeyIdentifier.getId()));
        }
        assertEquals(0, intermediate.certificate().getBasicConstraints(), "intermediate path length 0");
        intermediate.certificate().verify(root.certificate().getPublicKey());
        assertEquals(List.of(intermediate.certificate(), root.certificate()), intermediate.chain());
    }

    @Test
    void identityCertificatesCarryRoleAndSigningUsage() throws Exception {
        IssuedCredential peer = root.issueIdentity("peer0.org1.example.com", Role.PEER);
        X509Certificate certificate = peer.certificate();
        assertEquals(-1, certificate.getBasicConstraints());
        assertTrue(certificate.getKeyUsage()[0], "digitalSignature");
        assertFalse(certificate.getKeyUsage()[5], "no keyCertSign");
        assertEquals(List.of("peer"), CertificateNames.organizationalUnits(certificate));
        assertEquals(List.of("org1.example.com"), CertificateNames.values(CertificateNames.subject(certificate), BCStyle.O));
        assertNotNull(certificate.getExtensionValue(Extension.authorityKeyIdentifier.getId()));
        certificate.verify(root.certificate().getPublicKey());
    }

    @Test
    void tlsServerCertificateNamesHostLocalhostAndLoopback() throws Exception {
        X509Certificate server = root.issueTlsServer("peer0.org1.example.com", List.of("10.1.2.3", "peer0")).certificate();
        Set<String> names = new HashSet<>();
        server.getSubjectAlternativeNames().forEach(name -> names.add(String.valueOf(name.get(1))));
        assertEquals(Set.of("peer0.org1.example.com", "peer0", "localhost", "127.0.0.1", "10.1.2.3"), names);
        assertEquals(List.of(SERVER_AUTH, CLIENT_AUTH), server.getExtendedKeyUsage());
        assertTrue(server.getKeyUsage()[0], "digitalSignature");

        X509Certificate client = root.issueTlsClient("User1@org1.example.com").certificate();
        assertEquals(List.of(CLIENT_AUTH), client.getExtendedKeyUsage());
        assertNull(client.getSubjectAlternativeNames());
    }

    @Test
    void revocationAppearsOnTheNextCrl() throws Exception {
        CertificateAuthority ca = CertificateAuthority.createRoot("ca.revoker", "revoker");
        X509CRL empty = ca.crl();
        assertTrue(empty.getRevokedCertificates() == null || empty.getRevokedCertificates().isEmpty());
        X509Certificate revoked = ca.issueIdentity("bob", Role.CLIENT).certificate();
        X509Certificate kept = ca.issueIdentity("carol", Role.CLIENT).certificate();
        ca.revoke(revoked);
        X509CRL crl = ca.crl();
        crl.verify(ca.certificate().getPublicKey());
        assertTrue(crl.isRevoked(revoked));
        assertFalse(crl.isRevoked(kept));
        assertNotNull(crl.getNextUpdate());
        assertThrows(IllegalArgumentException.class, () -> ca.revoke(root.issueIdentity("x", Role.CLIENT).certificate()));
    }
}
