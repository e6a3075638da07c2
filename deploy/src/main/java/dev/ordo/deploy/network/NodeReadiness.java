package dev.ordo.deploy.network;

import dev.ordo.deploy.health.HealthProbe;
import dev.ordo.deploy.health.NodeHealth;
import dev.ordo.deploy.process.NodeProcesses;
import dev.ordo.deploy.topology.NetworkNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Waits until nodes report healthy (and, if asked, know the channel), failing fast with the
 * tail of a node's log when its process exits or the time is up.
 */
final class NodeReadiness {
    private static final Duration POLL = Duration.ofMillis(500);
    private static final int LOG_LINES = 40;

    private final NodeProcesses processes;
    private final HealthProbe probe;

    NodeReadiness(NodeProcesses processes, HealthProbe probe) {
        this.processes = processes;
        this.probe = probe;
    }

    /**
     * Waits for every node to be UP and, if {@code channelId} is not null, to report that
     * channel's height.
     */
    void await(List<NetworkNode> nodes, String channelId, Duration timeout) throws NetworkException {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<NetworkNode> waiting = new ArrayList<>(nodes);
        while (true) {
            for (var it = waiting.iterator(); it.hasNext(); ) {
                NetworkNode node = it.next();
                // Not find(): a node started a moment ago may not show its own command line yet.
                if (!processes.startedProcessAlive(node)) {
                    throw new NetworkException(node.name() + " exited while starting; last lines of "
                            + "its log:\n" + processes.logTail(node, LOG_LINES));
                }
                NodeHealth health = probe.probe(node.ports().operations());
                if (health.isUp() && (channelId == null || health.height(channelId).isPresent())) {
                    it.remove();
                }
            }
            if (waiting.isEmpty()) {
                return;
            }
            if (System.nanoTime() > deadline) {
                NetworkNode node = waiting.get(0);
                NodeHealth health = probe.probe(node.ports().operations());
                throw new NetworkException(node.name() + " is not healthy after " + timeout.toSeconds() + " s (health "
                        + health.status() + health.problem().map(p -> ": " + p).orElse("")
                        + (channelId == null ? "" : ", channel " + channelId + " "
                        + health.height(channelId).map(h -> "height " + h).orElse("unknown"))
                        + "); last lines of its log:\n" + processes.logTail(node, LOG_LINES));
            }
            try {
                Thread.sleep(POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new NetworkException("interrupted while waiting for the nodes to become healthy", e);
            }
        }
    }
}
