package dev.ordo.deploy.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TopologyFileTest {
    @TempDir
    Path dir;

    @Test
    void planGivesEveryNodeDistinctPortsAndFabricNames() {
        NetworkTopology topology;
        try (PortAllocator ports = new PortAllocator()) {
            topology = NetworkTopology.plan("mychannel", 3, false, ports);
        }
        assertEquals(List.of("orderer0.example.com", "orderer1.example.com", "orderer2.example.com",
                "peer0.org1.example.com", "peer0.org2.example.com"),
                topology.nodes().stream().map(NetworkNode::name).toList());
        assertEquals("Org2MSP", topology.peers().get(1).mspId());
        Set<Integer> ports = new HashSet<>();
        for (NetworkNode node : topology.nodes()) {
            ports.add(node.ports().grpc());
            ports.add(node.ports().admin());
            ports.add(node.ports().operations());
            if (node.kind() == NodeKind.ORDERER) {
                ports.add(node.ports().raft());
            }
        }
        assertEquals(3 * 4 + 2 * 3, ports.size());
    }

    @Test
    void roundTrips() throws IOException {
        NetworkTopology topology;
        try (PortAllocator ports = new PortAllocator()) {
            topology = NetworkTopology.plan("ch-1", 1, false, ports);
        }
        Path file = dir.resolve("network.yaml");
        TopologyFile.write(topology, file);
        assertEquals(topology, TopologyFile.read(file));

        NetworkTopology orderersOnly;
        try (PortAllocator ports = new PortAllocator()) {
            orderersOnly = NetworkTopology.plan("mychannel", 3, true, ports);
        }
        TopologyFile.write(orderersOnly, file);
        assertEquals(orderersOnly, TopologyFile.read(file));
    }

    @Test
    void planRejectsBadArguments() {
        try (PortAllocator ports = new PortAllocator()) {
            assertTrue(assertThrows(IllegalArgumentException.class,
                    () -> NetworkTopology.plan("mychannel", 0, false, ports)).getMessage().contains("1..7"));
            assertThrows(IllegalArgumentException.class, () -> NetworkTopology.plan("mychannel", 8, false, ports));
            assertTrue(assertThrows(IllegalArgumentException.class,
                    () -> NetworkTopology.plan("MyChannel", 3, false, ports)).getMessage().contains("MyChannel"));
        }
    }

    @Test
    void readNamesTheFileAndTheBadField() throws IOException {
        Path file = dir.resolve("network.yaml");
        Files.writeString(file, """
                channel: mychannel
                nodes:
                  - name: orderer0.example.com
                    kind: ORDERER
                    mspId: OrdererMSP
                    domain: example.com
                    host: orderer0
                    ports: {grpc: 7050, raft: 7051, admin: 7053, operations: "x"}
                """);
        IOException e = assertThrows(IOException.class, () -> TopologyFile.read(file));
        assertTrue(e.getMessage().contains("network.yaml") && e.getMessage().contains("nodes[0].ports.operations"),
                e.getMessage());

        Files.writeString(file, """
                channel: mychannel
                nodes:
                  - {name: orderer0.example.com, kind: ORDERER, mspId: OrdererMSP, domain: example.com,
                     host: orderer0, ports: {grpc: 7050, raft: 7051, admin: 7053, operations: 7050}}
                """);
        e = assertThrows(IOException.class, () -> TopologyFile.read(file));
        assertTrue(e.getMessage().contains("port 7050 is used twice"), e.getMessage());

        Files.writeString(file, "channel: mychannel\nnodes:\n  - {name: x, kind: CLIENT}\n");
        e = assertThrows(IOException.class, () -> TopologyFile.read(file));
        assertTrue(e.getMessage().contains("nodes[0]"), e.getMessage());

        Files.writeString(file, "channel: [unclosed\n");
        e = assertThrows(IOException.class, () -> TopologyFile.read(file));
        assertTrue(e.getMessage().contains("not valid YAML"), e.getMessage());
    }
}
