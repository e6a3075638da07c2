package dev.ordo.deploy.network;

import dev.ordo.deploy.health.HealthProbe;
import dev.ordo.deploy.health.NodeHealth;
import dev.ordo.deploy.process.NodeProcesses;
import dev.ordo.deploy.topology.NetworkNode;
import dev.ordo.deploy.topology.NetworkTopology;
import dev.ordo.deploy.topology.TopologyFile;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** {@code status}: each node's PID, ports, health and channel height. */
public final class NetworkStatus {
    /** One node's state. */
    public record NodeStatus(NetworkNode node, Optional<Long> pid, NodeHealth health, Optional<Long> height) {
        public boolean healthy() {
            return pid.isPresent() && health.isUp() && height.isPresent();
        }
    }

    private final NetworkDirectory directory;
    private final NodeProcesses processes;
    private final HealthProbe probe = new HealthProbe();

    public NetworkStatus(NetworkDirectory directory) {
        this.directory = directory;
        this.processes = new NodeProcesses(directory);
    }

    /**
     * Reads the state of every node.
     *
     * @throws NetworkException if there is no network in the directory
     */
    public List<NodeStatus> read() throws NetworkException {
        NetworkTopology topology = topology();
        List<NodeStatus> states = new ArrayList<>();
        for (NetworkNode node : topology.nodes()) {
            Optional<Long> pid = processes.find(node).map(ProcessHandle::pid);
            NodeHealth health = pid.isPresent() ? probe.probe(node.ports().operations())
                    : NodeHealth.stopped();
            states.add(new NodeStatus(node, pid, health, health.height(topology.channelId())));
        }
        return states;
    }

    /** Prints the table; returns whether every node runs, is UP and knows the channel. */
    public boolean print(PrintWriter out) throws NetworkException {
        NetworkTopology topology = topology();
        List<NodeStatus> states = read();
        out.println("Ordo network in " + directory.root() + ", channel " + topology.channelId()
                + (topology.orderersOnly() ? " (orderers only)" : ""));
        out.printf("%-24s %-8s %-8s %-8s %-8s %-8s %-12s %-8s %s%n", "NODE", "PID", "GRPC", "RAFT", "ADMIN", "OPS",
                "HEALTH", "HEIGHT", "STATE HASH");
        for (NodeStatus state : states) {
            NetworkNode node = state.node();
            out.printf("%-24s %-8s %-8d %-8s %-8d %-8d %-12s %-8s %s%n", node.name(),
                    state.pid().map(String::valueOf).orElse("-"), node.ports().grpc(),
                    node.ports().raft() == 0 ? "-" : String.valueOf(node.ports().raft()), node.ports().admin(),
                    node.ports().operations(), state.health().status(),
                    state.height().map(String::valueOf).orElse("-"),
                    state.health().stateHash(topology.channelId()).map(NetworkStatus::abbreviateHash).orElse("-"));
        }
        boolean healthy = states.stream().allMatch(NodeStatus::healthy);
        out.println(healthy ? "All nodes are healthy." : "Some nodes are stopped or unhealthy"
                + " ('ordo-network up' starts stopped nodes; logs in " + directory.root().resolve("nodes") + ").");
        return healthy;
    }

    /** The first 16 hex digits: enough to tell peers apart at a glance (health has the whole hash). */
    private static String abbreviateHash(String hex) {
        return hex.length() <= 16 ? hex : hex.substring(0, 16) + "...";
    }

    private NetworkTopology topology() throws NetworkException {
        if (!directory.exists()) {
            throw new NetworkException("no Ordo network in " + directory.root() + " (run 'ordo-network up')");
        }
        try {
            return TopologyFile.read(directory.topologyFile());
        } catch (IOException e) {
            throw new NetworkException(e.getMessage(), e);
        }
    }
}
