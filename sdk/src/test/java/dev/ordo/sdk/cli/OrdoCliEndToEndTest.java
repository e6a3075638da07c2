package dev.ordo.sdk.cli;

import static dev.ordo.sdk.cli.CliRun.ordo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ordo.sdk.NetworkMaterial;
import dev.ordo.sdk.TestGatewayPeer;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ordo evaluate}, {@code submit} and {@code events} run in-process against a real gRPC
 * gateway on loopback (mutual TLS, membership-generated crypto material): output, exit codes
 * and error details as an operator sees them.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class OrdoCliEndToEndTest {
    private static final Pattern TX_LINE = Pattern.compile("transaction: ([0-9a-f]{64})");

    @TempDir
    static Path dir;
    static NetworkMaterial material;
    static TestGatewayPeer peer;
    static Path profile;

    @BeforeAll
    static void start() throws Exception {
        material = NetworkMaterial.generate(dir);
        peer = new TestGatewayPeer(material, true);
        profile = material.gatewayProfile("cli.yaml", peer.port(), NetworkMaterial.ORG1_DOMAIN,
                "peer0.org1.example.com", true);
    }

    @AfterAll
    static void stop() throws InterruptedException {
        if (peer != null) {
            peer.stop();
        }
    }

    private static String[] gateway(String command, String... rest) {
        List<String> args = new java.util.ArrayList<>(List.of(command.split(" ")));
        args.addAll(List.of("--profile", profile.toString(), "--org", NetworkMaterial.ORG1));
        args.addAll(List.of(rest));
        return args.toArray(String[]::new);
    }

    @Test
    void evaluatePrintsTheResult() {
        CliRun run = ordo(gateway("evaluate", "--contract", "basic", "ReadAsset", "asset7"));
        assertEquals(0, run.exitCode(), run.toString());
        assertEquals("asset:asset7\n", run.out());
        assertEquals("", run.err());
    }

    @Test
    void submitPrintsResultTransactionStatusAndBlock() {
        CliRun run = ordo(gateway("submit", "-n", "basic", "-C", "mychannel", "CreateAsset", "asset8", "green"));
        assertEquals(0, run.exitCode(), run.toString());
        String[] lines = run.out().split("\n");
        assertEquals("created:asset8=green", lines[0]);
        assertTrue(TX_LINE.matcher(lines[1]).matches(), run.toString());
        assertEquals("status: VALID", lines[2]);
        assertTrue(lines[3].matches("block: [1-9][0-9]*"), run.toString());
    }

    @Test
    void invalidCommitExitsNonZeroAfterPrintingTheStatus() {
        CliRun run = ordo(gateway("submit", "-n", "basic", "Conflict"));
        assertEquals(1, run.exitCode(), run.toString());
        assertTrue(run.out().contains("status: MVCC_READ_CONFLICT"), run.toString());
        assertTrue(run.err().contains("was committed as invalid in block"), run.toString());
    }

    @Test
    void endorsementFailurePrintsEachErrorDetail() {
        CliRun run = ordo(gateway("submit", "-n", "basic", "Fail", "asset1"));
        assertEquals(1, run.exitCode(), run.toString());
        assertTrue(run.err().startsWith("error: endorse failed for transaction "), run.toString());
        assertTrue(run.err().contains("ABORTED: failed to endorse transaction, see attached details for more info"), run.toString());
        assertTrue(run.err().contains("  - peer0.org1.example.com:7051 (Org1MSP): chaincode response 500, asset1 already exists"),
                run.toString());
        assertTrue(run.err().contains("  - peer0.org2.example.com:9051 (Org2MSP): chaincode response 500, asset1 already exists"),
                run.toString());
        assertTrue(run.hasNoStackTrace(), run.toString());

        CliRun evaluate = ordo(gateway("evaluate", "-n", "basic", "Fail"));
        assertEquals(1, evaluate.exitCode(), evaluate.toString());
        assertTrue(evaluate.err().contains("evaluate failed: UNKNOWN: evaluate call to endorser returned error"), evaluate.toString());
        assertTrue(evaluate.err().contains("  - peer0.org1.example.com:7051 (Org1MSP): chaincode response 500"), evaluate.toString());
    }

    @Test
    void wrongTlsCaFailsClearly() {
        Path wrong = material.gatewayProfile("cli-wrong-ca.yaml", peer.port(),
                NetworkMaterial.ORG2_DOMAIN, "peer0.org1.example.com", true);
        CliRun run = ordo("evaluate", "-p", wrong.toString(), "-n", "basic", "ReadAsset", "a");
        assertEquals(1, run.exitCode(), run.toString());
        assertTrue(run.err().contains("UNAVAILABLE"), run.toString());
        assertTrue(run.err().contains("its TLS certificate is not issued by the trusted TLS CA"), run.toString());
        assertTrue(run.err().contains("tlsca.org2.example.com-cert.pem"), run.toString());
        assertTrue(run.hasNoStackTrace(), run.toString());
    }

    @Test
    void missingClientCertificateForMutualTlsFails() {
        Path noClientCert = material.gatewayProfile("cli-no-client-tls.yaml", peer.port(),
                NetworkMaterial.ORG1_DOMAIN, "peer0.org1.example.com", false);
        CliRun run = ordo("evaluate", "-p", noClientCert.toString(), "-n", "basic", "ReadAsset", "a");
        assertEquals(1, run.exitCode(), run.toString());
        assertTrue(run.err().contains("UNAVAILABLE"), run.toString());
        assertTrue(run.hasNoStackTrace(), run.toString());
    }

    @Test
    void blockEventsResumeFromTheCheckpointFile() {
        ordo(gateway("submit", "-n", "basic", "CreateAsset", "b1", "x"));
        Path checkpoint = dir.resolve("blocks.checkpoint");
        CliRun first = ordo(gateway("events blocks", "--start", "0", "--count", "2", "--checkpoint-file", checkpoint.toString()));
        assertEquals(0, first.exitCode(), first.toString());
        assertTrue(first.out().startsWith("block 0: 0 transactions\nblock 1: 1 transaction\n  "), first.toString());
        assertTrue(first.out().contains(" ENDORSER_TRANSACTION VALID"), first.toString());

        // The same file: continues with block 2 although --start says 0.
        ordo(gateway("submit", "-n", "basic", "CreateAsset", "b2", "y"));
        CliRun second = ordo(gateway("events blocks", "--start", "0", "--count", "1", "--checkpoint-file", checkpoint.toString()));
        assertEquals(0, second.exitCode(), second.toString());
        assertTrue(second.out().startsWith("block 2: 1 transaction\n"), second.toString());
    }

    @Test
    void chaincodeEventsFollowCommittedEvents() {
        CliRun submitted = ordo(gateway("submit", "-n", "basic", "CreateAsset", "evented", "purple"));
        Matcher tx = TX_LINE.matcher(submitted.out());
        assertTrue(tx.find(), submitted.toString());
        Matcher block = Pattern.compile("block: ([0-9]+)").matcher(submitted.out());
        assertTrue(block.find(), submitted.toString());

        CliRun run = ordo(gateway("events chaincode", "-n", "basic", "--start", block.group(1), "--count", "1"));
        assertEquals(0, run.exitCode(), run.toString());
        assertEquals("block " + block.group(1) + " tx " + tx.group(1) + " event Created payload evented=purple\n", run.out());
    }

    @Test
    void profileCheckSummarisesWithoutContactingPeers() {
        CliRun run = ordo("profile", "check", "-p", profile.toString());
        assertEquals(0, run.exitCode(), run.toString());
        assertTrue(run.out().contains("Org1MSP: user CN=User1@org1.example.com"), run.toString());
        assertTrue(run.out().contains("mutual TLS"), run.toString());
        assertTrue(run.out().contains("peer peer0.org1.example.com (127.0.0.1:"), run.toString());
    }
}
