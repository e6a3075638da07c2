package dev.ordo.deploy.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ordo.deploy.topology.PortAllocator;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class HealthProbeTest {
    @Test
    void readsOrdererChannelHeights() {
        NodeHealth health = HealthProbe.parse("""
                {"status":"UP","components":{"diskSpace":{"status":"UP","details":{"total":1,"free":1}},
                "ordering":{"status":"UP","details":{"orderer":"orderer0.example.com",
                "channels":{"mychannel":{"leader":"orderer1.example.com","height":7,"self":false}}}}}}""");
        assertTrue(health.isUp());
        assertEquals(Optional.of(7L), health.height("mychannel"));
        assertEquals(Optional.empty(), health.height("other"));
        assertEquals(Optional.empty(), health.stateHash("mychannel"), "orderers keep no world state");
    }

    @Test
    void readsLedgerNodeChannelHeightsWhenDown() {
        NodeHealth health = HealthProbe.parse("""
                {"status":"DOWN","components":{"peer":{"status":"DOWN",
                "details":{"mychannel":{"height":1,"stateHash":"00ff","intake":"not connected"}}}}}""");
        assertFalse(health.isUp());
        assertEquals("DOWN", health.status());
        assertEquals(Optional.of(1L), health.height("mychannel"));
        assertEquals(Optional.of("00ff"), health.stateHash("mychannel"));
    }

    @Test
    void garbageAndSilenceAreUnreachable() {
        assertEquals(NodeHealth.UNREACHABLE, HealthProbe.parse("<html>").status());
        assertEquals(NodeHealth.UNREACHABLE, HealthProbe.parse("{\"no\":\"status\"}").status());
        int closedPort;
        try (PortAllocator ports = new PortAllocator()) {
            closedPort = ports.next();
        }
        NodeHealth silent = new HealthProbe().probe(closedPort);
        assertEquals(NodeHealth.UNREACHABLE, silent.status());
        assertTrue(silent.problem().orElseThrow().contains(String.valueOf(closedPort)));
    }
}
