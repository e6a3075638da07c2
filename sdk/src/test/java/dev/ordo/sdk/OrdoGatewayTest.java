package dev.ordo.sdk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ordo.sdk.profile.NetworkProfile;
import dev.ordo.sdk.profile.NetworkProfileException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.hyperledger.fabric.client.CommitException;
import org.hyperledger.fabric.client.Contract;
import org.hyperledger.fabric.client.EndorseException;
import org.hyperledger.fabric.client.GatewayException;
import org.hyperledger.fabric.client.Status;
import org.hyperledger.fabric.client.SubmittedTransaction;
import org.hyperledger.fabric.client.identity.X509Identity;
import org.hyperledger.fabric.protos.peer.TxValidationCode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The SDK's Java API against a real gRPC gateway on loopback with mutual TLS, using crypto
 * material from membership's generator: the official client, configured by OrdoGateway and
 * signing with OrdoSigners, endorses, submits and evaluates; the peer verifies every signature.
 */
class OrdoGatewayTest {
    @TempDir
    static Path dir;
    static NetworkMaterial material;
    static TestGatewayPeer peer;
    static NetworkProfile profile;

    @BeforeAll
    static void start() throws Exception {
        material = NetworkMaterial.generate(dir);
        peer = new TestGatewayPeer(material, true);
        profile = NetworkProfile.load(material.gatewayProfile("api.yaml", peer.port(), NetworkMaterial.ORG1_DOMAIN,
                "peer0.org1.example.com", true));
    }

    @AfterAll
    static void stop() throws InterruptedException {
        if (peer != null) {
            peer.stop();
        }
    }

    @Test
    void submitsAndEvaluatesOverMutualTlsWithTheHostNameOverride() throws Exception {
        try (OrdoGateway connection = OrdoGateway.connect(profile, NetworkMaterial.ORG1)) {
            Contract contract = connection.getNetwork().getContract("basic");

            byte[] created = contract.submitTransaction("CreateAsset", "asset1", "blue");
            byte[] read = contract.evaluateTransaction("ReadAsset", "asset1");

            assertEquals("created:asset1=blue", new String(created, StandardCharsets.UTF_8));
            assertEquals("asset:asset1", new String(read, StandardCharsets.UTF_8));
            X509Identity identity = (X509Identity) connection.gateway().getIdentity();
            assertEquals(NetworkMaterial.ORG1, identity.getMspId());
            assertEquals("peer0.org1.example.com", connection.peer().name());
        }
    }

    @Test
    void submitAsyncReportsTransactionIdCodeAndBlock() throws Exception {
        try (OrdoGateway connection = OrdoGateway.connect(profile, NetworkMaterial.ORG1)) {
            Contract contract = connection.getNetwork("mychannel").getContract("basic");
            SubmittedTransaction submitted = contract.newProposal("CreateAsset").addArguments("asset2", "red").build()
                    .endorse().submitAsync();
            Status status = submitted.getStatus();

            assertTrue(status.isSuccessful());
            assertEquals(TxValidationCode.VALID, status.getCode());
            assertEquals(peer.blockCount() - 1, status.getBlockNumber());
            assertTrue(submitted.getTransactionId().matches("[0-9a-f]{64}"), submitted.getTransactionId());

            CommitException invalid = assertThrows(CommitException.class, () -> contract.submitTransaction("Conflict"));
            assertEquals(TxValidationCode.MVCC_READ_CONFLICT, invalid.getCode());
            assertTrue(GatewayErrors.describe(invalid).contains("committed as invalid: MVCC_READ_CONFLICT"));
        }
    }

    @Test
    void endorsementFailureCarriesEveryPeersDetail() throws Exception {
        try (OrdoGateway connection = OrdoGateway.connect(profile, NetworkMaterial.ORG1)) {
            Contract contract = connection.getNetwork().getContract("basic");
            EndorseException failure = assertThrows(EndorseException.class,
                    () -> contract.submitTransaction("Fail", "asset1"));

            assertEquals(2, failure.getDetails().size());
            String text = GatewayErrors.describe(failure, connection.peer());
            assertTrue(text.startsWith("endorse failed for transaction " + failure.getTransactionId() + ": ABORTED: "
                    + "failed to endorse transaction"), text);
            assertTrue(text.contains("\n  - peer0.org1.example.com:7051 (Org1MSP): chaincode response 500, asset1 already exists"),
                    text);
            assertTrue(text.contains("\n  - peer0.org2.example.com:9051 (Org2MSP): chaincode response 500, asset1 already exists"),
                    text);
        }
    }

    @Test
    void acceptsResultsLargerThanGrpcsDefaultLimit() throws Exception {
        int size = 6 * 1024 * 1024;
        try (OrdoGateway connection = OrdoGateway.connect(profile, NetworkMaterial.ORG1)) {
            byte[] big = connection.getNetwork().getContract("basic").evaluateTransaction("Big", String.valueOf(size));
            assertEquals(size, big.length);
        }
        try (OrdoGateway limited = OrdoGateway.newInstance(profile, NetworkMaterial.ORG1)
                .maxInboundMessageBytes(4 * 1024 * 1024).connect()) {
            GatewayException e = assertThrows(GatewayException.class,
                    () -> limited.getNetwork().getContract("basic").evaluateTransaction("Big", String.valueOf(size)));
            assertEquals(io.grpc.Status.Code.RESOURCE_EXHAUSTED, e.getStatus().getCode());
        }
    }

