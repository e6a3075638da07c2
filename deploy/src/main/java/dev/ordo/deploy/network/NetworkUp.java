package dev.ordo.deploy.network;

import dev.ordo.deploy.admin.AdminTls;
import dev.ordo.deploy.admin.ParticipationClient;
import dev.ordo.deploy.channel.ChannelConfigFactory;
import dev.ordo.deploy.channel.ContractJar;
import dev.ordo.deploy.channel.SampleContracts;
import dev.ordo.deploy.demo.AssetTransferDemo;
import dev.ordo.deploy.demo.DemoFailedException;
import dev.ordo.deploy.health.HealthProbe;
import dev.ordo.deploy.process.NodeConfigWriter;
import dev.ordo.deploy.process.NodeJars;
import dev.ordo.deploy.process.NodeProcesses;
import dev.ordo.deploy.profile.NetworkProfileWriter;
import dev.ordo.deploy.profile.OrganizationAccess;
import dev.ordo.deploy.topology.NetworkNode;
import dev.ordo.deploy.topology.NetworkTopology;
import dev.ordo.deploy.topology.NodeKind;
import dev.ordo.deploy.topology.PortAllocator;
import dev.ordo.deploy.topology.TopologyFile;
import dev.ordo.membership.cryptogen.CryptoMaterialGenerator;
import dev.ordo.proto.v1.ChannelConfig;
import dev.ordo.proto.wire.ConfigBlocks;
import dev.ordo.proto.wire.WireFormatException;
import dev.ordo.sdk.profile.NetworkProfile;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLContext;
import org.hyperledger.fabric.protos.common.Block;

/**
 * {@code up}: creates the network on first use (crypto material, genesis block, node
 * configurations, contract jars), starts every node that is not running as its own process,
 * creates the channel on the orderers, waits until every node is healthy, writes the network
 * profile, runs the demo and prints how to connect. On a network that already runs it only
 * prints how to connect. If a step fails, the nodes this run started are stopped again and the
 * error carries the failing node's log tail.
 */
public final class NetworkUp {
    /** What to create; ignored (with a note) when the network already exists. */
    public record Settings(String channelId, int orderers, boolean orderersOnly, boolean demo, Duration startTimeout) {
    }

    private final NetworkDirectory directory;
    private final NodeJars jars;
    private final PrintWriter out;
    private final NodeProcesses processes;
    private final HealthProbe probe = new HealthProbe();

    public NetworkUp(NetworkDirectory directory, NodeJars jars, PrintWriter out) {
        this.directory = directory;
        this.jars = jars;
        this.out = out;
        this.processes = new NodeProcesses(directory);
    }

    /** Brings the network up; returns its topology. */
    public NetworkTopology run(Settings settings) throws NetworkException {
        NetworkTopology topology;
        boolean created = false;
        try {
            if (directory.exists()) {
                topology = TopologyFile.read(directory.topologyFile());
                noteIgnoredSettings(topology, settings);
            } else {
                jars.requireFor(!settings.orderersOnly());
                NetworkMarker.claim(directory);
                clearUnfinishedCreation();
                topology = create(settings);
                created = true;
            }
            jars.requireFor(!topology.orderersOnly());
        } catch (IOException e) {
            throw new NetworkException(e.getMessage(), e);
        }

        List<NetworkNode> stopped = topology.nodes().stream().filter(n -> processes.find(n).isEmpty()).toList();
        if (stopped.isEmpty()) {
            out.println("The Ordo network in " + directory.root() + " is already running.");
            new ConnectionReport(directory, topology, processes, out).print();
            return topology;
        }
        List<NetworkNode> startedHere = new ArrayList<>();
        try {
            processes.install(jars, NodeKind.ORDERER, topology.orderers());
            if (!topology.orderersOnly()) {
                processes.install(jars, NodeKind.PEER, topology.peers());
            }
            startAndJoin(topology, stopped, startedHere, settings.startTimeout());
            if (!topology.orderersOnly()) {
                NetworkProfile profile = writeProfile(topology);
                if (settings.demo()) {
                    out.println();
                    out.println("Demo with the official Fabric Gateway client (asset-transfer as '"
                            + AssetTransferDemo.CONTRACT + "' on " + topology.channelId() + "):");
                    new AssetTransferDemo(profile, topology.channelId(), out).run();
                    out.println("Demo completed.");
                }
            }
        } catch (Error e) {
            // e.g. a jar replaced under this JVM: still leave no half-started network behind.
            stopAfterFailure(startedHere);
            throw e;
        } catch (NetworkException | IOException | DemoFailedException | RuntimeException e) {
            stopAfterFailure(startedHere);
            String message = e.getMessage() != null ? e.getMessage() : e.toString();
            throw new NetworkException((e instanceof DemoFailedException ? "demo failed: " : "") + message
                    + System.lineSeparator() + "(nodes started by this run were stopped; logs are in "
                    + directory.root().resolve("nodes") + ")", e);
        }
        out.println();
        out.println(created ? "The Ordo network is up." : "The Ordo network is up again.");
        new ConnectionReport(directory, topology, processes, out).print();
        return topology;
    }

