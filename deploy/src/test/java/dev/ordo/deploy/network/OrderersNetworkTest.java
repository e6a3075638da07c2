package dev.ordo.deploy.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.ordo.deploy.cli.OrdoNetworkCli;
import dev.ordo.deploy.topology.NetworkNode;
import dev.ordo.deploy.topology.NetworkTopology;
import dev.ordo.deploy.topology.TopologyFile;
import dev.ordo.membership.cryptogen.CryptoLayout;
import dev.ordo.membership.identity.SigningIdentity;
import dev.ordo.membership.msp.MspDirectory;
import dev.ordo.membership.tls.TlsMaterial;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.ChannelHeader;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.Payload;
import org.hyperledger.fabric.protos.common.Status;
import org.hyperledger.fabric.protos.orderer.BroadcastResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The launcher end to end with the orderers alone: {@code up --orderers-only} starts three
 * orderer processes and creates the channel on each, {@code status} reports them, a transaction
 * broadcast to one orderer is delivered by another, a second {@code up} only reports, and
 * {@code down} leaves no process behind.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OrderersNetworkTest {
    @TempDir
    static Path temp;

    static Path networkDir;
    static String upOutput;
    static int upExitCode;
    static final List<Long> pids = new ArrayList<>();

    record Run(int exitCode, String out, String err) {
    }

    static Run cli(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine commandLine = OrdoNetworkCli.newCommandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        int code = commandLine.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    @BeforeAll
    static void up() throws Exception {
        networkDir = temp.resolve("network");
        Run up = cli("up", "--orderers-only", "--dir", networkDir.toString(), "--timeout", "240");
        upExitCode = up.exitCode();
        upOutput = up.out() + up.err();
        recordPids();
    }

    static void recordPids() throws Exception {
        NetworkDirectory directory = new NetworkDirectory(networkDir);
        if (!directory.exists()) {
            return;
        }
        for (NetworkNode node : TopologyFile.read(directory.topologyFile()).nodes()) {
            Path pidFile = directory.pidFile(node);
            if (Files.exists(pidFile)) {
                pids.add(Long.parseLong(Files.readString(pidFile).trim()));
            }
        }
    }

    @AfterAll
    static void down() {
        Run down = cli("down", "--dir", networkDir.toString());
        // Whatever happened above, no process of this test survives it.
        for (long pid : pids) {
            ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
        }
        assertEquals(0, down.exitCode(), down.err());
    }

    @Test
    @Order(1)
    void upStartsThreeOrderersAndCreatesTheChannel() {
        assertEquals(0, upExitCode, upOutput);
        assertTrue(upOutput.contains("The Ordo network is up."), upOutput);
        for (int i = 0; i < 3; i++) {
            assertTrue(upOutput.contains("orderer" + i + ".example.com joined mychannel"), upOutput);
        }
        assertEquals(3, pids.size());
        assertTrue(upOutput.contains("orderer TLS CA: "), upOutput);
        assertTrue(Files.isRegularFile(networkDir.resolve("channel-artifacts/mychannel.block")));
        assertTrue(Files.isDirectory(networkDir.resolve(
                "crypto/organizations/peerOrganizations/org1.example.com/users/User1@org1.example.com/msp")));
    }

    @Test
    @Order(2)
    void statusShowsEveryOrdererUpWithTheChannel() {
        assumeTrue(upExitCode == 0, "up failed: see the first test");
        Run status = cli("status", "--dir", networkDir.toString());
        assertEquals(0, status.exitCode(), status.out() + status.err());
        List<String> rows = status.out().lines().filter(l -> l.startsWith("orderer")).toList();
        assertEquals(3, rows.size(), status.out());
        for (String row : rows) {
            // Orderers keep no world state: no state hash.
            assertTrue(row.matches(
                    "orderer\\d\\.example\\.com\\s+\\d+\\s+\\d+\\s+\\d+\\s+\\d+\\s+\\d+\\s+UP\\s+\\d+\\s+-"), row);
        }
        assertTrue(status.out().contains("All nodes are healthy."), status.out());
    }

    @Test
    @Order(3)
    void aTransactionBroadcastToOneOrdererIsDeliveredByAnother() throws Exception {
        assumeTrue(upExitCode == 0, "up failed: see the first test");
        NetworkDirectory directory = new NetworkDirectory(networkDir);
        NetworkTopology topology = TopologyFile.read(directory.topologyFile());
        CryptoLayout crypto = directory.crypto();
        SigningIdentity user = MspDirectory.loadSigningIdentity(
                crypto.peerUser("org1.example.com", "User1").resolve("msp"), "Org1MSP");
        SigningIdentity peer = MspDirectory.loadSigningIdentity(
                crypto.peer("org1.example.com", "peer0").resolve("msp"), "Org1MSP");
        TlsMaterial tls = TlsMaterial.load(crypto.peerUser("org1.example.com", "User1").resolve("tls"))
                .withTrustedRoots(TlsMaterial.load(directory.nodeCrypto(topology.orderers().get(0)).resolve("tls"))
                        .trustedRoots());
        Envelope transaction = OrdererTestClient.transaction("mychannel", user, peer);
        String txId = ChannelHeader.parseFrom(Payload.parseFrom(transaction.getPayload()).getHeader()
                .getChannelHeader()).getTxId();

        BroadcastResponse response;
        try (OrdererTestClient orderer0 = new OrdererTestClient(topology.orderers().get(0).ports().grpc(), tls)) {
            response = orderer0.broadcast(transaction);
            // A leader change right after start-up is answered SERVICE_UNAVAILABLE: resend, as Fabric clients do.
            for (int attempt = 0; attempt < 10 && response.getStatus() == Status.SERVICE_UNAVAILABLE; attempt++) {
                Thread.sleep(1000);
                response = orderer0.broadcast(transaction);
            }
        }
        assertEquals(Status.SUCCESS, response.getStatus(), response.getInfo());

        try (OrdererTestClient orderer2 = new OrdererTestClient(topology.orderers().get(2).ports().grpc(), tls)) {
            List<Block> blocks = orderer2.deliver("mychannel", 1, 1, user);
            assertEquals(1, blocks.size());
            Block block = blocks.get(0);
            assertEquals(1, block.getHeader().getNumber());
            Envelope ordered = Envelope.parseFrom(block.getData().getData(0));
            assertEquals(txId, ChannelHeader.parseFrom(Payload.parseFrom(ordered.getPayload()).getHeader()
                    .getChannelHeader()).getTxId());
        }
    }

    @Test
    @Order(4)
    void upOnARunningNetworkOnlyReports() {
        assumeTrue(upExitCode == 0, "up failed: see the first test");
        Run again = cli("up", "--orderers-only", "--dir", networkDir.toString());
        assertEquals(0, again.exitCode(), again.err());
        assertTrue(again.out().contains("is already running"), again.out());
    }

    @Test
    @Order(5)
    void downStopsEveryProcessAndStatusSaysSo() {
        Run down = cli("down", "--dir", networkDir.toString());
        assertEquals(0, down.exitCode(), down.err());
        assertTrue(down.out().contains("Stopped 3 node(s)"), down.out());
        for (long pid : pids) {
            assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "PID " + pid + " still runs");
        }
        Run status = cli("status", "--dir", networkDir.toString());
        assertEquals(1, status.exitCode());
        assertEquals(3, status.out().lines().filter(l -> l.contains("STOPPED")).count(), status.out());

        Run wipe = cli("wipe", "--dir", networkDir.toString());
        assertEquals(0, wipe.exitCode(), wipe.err());
        assertFalse(Files.exists(networkDir));
    }
}
