package dev.ordo.deploy.process;

import dev.ordo.deploy.network.NetworkDirectory;
import dev.ordo.deploy.topology.NetworkNode;
import dev.ordo.deploy.topology.NetworkTopology;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * Writes {@code nodes/<node>/node.yaml}: the Spring properties of one orderer
 * ({@code ordo.orderer.*}) or ledger node ({@code ordo.peer.*}) with its ports, its crypto
 * folders and its data directory, loaded by the node on top of its built-in defaults.
 */
public final class NodeConfigWriter {
    /** Orderers share two cores with four other JVMs: Ratis's 150/300 ms would depose healthy leaders. */
    static final String ELECTION_TIMEOUT_MIN = "1s";
    static final String ELECTION_TIMEOUT_MAX = "2s";

    private NodeConfigWriter() {
    }

    public static void write(NetworkTopology topology, NetworkDirectory directory, NetworkNode node)
            throws IOException {
        Map<String, Object> root = switch (node.kind()) {
            case ORDERER -> ordererProperties(topology, directory, node);
            case PEER -> peerProperties(topology, directory, node);
        };
        root.put("server", Map.of("port", node.ports().admin(), "address", NetworkTopology.LOOPBACK));
        root.put("management", Map.of("server", Map.of("port", node.ports().operations(),
                "address", NetworkTopology.LOOPBACK)));
        root.put("spring", Map.of("main", Map.of("banner-mode", "off")));
        DumperOptions options = new DumperOptions();
        options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        Files.createDirectories(directory.nodeDir(node));
        Files.writeString(directory.nodeConfig(node), "# " + node.name() + ", written by 'ordo-network up'.\n"
                + new Yaml(options).dump(root), StandardCharsets.UTF_8);
    }

    private static Map<String, Object> ordererProperties(NetworkTopology topology, NetworkDirectory directory,
            NetworkNode node) {
        Path home = directory.nodeCrypto(node);
        Map<String, Object> orderer = new LinkedHashMap<>();
        orderer.put("id", node.name());
        orderer.put("msp-id", node.mspId());
        orderer.put("msp-dir", home.resolve("msp").toString());
        orderer.put("tls-dir", home.resolve("tls").toString());
        orderer.put("data-dir", directory.dataDir(node).toString());
        orderer.put("host", NetworkTopology.LOOPBACK);
        orderer.put("broadcast-port", node.ports().grpc());
        orderer.put("raft-port", node.ports().raft());
        // Ledger nodes and clients of the peer organisations connect with their own TLS CAs' certificates.
        List<String> clientRoots = new ArrayList<>();
        for (int org = 1; org <= NetworkTopology.PEER_ORGANIZATIONS; org++) {
            clientRoots.add(tlsCaCertificate(directory, NetworkTopology.peerDomain(org), true).toString());
        }
        orderer.put("client-root-cas", clientRoots);
        orderer.put("election-timeout-min", ELECTION_TIMEOUT_MIN);
        orderer.put("election-timeout-max", ELECTION_TIMEOUT_MAX);
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("ordo", Map.of("orderer", orderer));
        return root;
    }

    private static Map<String, Object> peerProperties(NetworkTopology topology, NetworkDirectory directory,
            NetworkNode node) {
        Path home = directory.nodeCrypto(node);
        Map<String, Object> peer = new LinkedHashMap<>();
        peer.put("id", node.name());
        peer.put("msp-id", node.mspId());
        peer.put("msp-dir", home.resolve("msp").toString());
        peer.put("tls-dir", home.resolve("tls").toString());
        peer.put("data-dir", directory.dataDir(node).toString());
        peer.put("host", NetworkTopology.LOOPBACK);
        peer.put("port", node.ports().grpc());
        peer.put("external-address", node.grpcAddress());
        peer.put("contracts-dir", directory.contractsDir(node).toString());
        peer.put("orderer-tls-cas", List.of(
                tlsCaCertificate(directory, NetworkTopology.ORDERER_DOMAIN, false).toString()));
        peer.put("channels", List.of(Map.of("genesis-block",
                directory.genesisBlock(topology.channelId()).toString())));
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("ordo", Map.of("peer", peer));
        return root;
    }

    /** {@code <org>/tlsca/tlsca.<domain>-cert.pem}. */
    public static Path tlsCaCertificate(NetworkDirectory directory, String domain, boolean peerOrganization) {
        Path org = peerOrganization ? directory.crypto().peerOrganization(domain)
                : directory.crypto().ordererOrganization(domain);
        return org.resolve("tlsca").resolve("tlsca." + domain + "-cert.pem");
    }
}
