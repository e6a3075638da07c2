package dev.ordo.deploy.topology;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One node of the local network.
 *
 * @param name the node's full name, e.g. {@code orderer0.example.com} or {@code peer0.org1.example.com}
 * @param kind orderer or peer
 * @param mspId its organisation's MSP id
 * @param domain its organisation's domain, e.g. {@code org1.example.com}
 * @param host its host name within the domain, e.g. {@code peer0}
 * @param ports its loopback ports
 */
public record NetworkNode(String name, NodeKind kind, String mspId, String domain, String host, NodePorts ports) {
    private static final Pattern LABEL = Pattern.compile("[a-z0-9]([a-z0-9-]*[a-z0-9])?");

    public NetworkNode {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(ports, "ports");
        if (mspId == null || mspId.isBlank()) {
            throw new IllegalArgumentException("node " + name + ": MSP id is required");
        }
        if (host == null || !LABEL.matcher(host).matches()) {
            throw new IllegalArgumentException("node host '" + host + "' is not a DNS label");
        }
        if (domain == null || domain.isBlank()) {
            throw new IllegalArgumentException("node " + host + ": domain is required");
        }
        if (!(host + "." + domain).equals(name)) {
            throw new IllegalArgumentException("node name '" + name + "' must be " + host + "." + domain);
        }
        if ((kind == NodeKind.ORDERER) != (ports.raft() != 0)) {
            throw new IllegalArgumentException("node " + name + ": orderers, and only orderers, have a raft port");
        }
    }

    /** {@code 127.0.0.1:<grpc port>}. */
    public String grpcAddress() {
        return NetworkTopology.LOOPBACK + ":" + ports.grpc();
    }
}
