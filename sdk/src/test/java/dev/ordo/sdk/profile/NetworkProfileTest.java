package dev.ordo.sdk.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ordo.sdk.NetworkMaterial;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class NetworkProfileTest {
    private static final String ORG1_USER = "organizations/peerOrganizations/org1.example.com/users/User1@org1.example.com";
    private static final String ORG2_USER = "organizations/peerOrganizations/org2.example.com/users/User1@org2.example.com";
    private static final String ORG1_TLSCA =
            "organizations/peerOrganizations/org1.example.com/tlsca/tlsca.org1.example.com-cert.pem";

    @TempDir
    static Path dir;
    static NetworkMaterial material;
    static String sample;

    @BeforeAll
    static void generate() {
        material = NetworkMaterial.generate(dir);
        sample = NetworkMaterial.sampleProfile();
    }

    @Test
    void loadsTheSampleProfileWithPathsRelativeToItsFolder() throws Exception {
        NetworkProfile profile = NetworkProfile.load(material.writeProfile("sample.yaml", sample));

        assertEquals(Optional.of("mychannel"), profile.channel());
        assertEquals(GatewayTimeouts.DEFAULTS, profile.timeouts());
        assertEquals(2, profile.organizations().size());
        OrganizationProfile org1 = profile.organization("Org1MSP");
        PeerProfile peer = org1.defaultPeer();
        assertEquals("peer0.org1.example.com", peer.name());
        assertEquals("localhost", peer.host());
        assertEquals(7051, peer.port());
        assertEquals("peer0.org1.example.com", peer.tlsAuthority());
        assertEquals(dir.resolve(ORG1_TLSCA).toAbsolutePath().normalize(), peer.tlsCaCertFile());
        assertEquals(1, peer.tlsRootCertificates().size());
        assertEquals("CN=User1@org1.example.com", org1.user().certificate().getSubjectX500Principal().getName()
                .replaceAll(",.*", ""));
        assertTrue(org1.user().privateKeyFile().endsWith("msp/keystore/priv_sk"));
        assertTrue(org1.clientTls().isPresent());
        OrganizationProfile org2 = profile.organization("Org2MSP");
        assertTrue(org2.clientTls().isEmpty(), "clientTls is optional");
        assertTrue(org2.user().certificate().getSubjectX500Principal().getName().contains("User1@org2.example.com"));
        assertTrue(profile.findOrganization("Org3MSP").isEmpty());
    }

    @Test
    void readsTheSameStructureAsJson() throws Exception {
        String json = """
                {"organizations": {"Org1MSP": {
                   "peers": [{"name": "p0", "address": "127.0.0.1:7051", "tlsCaCert": "%s"}],
                   "user": {"certificate": "%s/msp/signcerts/User1@org1.example.com-cert.pem",
                            "privateKey": "%s/msp/keystore/priv_sk"}}},
                 "timeouts": {"evaluate": "500ms", "endorse": 20, "submit": "2m", "commitStatus": "1h"}}
                """.formatted(ORG1_TLSCA, ORG1_USER, ORG1_USER);
        NetworkProfile profile = NetworkProfile.load(material.writeProfile("profile.json", json));

        assertEquals(Optional.empty(), profile.channel());
        assertEquals(new GatewayTimeouts(Duration.ofMillis(500), Duration.ofSeconds(20), Duration.ofMinutes(2),
                Duration.ofHours(1)), profile.timeouts());
        PeerProfile peer = profile.organization("Org1MSP").defaultPeer();
        assertEquals("127.0.0.1", peer.tlsAuthority(), "without an override the address host is verified");
        assertEquals("127.0.0.1:7051", peer.address());
    }

    @Test
    void acceptsIpv6AndGrpcsAddresses() throws Exception {
        NetworkProfile profile = NetworkProfile.load(material.writeProfile("v6.yaml",
                sample.replace("address: localhost:7051", "address: \"[::1]:7051\"")
                        .replace("address: localhost:9051", "address: grpcs://peer0.org2.example.com:9051")));
        assertEquals("::1", profile.organization("Org1MSP").defaultPeer().host());
        assertEquals("[::1]:7051", profile.organization("Org1MSP").defaultPeer().address());
        assertEquals("peer0.org2.example.com", profile.organization("Org2MSP").defaultPeer().host());
    }

    @Test
    void unknownOrganisationListsTheKnownOnes() throws Exception {
        NetworkProfile profile = NetworkProfile.load(material.writeProfile("lookup.yaml", sample));
        NetworkProfileException e = assertThrows(NetworkProfileException.class, () -> profile.organization("Org3MSP"));
        assertTrue(e.getMessage().contains("Org3MSP") && e.getMessage().contains("[Org1MSP, Org2MSP]"), e.getMessage());
    }

    @Test
    void missingFileIsNamed() {
        Path missing = dir.resolve("nope.yaml");
        NetworkProfileException e = assertThrows(NetworkProfileException.class, () -> NetworkProfile.load(missing));
        assertTrue(e.getMessage().startsWith(missing.toAbsolutePath().toString()), e.getMessage());
        assertTrue(e.getMessage().contains("does not exist"), e.getMessage());
    }

    @Test
    void folderIsNotAProfile() {
        NetworkProfileException e = assertThrows(NetworkProfileException.class, () -> NetworkProfile.load(dir));
        assertTrue(e.getMessage().contains("not a readable file"), e.getMessage());
    }

    static Stream<Arguments> malformed() {
        String org1Key = ORG1_USER + "/msp/keystore/priv_sk";
        String org2Key = ORG2_USER + "/msp/keystore/priv_sk";
        return Stream.of(
                whole("", null, "profile is empty"),
                whole("organizations: [unclosed", null, "not valid YAML or JSON"),
                whole("- a\n- b\n", null, "must be a mapping at the top level"),
                whole("channel: mychannel\n", "organizations", "is required"),
                whole("organizations: {}\n", "organizations", "non-empty mapping"),
                whole("organizations:\n  Org1MSP: {}\n", "organizations.Org1MSP.peers", "is required"),
                whole("organizations:\n  Org1MSP:\n    peers: []\n", "organizations.Org1MSP.peers", "non-empty list"),
                replace("channel: mychannel", "chanel: mychannel", "chanel", "unknown key"),
                replace("channel: mychannel", "channel: MyChannel", "channel", "not a valid channel name"),
                replace("channel: mychannel", "channel: mychannel\nchannel: other", null, "duplicate key"),
                replace("  evaluate: 5s", "  evaluate: 5 seconds", "timeouts.evaluate", "positive duration"),
                replace("  endorse: 15s", "  endorse: 0", "timeouts.endorse", "positive duration"),
                replace("  submit: 5s", "  submit: -1s", "timeouts.submit", "positive duration"),
                replace("  commitStatus: 1m", "  commitStatus: 1d", "timeouts.commitStatus", "positive duration"),
                replace("  Org1MSP:", "  Org1 MSP:", "organizations.Org1 MSP", "MSP id may only hold"),
                whole("organizations:\n  Org1MSP:\n    peers:\n      - 42\n", "organizations.Org1MSP.peers[0]",
                        "must be a mapping"),
                replace("      - name: peer0.org1.example.com\n        address", "      - address",
                        "organizations.Org1MSP.peers[0].name", "is required"),
                replace("address: localhost:7051", "address: localhost", "organizations.Org1MSP.peers[0].address",
                        "is not host:port"),
                replace("address: localhost:7051", "address: localhost:0", "organizations.Org1MSP.peers[0].address",
                        "port 0 is not between 1 and 65535"),
                replace("address: localhost:7051", "address: localhost:70000",
                        "organizations.Org1MSP.peers[0].address", "port 70000 is not between 1 and 65535"),
                replace("address: localhost:7051", "address: localhost:70a1", "organizations.Org1MSP.peers[0].address",
                        "is not host:port"),
                replace("address: localhost:7051", "address: 7051", "organizations.Org1MSP.peers[0].address",
                        "must be a non-empty string"),
                replace("address: localhost:7051", "address: grpc://localhost:7051",
                        "organizations.Org1MSP.peers[0].address", "only grpcs://"),
                replace("address: localhost:7051", "address: local_host:7051",
                        "organizations.Org1MSP.peers[0].address", "not a host name"),
                replace("tlsHostOverride: peer0.org1.example.com", "tlsHostOverride: peer0 org1",
                        "organizations.Org1MSP.peers[0].tlsHostOverride", "not a host name"),
                replace("        tlsHostOverride: peer0.org1.example.com\n", "        tlsHost: x\n",
                        "organizations.Org1MSP.peers[0].tlsHost", "unknown key"),
                replace(ORG1_TLSCA, "missing/ca.pem", "organizations.Org1MSP.peers[0].tlsCaCert", "does not exist"),
                replace(ORG1_TLSCA, org1Key, "organizations.Org1MSP.peers[0].tlsCaCert", "expected PEM type CERTIFICATE"),
                replace(ORG1_TLSCA, "organizations", "organizations.Org1MSP.peers[0].tlsCaCert", "not a readable file"),
                replace("    peers:\n      - name: peer0.org2.example.com\n        address: localhost:9051\n",
                        "    peers:\n      - name: peer0.org2.example.com\n        address: localhost:9051\n"
                                + "        tlsCaCert: x\n      - name: peer0.org2.example.com\n        address: localhost:9051\n",
                        "organizations.Org2MSP.peers[0].tlsCaCert", "does not exist"),
                replace("  Org2MSP:\n    peers:\n", "  Org2MSP:\n    peers:\n      - name: peer0.org2.example.com\n"
                                + "        address: localhost:9051\n        tlsCaCert: " + ORG1_TLSCA + "\n",
                        "organizations.Org2MSP.peers[1].name", "used twice"),
                replace("    user:\n      mspDir: " + ORG1_USER + "/msp\n", "", "organizations.Org1MSP.user", "is required"),
                replace("      mspDir: " + ORG1_USER + "/msp\n", "      mspDir: " + ORG1_USER + "/msp\n      privateKey: "
                        + org1Key + "\n", "organizations.Org1MSP.user", "either mspDir or certificate and privateKey"),
                replace("      mspDir: " + ORG1_USER + "/msp", "      mspDir: " + ORG1_USER + "/nothing",
                        "organizations.Org1MSP.user.mspDir", "is not a folder"),
                replace("      mspDir: " + ORG1_USER + "/msp", "      mspDir: " + ORG1_USER + "/tls",
                        "organizations.Org1MSP.user.mspDir", "signcerts is missing"),
                replace("      privateKey: " + org2Key, "", "organizations.Org2MSP.user.privateKey", "is required"),
                replace("      privateKey: " + org2Key, "      privateKey: " + org2Key + ".missing",
                        "organizations.Org2MSP.user.privateKey", "does not exist"),
                replace("      privateKey: " + org2Key, "      privateKey: " + org1Key,
                        "organizations.Org2MSP.user.privateKey", "is not the key of certificate"),
                replace("      privateKey: " + org2Key, "      privateKey: " + ORG1_TLSCA,
                        "organizations.Org2MSP.user.privateKey", "expected an unencrypted private key"),
                replace("/User1@org2.example.com-cert.pem", "/../keystore/priv_sk",
                        "organizations.Org2MSP.user.certificate", "expected PEM type CERTIFICATE"),
                replace("      privateKey: " + ORG1_USER + "/tls/client.key", "",
                        "organizations.Org1MSP.clientTls.privateKey", "is required"),
                replace("      privateKey: " + ORG1_USER + "/tls/client.key", "      privateKey: " + org1Key,
                        "organizations.Org1MSP.clientTls.privateKey", "is not the key of certificate"),
                replace("    clientTls:", "    clientTLS:", "organizations.Org1MSP.clientTLS", "unknown key"));
    }

    @ParameterizedTest(name = "{1}: {2}")
    @MethodSource("malformed")
    void malformedProfileNamesTheField(String yaml, String field, String fragment) {
        Path file = material.writeProfile("bad-" + Integer.toHexString(yaml.hashCode()) + ".yaml", yaml);
        NetworkProfileException e = assertThrows(NetworkProfileException.class, () -> NetworkProfile.load(file));
        assertEquals(field, e.field(), e.getMessage());
        assertTrue(e.getMessage().startsWith(file.toAbsolutePath().toString()), e.getMessage());
        assertTrue(e.getMessage().contains(fragment), "expected '" + fragment + "' in: " + e.getMessage());
    }

    @Test
    void emptyKeystoreAndUnmatchedKeysAreExplained() throws IOException {
        Path msp = dir.resolve("copied-msp");
        Path source = material.userDir(NetworkMaterial.ORG1_DOMAIN).resolve("msp");
        Files.createDirectories(msp.resolve("signcerts"));
        Files.createDirectories(msp.resolve("keystore"));
        try (Stream<Path> certs = Files.list(source.resolve("signcerts"))) {
            Path cert = certs.findFirst().orElseThrow();
            Files.copy(cert, msp.resolve("signcerts").resolve(cert.getFileName()));
        }
        String yaml = sample.replace("mspDir: " + ORG1_USER + "/msp", "mspDir: copied-msp");
        Path file = material.writeProfile("keystore.yaml", yaml);
        NetworkProfileException empty = assertThrows(NetworkProfileException.class, () -> NetworkProfile.load(file));
        assertTrue(empty.getMessage().contains("holds no private key file"), empty.getMessage());

        Files.copy(dir.resolve(ORG2_USER + "/msp/keystore/priv_sk"), msp.resolve("keystore/priv_sk"));
        Files.writeString(msp.resolve("keystore/other_sk"), "garbage", StandardCharsets.US_ASCII);
        NetworkProfileException unmatched = assertThrows(NetworkProfileException.class, () -> NetworkProfile.load(file));
        assertEquals("organizations.Org1MSP.user.mspDir", unmatched.field());
        assertTrue(unmatched.getMessage().contains("holds no key for the certificate"), unmatched.getMessage());
        assertTrue(unmatched.getMessage().contains("other_sk"), unmatched.getMessage());
    }

    /** The sample without comment-only lines and trailing comments, so that replacements match whole lines. */
    private static String withoutComments(String yaml) {
        StringBuilder out = new StringBuilder();
        for (String line : yaml.split("\n")) {
            String code = line.replaceAll("\\s*#.*$", "");
            if (!code.isBlank()) {
                out.append(code).append('\n');
            }
        }
        return out.toString();
    }

    @Test
    void nonEcKeyIsNamedAsSuch() throws Exception {
        java.security.KeyPairGenerator rsa = java.security.KeyPairGenerator.getInstance("RSA");
        rsa.initialize(1024);
        Path rsaKey = Files.writeString(dir.resolve("rsa.key"),
                dev.ordo.membership.crypto.Pem.encodePrivateKey(rsa.generateKeyPair().getPrivate()));
        String yaml = withoutComments(sample).replace("      privateKey: " + ORG2_USER + "/msp/keystore/priv_sk",
                "      privateKey: " + rsaKey);
        Path file = material.writeProfile("rsa.yaml", yaml);
        NetworkProfileException e = assertThrows(NetworkProfileException.class, () -> NetworkProfile.load(file));
        assertEquals("organizations.Org2MSP.user.privateKey", e.field());
        assertTrue(e.getMessage().contains("rsa.key: expected an EC private key"), e.getMessage());
    }

    private static Arguments whole(String yaml, String field, String fragment) {
        return Arguments.of(yaml, field, fragment);
    }

    private static Arguments replace(String from, String to, String field, String fragment) {
        String base = withoutComments(NetworkMaterial.sampleProfile());
        if (!base.contains(from)) {
            throw new IllegalArgumentException("the sample profile has no '" + from + "'");
        }
        return Arguments.of(base.replace(from, to), field, fragment);
    }
}
