package dev.ordo.deploy.network;

import dev.ordo.deploy.topology.NetworkNode;
import dev.ordo.deploy.topology.NodeKind;
import dev.ordo.membership.cryptogen.CryptoLayout;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where everything of one local network lives, below one directory:
 *
 * <pre>
 * network.yaml                     the nodes and their ports (topology)
 * network-profile.yaml             what a client application needs to connect (sdk NetworkProfile)
 * crypto/organizations/...         keys and certificates in Fabric cryptogen's layout
 * channel-artifacts/&lt;channel&gt;.block the channel's genesis block
 * jars/                            the node jars the processes run from (copies, so a rebuild never
 *                                  changes a jar under a running node)
 * nodes/&lt;node&gt;/node.yaml         the node's configuration (Spring properties)
 * nodes/&lt;node&gt;/data/              its ledger, Raft log, contract jars
 * nodes/&lt;node&gt;/node.log           its output
 * nodes/&lt;node&gt;/node.pid           its process id while it runs
 * </pre>
 */
public record NetworkDirectory(Path root) {
    public NetworkDirectory {
        root = root.toAbsolutePath().normalize();
    }

    public Path topologyFile() {
        return root.resolve("network.yaml");
    }

    public Path profileFile() {
        return root.resolve("network-profile.yaml");
    }

    /** The crypto generator's output directory (it writes {@code organizations/} below it). */
    public Path cryptoDir() {
        return root.resolve("crypto");
    }

    public CryptoLayout crypto() {
        return CryptoLayout.of(cryptoDir());
    }

    public Path genesisBlock(String channelId) {
        return root.resolve("channel-artifacts").resolve(channelId + ".block");
    }

    /** The jar nodes of this kind run from. */
    public Path nodeJar(NodeKind kind) {
        return root.resolve("jars").resolve(kind == NodeKind.ORDERER ? "ordering-service.jar" : "ledger-node.jar");
    }

    public Path nodeDir(NetworkNode node) {
        return root.resolve("nodes").resolve(node.name());
    }

    public Path nodeConfig(NetworkNode node) {
        return nodeDir(node).resolve("node.yaml");
    }

    public Path dataDir(NetworkNode node) {
        return nodeDir(node).resolve("data");
    }

    public Path contractsDir(NetworkNode node) {
        return dataDir(node).resolve("contracts");
    }

    public Path log(NetworkNode node) {
        return nodeDir(node).resolve("node.log");
    }

    public Path pidFile(NetworkNode node) {
        return nodeDir(node).resolve("node.pid");
    }

    /** The node's own crypto folder (holds {@code msp/} and {@code tls/}). */
    public Path nodeCrypto(NetworkNode node) {
        return switch (node.kind()) {
            case ORDERER -> crypto().orderer(node.domain(), node.host());
            case PEER -> crypto().peer(node.domain(), node.host());
        };
    }

    /** Whether {@code up} has created a network here. */
    public boolean exists() {
        return Files.isRegularFile(topologyFile());
    }
}
