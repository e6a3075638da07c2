package dev.ordo.deploy.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.ordo.deploy.network.OrderersNetworkTest.Run;
import dev.ordo.deploy.health.HealthProbe;
import dev.ordo.deploy.health.NodeHealth;
import dev.ordo.deploy.process.NodeJars;
import dev.ordo.deploy.topology.NetworkNode;
import dev.ordo.deploy.topology.NodeKind;
import dev.ordo.deploy.topology.TopologyFile;
import dev.ordo.sdk.OrdoGateway;
import dev.ordo.sdk.profile.NetworkProfile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.hyperledger.fabric.client.CommitException;
import org.hyperledger.fabric.client.Contract;
import org.hyperledger.fabric.protos.peer.TxValidationCode;
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
    static final List<Long> pids = new CopyOnWriteArrayList<>();

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
        // Ledger nodes show their state hash, orderers none; both peers agree.
        List<String> peerHashes = rows.stream().filter(r -> r.startsWith("peer0"))
                .map(r -> r.substring(r.lastIndexOf(' ') + 1)).toList();
        assertTrue(peerHashes.stream().allMatch(h -> h.matches("[0-9a-f]{16}\\.\\.\\.")), status.out());
        assertEquals(1, peerHashes.stream().distinct().count(), status.out());
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

    /**
     * Org2's peer is killed with SIGKILL while Org1's application submits transactions, and more
     * blocks are ordered while it is down; {@code up} restarts it, it catches up from the orderers
     * to the same height and state hash as Org1's peer, and endorses again.
     */
    @Test
    @Order(5)
    void aPeerKilledMidLoadCatchesUpToTheSameStateHash() throws Exception {
        assumeTrue(up.exitCode() == 0, "up failed: see the first test");
        NetworkDirectory directory = new NetworkDirectory(networkDir);
        List<NetworkNode> nodes = TopologyFile.read(directory.topologyFile()).nodes();
        NetworkNode org1Peer = peerOf(nodes, "Org1MSP");
        NetworkNode org2Peer = peerOf(nodes, "Org2MSP");
        long org2Pid = Long.parseLong(Files.readString(directory.pidFile(org2Peer)).trim());
        HealthProbe probe = new HealthProbe();
        NetworkProfile profile = NetworkProfile.load(networkDir.resolve("network-profile.yaml"));

        try (OrdoGateway gateway = OrdoGateway.connect(profile, "Org1MSP")) {
            Contract basic = gateway.getNetwork().getContract("basic");
            AtomicBoolean loading = new AtomicBoolean(true);
            AtomicInteger committed = new AtomicInteger();
            AtomicInteger failed = new AtomicInteger();
            ExecutorService load = Executors.newFixedThreadPool(4);
            try {
                for (int t = 0; t < 4; t++) {
                    int client = t;
                    load.submit(() -> {
                        for (int i = 0; loading.get(); i++) {
                            try {
                                basic.submitTransaction("CreateAsset", "load-" + client + "-" + i, "red", "1", "Eve",
                                        "1");
                                committed.incrementAndGet();
                            } catch (Exception e) {
                                failed.incrementAndGet(); // expected while Org2's peer is down
                                pause(Duration.ofMillis(100));
                            }
                        }
                    });
                }
                awaitCondition(() -> committed.get() >= 20, Duration.ofSeconds(120), "20 commits under load");
                ProcessHandle org2 = ProcessHandle.of(org2Pid).orElseThrow();
                org2.destroyForcibly();
                org2.onExit().get(30, TimeUnit.SECONDS);
                long heightAtKill = probe.probe(org1Peer.ports().operations()).height("mychannel").orElseThrow();

                // Blocks Org2 must catch up on: transactions endorsed by Org1 alone still commit,
                // as ENDORSEMENT_POLICY_FAILURE.
                for (int i = 0; i < 3; i++) {
                    CommitException invalid = assertThrows(CommitException.class, () -> basic
                            .newProposal("CreateAsset").addArguments("while-down-" + UUID.randomUUID(), "red", "1",
                                    "Eve", "1")
                            .setEndorsingOrganizations("Org1MSP").build().endorse().submit());
                    assertEquals(TxValidationCode.ENDORSEMENT_POLICY_FAILURE, invalid.getCode());
                }
                assertTrue(probe.probe(org1Peer.ports().operations()).height("mychannel").orElseThrow() > heightAtKill);

                Run restart = OrderersNetworkTest.cli("up", "--dir", networkDir.toString(), "--no-demo", "--timeout",
                        "300");
                assertEquals(0, restart.exitCode(), restart.out() + restart.err());
                long restartedPid = Long.parseLong(Files.readString(directory.pidFile(org2Peer)).trim());
                pids.add(restartedPid);
                assertTrue(restartedPid != org2Pid);
                int committedAtRestart = committed.get();
                awaitCondition(() -> committed.get() >= committedAtRestart + 10, Duration.ofSeconds(120),
                        "10 more commits after the restart (Org2 endorses again)");
            } finally {
                loading.set(false);
                load.shutdown();
                assertTrue(load.awaitTermination(120, TimeUnit.SECONDS));
            }

            awaitCondition(() -> {
                NodeHealth one = probe.probe(org1Peer.ports().operations());
                NodeHealth two = probe.probe(org2Peer.ports().operations());
                return one.height("mychannel").isPresent() && one.height("mychannel").equals(two.height("mychannel"));
            }, Duration.ofSeconds(60), "equal heights");
            NodeHealth one = probe.probe(org1Peer.ports().operations());
            NodeHealth two = probe.probe(org2Peer.ports().operations());
            assertEquals(one.height("mychannel"), two.height("mychannel"));
            assertTrue(one.stateHash("mychannel").isPresent(), one.toString());
            assertEquals(one.stateHash("mychannel"), two.stateHash("mychannel"));
        }
    }

    private static NetworkNode peerOf(List<NetworkNode> nodes, String mspId) {
        return nodes.stream().filter(n -> n.kind() == NodeKind.PEER && n.mspId().equals(mspId)).findFirst()
                .orElseThrow(() -> new AssertionError("no ledger node of " + mspId + " in " + nodes));
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void awaitCondition(BooleanSupplier condition, Duration timeout, String what)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + timeout + " waiting for " + what);
            }
            Thread.sleep(200);
        }
    }

    @Test
    @Order(6)
    void downLeavesNoProcess() {
        Run down = OrderersNetworkTest.cli("down", "--dir", networkDir.toString());
        assertEquals(0, down.exitCode(), down.err());
        assertTrue(down.out().contains("Stopped 5 node(s)"), down.out());
        for (long pid : pids) {
            assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "PID " + pid + " still runs");
        }
    }
}
