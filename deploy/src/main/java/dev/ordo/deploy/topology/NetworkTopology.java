package dev.ordo.deploy.topology;

import dev.ordo.membership.cryptogen.NetworkSpec;
import dev.ordo.proto.wire.ChannelIds;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The shape of the local network: the orderer organisation {@code OrdererMSP}
 * ({@code example.com}) with its orderers, the peer organisations {@code Org1MSP}
 * ({@code org1.example.com}) and {@code Org2MSP} ({@code org2.example.com}) with one ledger node
 * each, one channel, and every node's loopback ports. Written to {@code network.yaml} by
 * {@code up} and read back by the other commands.
 *
 * @param channelId the channel every node joins
 * @param orderersOnly whether only the orderers run (no ledger nodes, no demo)
 * @param nodes orderers first, then peers
 */
public record NetworkTopology(String channelId, boolean orderersOnly, List<NetworkNode> nodes) {
    /** Every node listens on loopback only. */
    public static final String LOOPBACK = "127.0.0.1";
    public static final String ORDERER_DOMAIN = "example.com";
    public static final String ORDERER_MSP_ID = "OrdererMSP";
    public static final int PEER_ORGANIZATIONS = 2;
    /** Raft needs a majority: 1 orderer tolerates no failure, 3 tolerate one. */
    public static final int MAX_ORDERERS = 7;

    public NetworkTopology {
        if (channelId == null || !ChannelIds.isValid(channelId)) {
            throw new IllegalArgumentException("channel id '" + channelId + "' is not valid: lower-case letters,"
                    + " digits, '.' and '-', starting with a letter, at most 249 characters");
        }
        nodes = List.copyOf(nodes);
        Set<String> names = new HashSet<>();
        Set<Integer> ports = new HashSet<>();
        for (NetworkNode node : nodes) {
            if (!names.add(node.name())) {
                throw new IllegalArgumentException("node " + node.name() + " appears twice");
            }
            for (int port : List.of(node.ports().grpc(), node.ports().raft(), node.ports().admin(),
                    node.ports().operations())) {
                if (port != 0 && !ports.add(port)) {
                    throw new IllegalArgumentException("port " + port + " is used twice (node " + node.name() + ")");
                }
            }
        }
        if (orderers(nodes).isEmpty()) {
            throw new IllegalArgumentException("a network needs at least one orderer");
        }
        if (!orderersOnly && peers(nodes).size() != PEER_ORGANIZATIONS) {
            throw new IllegalArgumentException("a network with ledger nodes has one per organisation ("
                    + PEER_ORGANIZATIONS + "), found " + peers(nodes).size());
        }
    }

    /**
     * Plans a network: {@code ordererCount} orderers and, unless {@code orderersOnly}, one ledger
     * node per peer organisation, each port taken from {@code ports}.
     */
    public static NetworkTopology plan(String channelId, int ordererCount, boolean orderersOnly,
            PortAllocator ports) {
        if (ordererCount < 1 || ordererCount > MAX_ORDERERS) {
            throw new IllegalArgumentException("orderer count must be 1.." + MAX_ORDERERS + ", was " + ordererCount);
        }
        List<NetworkNode> nodes = new ArrayList<>();
        for (int i = 0; i < ordererCount; i++) {
            String host = "orderer" + i;
            nodes.add(new NetworkNode(host + "." + ORDERER_DOMAIN, NodeKind.ORDERER, ORDERER_MSP_ID, ORDERER_DOMAIN,
                    host, new NodePorts(ports.next(), ports.next(), ports.next(), ports.next())));
        }
        if (!orderersOnly) {
            for (int org = 1; org <= PEER_ORGANIZATIONS; org++) {
                String domain = peerDomain(org);
                nodes.add(new NetworkNode("peer0." + domain, NodeKind.PEER, peerMspId(org), domain, "peer0",
                        new NodePorts(ports.next(), 0, ports.next(), ports.next())));
            }
        }
        return new NetworkTopology(channelId, orderersOnly, nodes);
    }

    /** {@code org<n>.example.com}. */
    public static String peerDomain(int org) {
        return "org" + org + "." + ORDERER_DOMAIN;
    }

    /** {@code Org<n>MSP}. */
    public static String peerMspId(int org) {
        return "Org" + org + "MSP";
    }

    /** The crypto material to generate: orderers of the orderer organisation, one peer per peer organisation. */
    public NetworkSpec cryptoSpec() {
        return NetworkSpec.sample(orderers().size(), PEER_ORGANIZATIONS, 1);
    }

    public List<NetworkNode> orderers() {
        return orderers(nodes);
    }

    public List<NetworkNode> peers() {
        return peers(nodes);
    }

    /** The ledger node of the organisation with this MSP id, if it runs. */
    public Optional<NetworkNode> peerOf(String mspId) {
        return peers().stream().filter(p -> p.mspId().equals(mspId)).findFirst();
    }

    private static List<NetworkNode> orderers(List<NetworkNode> nodes) {
        return nodes.stream().filter(n -> n.kind() == NodeKind.ORDERER).toList();
    }

    private static List<NetworkNode> peers(List<NetworkNode> nodes) {
        return nodes.stream().filter(n -> n.kind() == NodeKind.PEER).toList();
    }
}