    @Test
    void evaluateDeadlineIsSettable() throws Exception {
        try (OrdoGateway connection = OrdoGateway.newInstance(profile, NetworkMaterial.ORG1)
                .timeouts(profile.timeouts().withEvaluate(Duration.ofMillis(300))).connect()) {
            GatewayException e = assertThrows(GatewayException.class,
                    () -> connection.getNetwork().getContract("basic").evaluateTransaction("Slow", "3000"));
            assertEquals(io.grpc.Status.Code.DEADLINE_EXCEEDED, e.getStatus().getCode());
            assertTrue(GatewayErrors.describe(e, connection.peer()).contains("did not answer within the deadline"));
        }
    }

    @Test
    void wrongTlsCaFailsWithAClearMessage() throws Exception {
        NetworkProfile wrongCa = NetworkProfile.load(material.gatewayProfile("wrong-ca.yaml", peer.port(),
                NetworkMaterial.ORG2_DOMAIN, "peer0.org1.example.com", true));
        try (OrdoGateway connection = OrdoGateway.connect(wrongCa, NetworkMaterial.ORG1)) {
            GatewayException e = assertThrows(GatewayException.class,
                    () -> connection.getNetwork().getContract("basic").evaluateTransaction("ReadAsset", "asset1"));
            assertEquals(io.grpc.Status.Code.UNAVAILABLE, e.getStatus().getCode());
            String text = GatewayErrors.describe(e, connection.peer());
            assertTrue(text.contains("TLS handshake with peer peer0.org1.example.com"), text);
            assertTrue(text.contains("not issued by the trusted TLS CA " + connection.peer().tlsCaCertFile()), text);
        }
    }

    @Test
    void tlsNameNotInTheCertificateIsExplained() throws Exception {
        NetworkProfile wrongName = NetworkProfile.load(material.gatewayProfile("wrong-name.yaml", peer.port(),
                NetworkMaterial.ORG1_DOMAIN, "peer0.org2.example.com", true));
        try (OrdoGateway connection = OrdoGateway.connect(wrongName, NetworkMaterial.ORG1)) {
            GatewayException e = assertThrows(GatewayException.class,
                    () -> connection.getNetwork().getContract("basic").evaluateTransaction("ReadAsset", "asset1"));
            String text = GatewayErrors.describe(e, connection.peer());
            assertTrue(text.contains("does not name 'peer0.org2.example.com'"), text);
        }
    }

    @Test
    void addressHostIsVerifiedWithoutOverride() throws Exception {
        // Ordo's TLS certificates carry 127.0.0.1 as well as the node's name.
        NetworkProfile direct = NetworkProfile.load(material.gatewayProfile("direct.yaml", peer.port(),
                NetworkMaterial.ORG1_DOMAIN, null, true));
        try (OrdoGateway connection = OrdoGateway.connect(direct, NetworkMaterial.ORG1)) {
            assertEquals("asset:a", new String(connection.getNetwork().getContract("basic")
                    .evaluateTransaction("ReadAsset", "a"), StandardCharsets.UTF_8));
        }
    }

    @Test
    void serverOnlyTlsWorksWithoutAClientCertificate() throws Exception {
        TestGatewayPeer serverTlsOnly = new TestGatewayPeer(material, false);
        try {
            NetworkProfile noClientTls = NetworkProfile.load(material.gatewayProfile("server-tls.yaml",
                    serverTlsOnly.port(), NetworkMaterial.ORG1_DOMAIN, "peer0.org1.example.com", false));
            try (OrdoGateway connection = OrdoGateway.connect(noClientTls, NetworkMaterial.ORG1)) {
                Contract contract = connection.getNetwork().getContract("basic");
                assertEquals("created:s=t", new String(contract.submitTransaction("CreateAsset", "s", "t"),
                        StandardCharsets.UTF_8));
                try (var blocks = connection.getNetwork().newBlockEventsRequest().startBlock(0).build().getEvents()) {
                    assertEquals(0, blocks.next().getHeader().getNumber());
                }
            }
        } finally {
            serverTlsOnly.stop();
        }
    }

    @Test
    void nothingListeningIsExplained() throws Exception {
        int closedPort;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        NetworkProfile nowhere = NetworkProfile.load(material.gatewayProfile("nowhere.yaml", closedPort,
                NetworkMaterial.ORG1_DOMAIN, "peer0.org1.example.com", true));
        try (OrdoGateway connection = OrdoGateway.connect(nowhere, NetworkMaterial.ORG1)) {
            GatewayException e = assertThrows(GatewayException.class,
                    () -> connection.getNetwork().getContract("basic").evaluateTransaction("ReadAsset", "a"));
            String text = GatewayErrors.describe(e, connection.peer());
            assertTrue(text.startsWith("evaluate failed: UNAVAILABLE"), text);
            assertTrue(text.contains("cannot connect to peer peer0.org1.example.com (127.0.0.1:" + closedPort), text);
            assertTrue(text.contains("Connection refused"), text);
        }
    }

    @Test
    void unknownOrganisationOrPeerFailsAtConnect() {
        GatewayConnectException org = assertThrows(GatewayConnectException.class,
                () -> OrdoGateway.connect(profile, "Org9MSP"));
        assertTrue(org.getMessage().contains("no organisation with MSP id 'Org9MSP'"), org.getMessage());
        assertTrue(org.getCause() instanceof NetworkProfileException);
        GatewayConnectException peerName = assertThrows(GatewayConnectException.class,
                () -> OrdoGateway.newInstance(profile, NetworkMaterial.ORG1).peer("peer7").connect());
        assertTrue(peerName.getMessage().contains("has no peer 'peer7'; it has [peer0.org1.example.com]"),
                peerName.getMessage());
    }
}
