package dev.ordo.deploy.network;

import dev.ordo.deploy.process.NodeProcesses;
import dev.ordo.deploy.topology.NetworkNode;
import dev.ordo.deploy.topology.NetworkTopology;
import dev.ordo.deploy.topology.TopologyFile;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code down} stops the network's processes (ledger nodes first, then orderers: SIGTERM, then
 * SIGKILL after a grace period), keeping its data so {@code up} resumes it; {@code wipe} does
 * the same and then deletes the network directory.
 */
public final class NetworkDown {
    static final Duration GRACE = Duration.ofSeconds(20);

    private final NetworkDirectory directory;
    private final NodeProcesses processes;
    private final PrintWriter out;

    public NetworkDown(NetworkDirectory directory, PrintWriter out) {
        this.directory = directory;
        this.processes = new NodeProcesses(directory);
        this.out = out;
    }

    /** Stops every running node; returns how many were stopped. */
    public int stop() throws NetworkException {
        if (!directory.exists()) {
            out.println("No Ordo network in " + directory.root() + "; nothing to stop.");
            return 0;
        }
        int stopped = stopNodes();
        out.println(stopped == 0 ? "No node of the network in " + directory.root() + " was running."
                : "Stopped " + stopped + " node(s); data kept in " + directory.root() + " ('up' resumes, 'wipe' deletes).");
        return stopped;
    }

    private int stopNodes() throws NetworkException {
        NetworkTopology topology;
        try {
            topology = TopologyFile.read(directory.topologyFile());
        } catch (IOException e) {
            throw new NetworkException(e.getMessage(), e);
        }
        int stopped = 0;
        List<String> failures = new ArrayList<>();
        // Ledger nodes first, so none sees its orderers vanish while it still runs.
        for (List<NetworkNode> group : List.of(topology.peers(), topology.orderers())) {
            try {
                Map<NetworkNode, Long> done = processes.stopAll(group, GRACE);
                done.forEach((node, pid) -> out.println("stopped " + node.name() + " (PID " + pid + ")"));
                stopped += done.size();
            } catch (IOException e) {
                failures.add(e.getMessage());
            }
        }
        if (!failures.isEmpty()) {
            throw new NetworkException(String.join("; ", failures));
        }
        return stopped;
    }

    /** Stops the network and deletes its directory. */
    public void wipe() throws NetworkException {
        Path root = directory.root();
        if (!Files.exists(root)) {
            out.println("No Ordo network in " + root + "; nothing to wipe.");
            return;
        }
        if (!NetworkMarker.isMarked(directory)) {
            throw new NetworkException(root + " was not created by 'ordo-network up' (no " + NetworkMarker.FILE
                    + "); not deleting it");
        }
        if (directory.exists()) {
            stopNodes();
        }
        try {
            FileTrees.delete(root);
        } catch (IOException e) {
            throw new NetworkException("deleting " + root + " failed: " + e.getMessage(), e);
        }
        out.println("Deleted " + root + ".");
    }
}