    private NetworkTopology create(Settings settings) throws IOException, NetworkException {
        NetworkTopology topology;
        try (PortAllocator ports = new PortAllocator()) {
            topology = NetworkTopology.plan(settings.channelId(), settings.orderers(), settings.orderersOnly(), ports);
        }
        out.println("Creating an Ordo network in " + directory.root() + ": " + topology.orderers().size()
                + " orderers" + (topology.orderersOnly() ? "" : ", a ledger node for each of Org1MSP and Org2MSP")
                + ", channel " + topology.channelId());
        CryptoMaterialGenerator.generate(topology.cryptoSpec(), directory.cryptoDir());
        out.println("  crypto material (Fabric cryptogen layout): " + directory.crypto().organizations());

        List<ContractJar> contracts = topology.orderersOnly() ? List.of() : SampleContracts.in(jars.contractsDir());
        ChannelConfig config = ChannelConfigFactory.build(topology, directory, contracts);
        Block genesis;
        try {
            genesis = ConfigBlocks.genesis(config);
        } catch (WireFormatException e) {
            throw new NetworkException("the channel configuration is not valid: " + e.getMessage(), e);
        }
        Path genesisFile = directory.genesisBlock(topology.channelId());
        Files.createDirectories(genesisFile.getParent());
        Files.write(genesisFile, genesis.toByteArray());
        out.println("  genesis block of " + topology.channelId() + ": " + genesisFile + " (endorsement policy "
                + ChannelConfigFactory.defaultEndorsementPolicy() + ")");

        for (NetworkNode node : topology.nodes()) {
            NodeConfigWriter.write(topology, directory, node);
            Files.createDirectories(directory.dataDir(node));
        }
        for (NetworkNode peer : topology.peers()) {
            Path installed = directory.contractsDir(peer);
            Files.createDirectories(installed);
            for (ContractJar contract : contracts) {
                Files.copy(contract.jar(), installed.resolve(contract.name() + ".jar"),
                        StandardCopyOption.REPLACE_EXISTING);
            }
        }
        for (ContractJar contract : contracts) {
            out.println("  contract " + contract.name() + " " + contract.version() + " from "
                    + contract.jar().getFileName() + " (SHA-256 " + contract.sha256Hex() + ")");
        }
        TopologyFile.write(topology, directory.topologyFile());
        return topology;
    }

    /** A creation that failed before writing network.yaml left files behind that would block a new one. */
    private void clearUnfinishedCreation() throws IOException {
        for (Path leftover : List.of(directory.cryptoDir(), directory.root().resolve("channel-artifacts"),
                directory.root().resolve("nodes"), directory.root().resolve("jars"))) {
            FileTrees.delete(leftover);
        }
    }

    private void startAndJoin(NetworkTopology topology, List<NetworkNode> toStart, List<NetworkNode> startedHere,
            Duration timeout) throws IOException, NetworkException {
        NodeReadiness readiness = new NodeReadiness(processes, probe);
        List<NetworkNode> orderers = toStart.stream().filter(topology.orderers()::contains).toList();
        for (NetworkNode orderer : orderers) {
            start(orderer, startedHere);
        }
        // An orderer with no channel is healthy; one that rejoins its channel is healthy once it knows the leader.
        readiness.await(orderers, null, timeout);
        joinOrderers(topology);
        out.println("  waiting for the orderers to elect a Raft leader on " + topology.channelId());
        readiness.await(topology.orderers(), topology.channelId(), timeout);

        List<NetworkNode> peers = toStart.stream().filter(topology.peers()::contains).toList();
        for (NetworkNode peer : peers) {
            start(peer, startedHere);
        }
        if (!peers.isEmpty()) {
            out.println("  waiting for the ledger nodes (contracts deploy, block intake connects)");
            readiness.await(peers, topology.channelId(), timeout);
        }
    }

    private void start(NetworkNode node, List<NetworkNode> startedHere) throws IOException {
        ProcessHandle process = processes.start(node);
        startedHere.add(node);
        out.println("  started " + node.name() + " (PID " + process.pid() + ", log " + directory.log(node) + ")");
    }

    private void joinOrderers(NetworkTopology topology) throws IOException, NetworkException {
        Path admin = directory.crypto().ordererUser(NetworkTopology.ORDERER_DOMAIN, "Admin").resolve("tls");
        SSLContext tls = AdminTls.context(admin, AdminTls.certificates(
                NodeConfigWriter.tlsCaCertificate(directory, NetworkTopology.ORDERER_DOMAIN, false)));
        ParticipationClient participation = new ParticipationClient(tls);
        Block genesis;
        try {
            genesis = Block.parseFrom(Files.readAllBytes(directory.genesisBlock(topology.channelId())));
        } catch (com.google.protobuf.InvalidProtocolBufferException e) {
            throw new NetworkException(directory.genesisBlock(topology.channelId()) + " is not a block: "
                    + e.getMessage(), e);
        }
        for (NetworkNode orderer : topology.orderers()) {
            if (!participation.isMember(orderer.ports().admin(), topology.channelId())) {
                participation.join(orderer.ports().admin(), genesis);
                out.println("  " + orderer.name() + " joined " + topology.channelId());
            }
        }
    }

    private NetworkProfile writeProfile(NetworkTopology topology) throws IOException {
        List<OrganizationAccess> organizations = topology.peers().stream()
                .map(peer -> OrganizationAccess.of(directory, peer)).toList();
        return NetworkProfileWriter.write(directory.profileFile(), topology.channelId(), organizations);
    }

    private void stopAfterFailure(List<NetworkNode> startedHere) {
        try {
            processes.stopAll(startedHere, Duration.ofSeconds(10));
        } catch (IOException | RuntimeException e) {
            out.println("  could not stop every node started: " + e.getMessage());
        }
    }

    private void noteIgnoredSettings(NetworkTopology topology, Settings settings) {
        if (!topology.channelId().equals(settings.channelId()) || topology.orderers().size() != settings.orderers()
                || topology.orderersOnly() != settings.orderersOnly()) {
            out.println("Note: the network in " + directory.root() + " already exists (channel "
                    + topology.channelId() + ", " + topology.orderers().size() + " orderers"
                    + (topology.orderersOnly() ? ", orderers only" : "") + "); the options given are ignored."
                    + " Run 'wipe' first to create a different one.");
        }
    }
}
