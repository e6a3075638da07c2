package dev.ordo.membership.msp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ordo.membership.ca.CertificateAuthority;
import dev.ordo.membership.ca.IssuedCredential;
import dev.ordo.membership.crypto.Pem;
import dev.ordo.membership.identity.Role;
import dev.ordo.membership.identity.SigningIdentity;
import dev.ordo.proto.v1.Organization;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemWriter;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MspDirectoryTest {
    private static CertificateAuthority ca;

    @BeforeAll
    static void ca() {
        ca = CertificateAuthority.createRoot("ca.org1.example.com", "org1.example.com");
    }

    private static void write(Path file, String content) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
    }

    /** A key as Fabric CA's client writes it: SEC1 "EC PRIVATE KEY", file named after the SKI. */
    private static String sec1(IssuedCredential credential) throws IOException {
        byte[] sec1 = PrivateKeyInfo.getInstance(credential.privateKey().getEncoded()).parsePrivateKey()
                .toASN1Primitive().getEncoded();
        StringWriter out = new StringWriter();
        try (PemWriter writer = new PemWriter(out)) {
            writer.writeObject(new PemObject("EC PRIVATE KEY", sec1));
        }
        return out.toString();
    }

    @Test
    void loadsFabricCaClientLayoutWithoutConfigYaml(@TempDir Path msp) throws Exception {
        IssuedCredential credential = ca.issueIdentity("appuser", Role.CLIENT);
        write(msp.resolve("cacerts/localhost-7054-ca-org1.pem"), Pem.encodeCertificate(ca.certificate()));
        write(msp.resolve("signcerts/cert.pem"), Pem.encodeCertificate(credential.certificate()));
        write(msp.resolve("keystore/a1b2c3d4_sk"), sec1(credential));
        write(msp.resolve("keystore/.DS_Store"), "ignored");

        SigningIdentity signer = MspDirectory.loadSigningIdentity(msp, "Org1MSP");
        assertEquals(Role.CLIENT, signer.identity().role());
        Organization organization = MspDirectory.loadOrganization(msp, "Org1MSP");
        assertEquals(1, organization.getRootCertsCount());
        assertTrue(!organization.getNodeOus().getEnable(), "no config.yaml: NodeOUs not enabled, defaults apply");
        assertEquals(Role.CLIENT, ChannelMsp.of(List.of(organization)).validate(signer.serializedIdentity()).role());
    }

    @Test
    void picksTheKeyThatMatchesTheCertificate(@TempDir Path msp) throws Exception {
        IssuedCredential credential = ca.issueIdentity("peer0", Role.PEER);
        IssuedCredential other = ca.issueIdentity("peer1", Role.PEER);
        write(msp.resolve("signcerts/peer0-cert.pem"), Pem.encodeCertificate(credential.certificate()));
        write(msp.resolve("keystore/aaa_sk"), Pem.encodePrivateKey(other.privateKey()));
        write(msp.resolve("keystore/priv_sk"), Pem.encodePrivateKey(credential.privateKey()));
        assertEquals(credential.certificate(), MspDirectory.loadSigningIdentity(msp, "Org1MSP").identity().certificate());
    }

    @Test
    void reportsWhatIsWrongWithAnMspFolder(@TempDir Path msp) throws Exception {
        IssuedCredential credential = ca.issueIdentity("peer0", Role.PEER);
        IOException noCert = assertThrows(IOException.class, () -> MspDirectory.loadSigningIdentity(msp, "Org1MSP"));
        assertTrue(noCert.getMessage().contains("signcerts"), noCert.getMessage());

        write(msp.resolve("signcerts/peer0-cert.pem"), Pem.encodeCertificate(credential.certificate()));
        IOException noKey = assertThrows(IOException.class, () -> MspDirectory.loadSigningIdentity(msp, "Org1MSP"));
        assertTrue(noKey.getMessage().contains("no private key"), noKey.getMessage());

        write(msp.resolve("keystore/priv_sk"), Pem.encodePrivateKey(ca.issueIdentity("x", Role.PEER).privateKey()));
        IOException wrongKey = assertThrows(IOException.class, () -> MspDirectory.loadSigningIdentity(msp, "Org1MSP"));
        assertTrue(wrongKey.getMessage().contains("does not match"), wrongKey.getMessage());

        write(msp.resolve("keystore/priv_sk"), "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n");
        assertThrows(IOException.class, () -> MspDirectory.loadSigningIdentity(msp, "Org1MSP"));

        write(msp.resolve("cacerts/ca.pem"), Pem.encodeCertificate(ca.certificate()));
        write(msp.resolve("config.yaml"), "NodeOUs: [not, a, mapping]\n");
        IOException badYaml = assertThrows(IOException.class, () -> MspDirectory.loadOrganization(msp, "Org1MSP"));
        assertTrue(badYaml.getMessage().contains("NodeOUs must be a mapping"), badYaml.getMessage());

        IOException noRoots = assertThrows(IOException.class,
                () -> MspDirectory.loadOrganization(msp.resolve("missing"), "Org1MSP"));
        assertTrue(noRoots.getMessage().contains("does not exist"), noRoots.getMessage());
    }
}
