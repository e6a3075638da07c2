package dev.ordo.deploy.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.ordo.deploy.network.OrderersNetworkTest.Run;
import dev.ordo.deploy.process.NodeJars;
import dev.ordo.deploy.topology.NetworkNode;
import dev.ordo.deploy.topology.TopologyFile;
import dev.ordo.sdk.OrdoGateway;
import dev.ordo.sdk.profile.NetworkProfile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's command end to end: {@code up} starts three orderers and two ledger nodes, runs
 * the demo with the official Fabric Gateway client and writes a network profile that connects;
 * {@code status} shows five healthy nodes; {@code down} leaves no process.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FullNetworkTest {
    @TempDir
    static Path temp;

    static Path networkDir;
    static Run up;
    static final List<Long> pids = new ArrayList<>();

    @BeforeAll
    static void up() throws Exception {
        NodeJars jars = NodeJars.inBuild(Path.of(System.getProperty("ordo.deploy.home")));
        assumeTrue(Files.isRegularFile(jars.ledgerNodeJar()), "the ledger node's executable jar is not built: "
                + jars.ledgerNodeJar());
        networkDir = temp.resolve("network");
        up = OrderersNetworkTest.cli("up", "--dir", networkDir.toString(), "--timeout", "300");
        NetworkDirectory directory = new NetworkDirectory(networkDir);
        if (directory.exists()) {
            for (NetworkNode node : TopologyFile.read(directory.topologyFile()).nodes()) {
                Path pidFile = directory.pidFile(node);
                if (Files.exists(pidFile)) {
                    pids.add(Long.parseLong(Files.readString(pidFile).trim()));
                }
            }
        }
    }

    @AfterAll
    static void down() {
        if (networkDir == null) {
            return;
        }
        Run down = OrderersNetworkTest.cli("down", "--dir", networkDir.toString());
        for (long pid : pids) {
            ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
        }
        assertEquals(0, down.exitCode(), down.err());
    }

    @Test
    @Order(1)
    void upRunsTheDemoAndPrintsHowToConnect() {
        String output = up.out() + up.err();
        assertEquals(0, up.exitCode(), output);
        assertEquals(5, pids.size(), output);
        for (String step : List.of("Org1 creates", "Org1 transfers", "Org2 reads", "history", "chaincode events",
                "Demo completed.")) {
            assertTrue(output.contains(step), "missing '" + step + "' in:\n" + output);
        }
        assertEquals(2, output.lines().filter(l -> l.contains("committed VALID in block")).count(), output);
        assertTrue(output.contains("event AssetCreated") && output.contains("event AssetTransferred"), output);
        for (String org : List.of("Org1MSP", "Org2MSP")) {
            assertTrue(output.contains("MSP id:      " + org), output);
        }
        assertTrue(output.contains("TLS CA file: ") && output.contains("certificate: ")
                && output.contains("private key: "), output);
        assertTrue(output.contains("network profile (ordo CLI, OrdoGateway): "), output);
    }

    @Test
    @Order(2)
    void statusShowsFiveHealthyNodesAtTheSameHeight() {
        assumeTrue(up.exitCode() == 0, "up failed: see the first test");
        Run status = OrderersNetworkTest.cli("status", "--dir", networkDir.toString());
        assertEquals(0, status.exitCode(), status.out() + status.err());
        List<String> rows = status.out().lines().filter(l -> l.startsWith("orderer") || l.startsWith("peer0"))
                .toList();
        assertEquals(5, rows.size(), status.out());
        assertTrue(rows.stream().allMatch(r -> r.contains(" UP ")), status.out());
    }

    @Test
    @Order(3)
    void theWrittenProfileConnectsAnApplication() throws Exception {
        assumeTrue(up.exitCode() == 0, "up failed: see the first test");
        NetworkProfile profile = NetworkProfile.load(networkDir.resolve("network-profile.yaml"));
        assertEquals("mychannel", profile.channel().orElseThrow());
        try (OrdoGateway gateway = OrdoGateway.connect(profile, "Org2MSP")) {
            String assets = new String(gateway.getNetwork().getContract("basic").evaluateTransaction("GetAllAssets"),
                    StandardCharsets.UTF_8);
            assertTrue(assets.contains("\"owner\":\"Bob\""), assets);
        }
    }

    @Test
    @Order(4)
    void upOnARunningNetworkOnlyReports() {
        assumeTrue(up.exitCode() == 0, "up failed: see the first test");
        Run again = OrderersNetworkTest.cli("up", "--dir", networkDir.toString());
        assertEquals(0, again.exitCode(), again.err());
        assertTrue(again.out().contains("is already running") && !again.out().contains("Demo"), again.out());
    }

    @Test
    @Order(5)
    void downLeavesNoProcess() {
        Run down = OrderersNetworkTest.cli("down", "--dir", networkDir.toString());
        assertEquals(0, down.exitCode(), down.err());
        assertTrue(down.out().contains("Stopped 5 node(s)"), down.out());
        for (long pid : pids) {
            assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "PID " + pid + " still runs");
        }
    }
}
