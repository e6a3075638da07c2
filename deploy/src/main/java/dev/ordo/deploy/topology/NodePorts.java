package dev.ordo.deploy.topology;

/**
 * The loopback ports of one node.
 *
 * @param grpc Broadcast/Deliver (orderer) or Endorser/Gateway/Deliver (peer), TLS
 * @param raft Raft between orderers, mutual TLS; 0 for a peer
 * @param admin channel participation REST, mutual TLS
 * @param operations health and metrics, plain HTTP
 */
public record NodePorts(int grpc, int raft, int admin, int operations) {
    public NodePorts {
        requirePort(grpc, "grpc");
        requirePort(admin, "admin");
        requirePort(operations, "operations");
        if (raft != 0) {
            requirePort(raft, "raft");
        }
    }

    private static void requirePort(int port, String name) {
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException(name + " port must be 1..65535, was " + port);
        }
    }
}
