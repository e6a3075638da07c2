package dev.ordo.deploy.process;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ordo.deploy.network.NetworkDirectory;
import dev.ordo.deploy.topology.NetworkNode;
import dev.ordo.deploy.topology.NetworkTopology;
import dev.ordo.deploy.topology.PortAllocator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NodeProcessesTest {
    @TempDir
    Path dir;

    @Test
    void aPidFileNamingAnotherProcessIsNeverTreatedAsTheNode() throws Exception {
        NetworkDirectory directory = new NetworkDirectory(dir);
        NetworkNode node;
        try (PortAllocator ports = new PortAllocator()) {
            node = NetworkTopology.plan("mychannel", 1, true, ports).orderers().get(0);
        }
        NodeProcesses processes = new NodeProcesses(directory);
        Files.createDirectories(directory.nodeDir(node));
        // A recycled PID: this very JVM, which is not the orderer.
        Files.writeString(directory.pidFile(node), ProcessHandle.current().pid() + "\n");
        assertTrue(processes.find(node).isEmpty());
        assertFalse(processes.stop(node, Duration.ofSeconds(1)));
        assertTrue(ProcessHandle.current().isAlive());
        assertFalse(Files.exists(directory.pidFile(node)), "a stale PID file is removed");

        Files.writeString(directory.pidFile(node), "not a pid\n");
        assertTrue(processes.find(node).isEmpty());
    }

    @Test
    void startsADetachedProcessThatItFindsAndStops() throws Exception {
        NetworkDirectory directory = new NetworkDirectory(dir);
        NetworkNode node;
        try (PortAllocator ports = new PortAllocator()) {
            node = NetworkTopology.plan("mychannel", 1, true, ports).orderers().get(0);
        }
        // Any runnable jar stands in for a node here: a jar whose main class sleeps.
        Path jar = SleeperJar.write(dir.resolve("sleeper.jar"));
        NodeProcesses processes = new NodeProcesses(directory);
        processes.install(new NodeJars(jar, jar, dir), node.kind(), List.of(node));
        assertTrue(Files.isRegularFile(directory.nodeJar(node.kind())), "the network runs its own copy");
        Files.createDirectories(directory.nodeDir(node));
        Files.writeString(directory.nodeConfig(node), "# none\n");
        ProcessHandle started = processes.start(node);
        try {
            assertTrue(processes.find(node).isPresent(), "found by its PID file and command line");
            assertTrue(processes.stop(node, Duration.ofSeconds(10)));
            assertFalse(started.isAlive());
            assertTrue(processes.find(node).isEmpty());
        } finally {
            started.destroyForcibly();
        }
    }
}
