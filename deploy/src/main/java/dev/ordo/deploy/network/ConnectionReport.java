package dev.ordo.deploy.network;

import dev.ordo.deploy.process.NodeConfigWriter;
import dev.ordo.deploy.process.NodeProcesses;
import dev.ordo.deploy.profile.OrganizationAccess;
import dev.ordo.deploy.topology.NetworkNode;
import dev.ordo.deploy.topology.NetworkTopology;
import dev.ordo.deploy.topology.NodeKind;
import java.io.PrintWriter;
import java.nio.file.Files;

/** Prints the endpoints of every node and, per organisation, what a Fabric application needs to connect. */
final class ConnectionReport {
    private final NetworkDirectory directory;
    private final NetworkTopology topology;
    private final NodeProcesses processes;
    private final PrintWriter out;

    ConnectionReport(NetworkDirectory directory, NetworkTopology topology, NodeProcesses processes, PrintWriter out) {
        this.directory = directory;
        this.topology = topology;
        this.processes = processes;
        this.out = out;
    }

    void print() {
        out.println();
        out.println("Endpoints (all on loopback; gRPC and admin ports use TLS):");
        for (NetworkNode node : topology.nodes()) {
            String pid = processes.find(node).map(p -> "PID " + p.pid()).orElse("not running");
            if (node.kind() == NodeKind.ORDERER) {
                out.printf("  %-24s %-11s broadcast/deliver %s  raft %d  admin %d  health http://127.0.0.1:%d/actuator/health%n",
                        node.name(), pid, node.grpcAddress(), node.ports().raft(), node.ports().admin(),
                        node.ports().operations());
            } else {
                out.printf("  %-24s %-11s gateway/endorser/deliver %s  admin %d  health http://127.0.0.1:%d/actuator/health%n",
                        node.name(), pid, node.grpcAddress(), node.ports().admin(), node.ports().operations());
            }
        }
        out.println("  orderer TLS CA: " + NodeConfigWriter.tlsCaCertificate(directory, NetworkTopology.ORDERER_DOMAIN,
                false));
        if (!topology.peers().isEmpty()) {
            out.println();
            out.println("Connect a Fabric application (fabric-gateway) on channel " + topology.channelId() + " as:");
            for (NetworkNode peer : topology.peers()) {
                OrganizationAccess access = OrganizationAccess.of(directory, peer);
                out.println("  " + access.mspId());
                out.println("    endpoint:    " + access.endpoint() + "  (TLS host name override: " + access.peerName() + ")");
                out.println("    TLS CA file: " + access.tlsCaCertificate());
                out.println("    MSP id:      " + access.mspId());
                out.println("    certificate: " + access.certificate());
                out.println("    private key: " + access.privateKey());
            }
            if (Files.isRegularFile(directory.profileFile())) {
                out.println("  network profile (ordo CLI, OrdoGateway): " + directory.profileFile());
            }
            out.println("  contracts: basic (asset-transfer sample), token");
        }
        out.println();
        out.println("Logs: " + directory.root().resolve("nodes") + "/<node>/node.log");
        out.println("Manage it with: deploy/ordo-network status | down | wipe");
    }
}
