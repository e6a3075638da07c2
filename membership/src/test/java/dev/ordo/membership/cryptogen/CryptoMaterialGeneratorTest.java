package dev.ordo.membership.cryptogen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ordo.membership.OpenSsl;
import dev.ordo.membership.identity.Identity;
import dev.ordo.membership.identity.Role;
import dev.ordo.membership.identity.SigningIdentity;
import dev.ordo.membership.msp.ChannelMsp;
import dev.ordo.membership.msp.MspDirectory;
import dev.ordo.membership.tls.TlsMaterial;
import dev.ordo.proto.v1.Organization;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CryptoMaterialGeneratorTest {
    private static final String YAML = """
            OrdererOrgs:
              - Name: Orderer
                Domain: example.com
                Template:
                  Count: 3
            PeerOrgs:
              - Name: Org1
                Domain: org1.example.com
                EnableNodeOUs: true
                Template:
                  Count: 2
                Users:
                  Count: 1
              - Name: Org2
                Domain: org2.example.com
                MspId: Org2MSP
                IntermediateCA: true
                Specs:
                  - Hostname: peer0
                    SANS: [peer0.internal, 10.0.0.7]
                Users:
                  Count: 2
            """;

    @TempDir
    static Path output;
    private static CryptoLayout layout;
    private static long generationMillis;

    @BeforeAll
    static void generate() throws IOException {
        long start = System.nanoTime();
        CryptoMaterialGenerator.generate(NetworkSpecYaml.parse(YAML), output);
        generationMillis = (System.nanoTime() - start) / 1_000_000;
        layout = CryptoLayout.of(output);
    }

    @Test
    void writesCryptogenLayout() {
        Path org1 = layout.peerOrganization("org1.example.com");
        List<Path> expected = new ArrayList<>(List.of(
                org1.resolve("ca/priv_sk"),
                org1.resolve("ca/ca.org1.example.com-cert.pem"),
                org1.resolve("tlsca/priv_sk"),
                org1.resolve("tlsca/tlsca.org1.example.com-cert.pem"),
                org1.resolve("msp/cacerts/ca.org1.example.com-cert.pem"),
                org1.resolve("msp/tlscacerts/tlsca.org1.example.com-cert.pem"),
                org1.resolve("msp/crls/ca.org1.example.com-crl.pem"),
                org1.resolve("msp/config.yaml")));
        for (String peer : List.of("peer0", "peer1")) {
            Path node = layout.peer("org1.example.com", peer);
            expected.add(node.resolve("msp/keystore/priv_sk"));
            expected.add(node.resolve("msp/signcerts/" + peer + ".org1.example.com-cert.pem"));
            expected.add(node.resolve("msp/cacerts/ca.org1.example.com-cert.pem"));
            expected.add(node.resolve("msp/tlscacerts/tlsca.org1.example.com-cert.pem"));
            expected.add(node.resolve("msp/config.yaml"));
            expected.add(node.resolve("tls/ca.crt"));
            expected.add(node.resolve("tls/server.crt"));
            expected.add(node.resolve("tls/server.key"));
        }
        for (String user : List.of("Admin", "User1")) {
            Path dir = layout.peerUser("org1.example.com", user);
            expected.add(dir.resolve("msp/keystore/priv_sk"));
            expected.add(dir.resolve("msp/signcerts/" + user + "@org1.example.com-cert.pem"));
            expected.add(dir.resolve("tls/ca.crt"));
            expected.add(dir.resolve("tls/client.crt"));
            expected.add(dir.resolve("tls/client.key"));
        }
        for (String orderer : List.of("orderer0", "orderer1", "orderer2")) {
            Path node = layout.orderer("example.com", orderer);
            expected.add(node.resolve("msp/signcerts/" + orderer + ".example.com-cert.pem"));
            expected.add(node.resolve("tls/server.crt"));
        }
        expected.add(layout.ordererUser("example.com", "Admin").resolve("msp/signcerts/Admin@example.com-cert.pem"));
        Path org2 = layout.peerOrganization("org2.example.com");
        expected.add(org2.resolve("msp/intermediatecerts/ica.org2.example.com-cert.pem"));
        expected.add(org2.resolve("msp/crls/ica.org2.example.com-crl.pem"));
        expected.add(org2.resolve("ca/intermediate/priv_sk"));
        expected.add(layout.peerUser("org2.example.com", "User2").resolve("tls/client.key"));
        for (Path file : expected) {
            assertTrue(Files.isRegularFile(file), "missing " + output.relativize(file));
        }
        assertFalse(Files.exists(layout.peerUser("org1.example.com", "User2")));
        assertFalse(Files.exists(layout.ordererUser("example.com", "User1")), "orderer orgs have only Admin by default");
    }

    @Test
    void generatesANetworkQuickly() {
        assertTrue(generationMillis < 10_000, "generation took " + generationMillis + " ms");
    }

    @Test
    void writesNodeOusConfig() throws IOException {
        String config = Files.readString(layout.peerOrganization("org1.example.com").resolve("msp/config.yaml"));
        assertTrue(config.contains("Enable: true"), config);
        for (String[] entry : new String[][] {{"ClientOUIdentifier", "client"}, {"PeerOUIdentifier", "peer"},
                {"AdminOUIdentifier", "admin"}, {"OrdererOUIdentifier", "orderer"}}) {
            assertTrue(config.contains("  " + entry[0] + ":\n    Certificate: cacerts/ca.org1.example.com-cert.pem\n"
                    + "    OrganizationalUnitIdentifier: " + entry[1] + "\n"), config);
        }
    }

    @Test
    void privateKeysAreReadableByTheOwnerOnly() throws IOException {
        Path key = layout.peer("org1.example.com", "peer0").resolve("msp/keystore/priv_sk");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(key)));
        assertTrue(Files.readString(key).startsWith("-----BEGIN PRIVATE KEY-----\n"), "PKCS#8 PEM");
    }

    @Test
    void everyCertificatePassesOpenSslVerify() throws Exception {
        OpenSsl.requireInstalled();
        int checked = 0;
        for (Path orgDir : organisationDirs()) {
            String domain = orgDir.getFileName().toString();
            Path ca = orgDir.resolve("ca/ca." + domain + "-cert.pem");
            Path tlsCa = orgDir.resolve("tlsca/tlsca." + domain + "-cert.pem");
            Path intermediate = orgDir.resolve("msp/intermediatecerts/ica." + domain + "-cert.pem");
            for (Path certificate : files(orgDir)) {
                String name = certificate.getFileName().toString();
                boolean tls = certificate.getParent().getFileName().toString().equals("tls")
                        || certificate.getParent().getFileName().toString().equals("tlscacerts")
                        || certificate.getParent().getFileName().toString().equals("tlsca");
                if (!(name.endsWith("-cert.pem") || name.endsWith(".crt"))) {
                    continue;
                }
                List<String> args = new ArrayList<>(List.of("verify", "-CAfile", (tls ? tlsCa : ca).toString()));
                if (!tls && Files.exists(intermediate)) {
                    args.add("-untrusted");
                    args.add(intermediate.toString());
                }
                args.add(certificate.toString());
                OpenSsl.Result result = OpenSsl.run(args.toArray(String[]::new));
                assertEquals(0, result.exitCode(), output.relativize(certificate) + ": " + result.output());
                assertTrue(result.output().contains(": OK"), result.output());
                checked++;
            }
        }
        assertTrue(checked > 60, "only " + checked + " certificates checked");
    }

    @Test
    void openSslReadsEveryPrivateKeyAndItMatchesItsCertificate() throws Exception {
        Path node = layout.peer("org1.example.com", "peer0");
        Path user = layout.peerUser("org2.example.com", "Admin");
        List<Path[]> pairs = List.of(
                new Path[] {node.resolve("msp/keystore/priv_sk"), node.resolve("msp/signcerts/peer0.org1.example.com-cert.pem")},
                new Path[] {node.resolve("tls/server.key"), node.resolve("tls/server.crt")},
                new Path[] {user.resolve("tls/client.key"), user.resolve("tls/client.crt")},
                new Path[] {layout.peerOrganization("org1.example.com").resolve("ca/priv_sk"),
                        layout.peerOrganization("org1.example.com").resolve("ca/ca.org1.example.com-cert.pem")});
        for (Path[] pair : pairs) {
            OpenSsl.Result fromKey = OpenSsl.run("pkey", "-in", pair[0].toString(), "-pubout");
            OpenSsl.Result fromCertificate = OpenSsl.run("x509", "-in", pair[1].toString(), "-pubkey", "-noout");
            assertEquals(0, fromKey.exitCode(), fromKey.output());
            assertEquals(0, fromCertificate.exitCode(), fromCertificate.output());
            assertTrue(fromKey.output().contains("BEGIN PUBLIC KEY"), fromKey.output());
            assertEquals(fromCertificate.output(), fromKey.output(), output.relativize(pair[0]).toString());
        }
    }

    @Test
    void everyCrlPassesOpenSslCrlCheck() throws Exception {
        int checked = 0;
        for (Path orgDir : organisationDirs()) {
            String domain = orgDir.getFileName().toString();
            for (Path crl : files(orgDir)) {
                String name = crl.getFileName().toString();
                if (!name.endsWith("-crl.pem")) {
                    continue;
                }
                Path issuer = switch (name.substring(0, name.indexOf('.'))) {
                    case "ca" -> orgDir.resolve("ca/ca." + domain + "-cert.pem");
                    case "ica" -> orgDir.resolve("ca/intermediate/ica." + domain + "-cert.pem");
                    case "tlsca" -> orgDir.resolve("tlsca/tlsca." + domain + "-cert.pem");
                    default -> throw new AssertionError("unexpected CRL " + crl);
                };
                OpenSsl.Result result = OpenSsl.run("crl", "-in", crl.toString(), "-CAfile", issuer.toString(), "-noout");
                assertEquals(0, result.exitCode(), output.relativize(crl) + ": " + result.output());
                assertTrue(result.output().contains("verify OK"), result.output());
                checked++;
            }
        }
        assertEquals(7, checked, "3 orgs x (ca + tlsca) + 1 intermediate");
    }

    @Test
    void generatedMspFoldersLoadAndValidate() throws Exception {
        List<Organization> organizations = List.of(
                MspDirectory.loadOrganization(layout.ordererOrganization("example.com").resolve("msp"), "OrdererMSP"),
                MspDirectory.loadOrganization(layout.peerOrganization("org1.example.com").resolve("msp"), "Org1MSP"),
                MspDirectory.loadOrganization(layout.peerOrganization("org2.example.com").resolve("msp"), "Org2MSP"));
        assertEquals(1, organizations.get(2).getIntermediateCertsCount());
        assertEquals(2, organizations.get(2).getCrlsCount());
        assertTrue(organizations.get(1).getNodeOus().getEnable());
        assertEquals(1, organizations.get(1).getTlsRootCertsCount());
        ChannelMsp msp = ChannelMsp.of(organizations);

        assertRole(msp, layout.orderer("example.com", "orderer1").resolve("msp"), "OrdererMSP", Role.ORDERER);
        assertRole(msp, layout.ordererUser("example.com", "Admin").resolve("msp"), "OrdererMSP", Role.ADMIN);
        assertRole(msp, layout.peer("org1.example.com", "peer1").resolve("msp"), "Org1MSP", Role.PEER);
        assertRole(msp, layout.peerUser("org1.example.com", "Admin").resolve("msp"), "Org1MSP", Role.ADMIN);
        assertRole(msp, layout.peerUser("org1.example.com", "User1").resolve("msp"), "Org1MSP", Role.CLIENT);
        assertRole(msp, layout.peer("org2.example.com", "peer0").resolve("msp"), "Org2MSP", Role.PEER);
        assertRole(msp, layout.peerUser("org2.example.com", "User2").resolve("msp"), "Org2MSP", Role.CLIENT);
    }

    @Test
    void generatedTlsFoldersLoad() throws Exception {
        TlsMaterial server = TlsMaterial.load(layout.peer("org2.example.com", "peer0").resolve("tls"));
        List<String> names = new ArrayList<>();
        server.certificate().getSubjectAlternativeNames().forEach(n -> names.add(String.valueOf(n.get(1))));
        assertEquals(List.of("peer0.org2.example.com", "peer0.internal", "10.0.0.7", "localhost", "127.0.0.1"), names);
        TlsMaterial client = TlsMaterial.load(layout.peerUser("org2.example.com", "User1").resolve("tls"));
        assertEquals(server.trustedRoots(), client.trustedRoots());
    }

    @Test
    void generatedCaFolderIssuesFurtherIdentities() throws Exception {
        Path org2 = layout.peerOrganization("org2.example.com");
        dev.ordo.membership.ca.CertificateAuthority root =
                dev.ordo.membership.ca.CertificateAuthority.load(org2.resolve("ca"), List.of());
        dev.ordo.membership.ca.CertificateAuthority intermediate = dev.ordo.membership.ca.CertificateAuthority.load(
                org2.resolve("ca/intermediate"), List.of(root.certificate()));
        SigningIdentity user = intermediate.issueIdentity("User9@org2.example.com", Role.CLIENT)
                .signingIdentity("Org2MSP", Role.CLIENT);
        ChannelMsp msp = ChannelMsp.of(List.of(MspDirectory.loadOrganization(org2.resolve("msp"), "Org2MSP")));
        assertEquals(Role.CLIENT, msp.validate(user.serializedIdentity()).role());
        IOException missing = assertThrows(IOException.class,
                () -> dev.ordo.membership.ca.CertificateAuthority.load(org2.resolve("nope"), List.of()));
        assertTrue(missing.getMessage().contains("does not exist"), missing.getMessage());
    }

    @Test
    void refusesToOverwriteAnExistingOrganisation() {
        IOException e = assertThrows(IOException.class,
                () -> CryptoMaterialGenerator.generate(NetworkSpecYaml.parse(YAML), output));
        assertTrue(e.getMessage().contains("already exists"), e.getMessage());
    }

    @Test
    void mainReadsYamlFile(@TempDir Path dir) throws Exception {
        Path yaml = dir.resolve("crypto-config.yaml");
        Files.writeString(yaml, "PeerOrgs:\n  - Name: Solo\n    Domain: solo.example.com\n", StandardCharsets.UTF_8);
        CryptoMaterialGenerator.main(new String[] {yaml.toString(), dir.resolve("out").toString()});
        CryptoLayout out = CryptoLayout.of(dir.resolve("out"));
        assertTrue(Files.isRegularFile(out.peer("solo.example.com", "peer0").resolve("tls/server.crt")));
        assertTrue(Files.isRegularFile(out.peerUser("solo.example.com", "User1").resolve("tls/client.crt")),
                "User1 by default");
        SigningIdentity admin = MspDirectory.loadSigningIdentity(out.peerUser("solo.example.com", "Admin").resolve("msp"),
                "SoloMSP");
        assertEquals(Role.ADMIN, admin.identity().role());
    }

    @Test
    void programmaticSpecGeneratesTheSampleNetwork(@TempDir Path dir) throws Exception {
        CryptoMaterialGenerator.generate(NetworkSpec.sample(3, 2, 1), dir);
        CryptoLayout sample = CryptoLayout.of(dir);
        assertTrue(Files.isDirectory(sample.orderer("example.com", "orderer2")));
        assertTrue(Files.isDirectory(sample.peer("org2.example.com", "peer0")));
    }

    private static void assertRole(ChannelMsp msp, Path mspDir, String mspId, Role role) throws Exception {
        SigningIdentity signer = MspDirectory.loadSigningIdentity(mspDir, mspId);
        assertEquals(role, signer.identity().role(), mspDir.toString());
        Identity validated = msp.validate(signer.serializedIdentity());
        assertEquals(role, validated.role());
        byte[] message = mspDir.toString().getBytes(StandardCharsets.UTF_8);
        assertTrue(validated.verify(message, signer.sign(message)));
    }

    private static List<Path> organisationDirs() throws IOException {
        List<Path> dirs = new ArrayList<>();
        for (String kind : List.of(CryptoLayout.PEER_ORGANIZATIONS, CryptoLayout.ORDERER_ORGANIZATIONS)) {
            try (Stream<Path> list = Files.list(layout.organizations().resolve(kind))) {
                list.forEach(dirs::add);
            }
        }
        return dirs;
    }

    private static List<Path> files(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile).sorted().toList();
        }
    }
}
