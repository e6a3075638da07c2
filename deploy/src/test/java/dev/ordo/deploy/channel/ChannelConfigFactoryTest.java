package dev.ordo.deploy.channel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ordo.deploy.network.NetworkDirectory;
import dev.ordo.deploy.topology.NetworkNode;
import dev.ordo.deploy.topology.NetworkTopology;
import dev.ordo.deploy.topology.PortAllocator;
import dev.ordo.membership.cryptogen.CryptoMaterialGenerator;
import dev.ordo.membership.msp.ChannelMsp;
import dev.ordo.membership.msp.MspDirectory;
import dev.ordo.membership.policy.ChannelPolicies;
import dev.ordo.proto.v1.ChannelConfig;
import dev.ordo.proto.v1.Consenter;
import dev.ordo.proto.v1.ContractDefinition;
import dev.ordo.proto.v1.ImplicitMetaPolicy;
import dev.ordo.proto.v1.Organization;
import dev.ordo.proto.wire.ConfigBlocks;
import dev.ordo.proto.wire.Sha256;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.hyperledger.fabric.protos.common.Block;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChannelConfigFactoryTest {
    @TempDir
    static Path root;

    static NetworkDirectory directory;
    static NetworkTopology topology;
    static List<ContractJar> contracts;

    @BeforeAll
    static void generate() throws IOException {
        directory = new NetworkDirectory(root.resolve("net"));
        try (PortAllocator ports = new PortAllocator()) {
            topology = NetworkTopology.plan("mychannel", 3, false, ports);
        }
        CryptoMaterialGenerator.generate(topology.cryptoSpec(), directory.cryptoDir());
        Path basic = Files.write(root.resolve("basic.jar"), "basic contract bytes".getBytes());
        Path token = Files.write(root.resolve("token.jar"), "token contract bytes".getBytes());
        contracts = List.of(ContractJar.of("basic", "1.0", basic), ContractJar.of("token", "2.1", token));
    }

    @Test
    void organizationsAreTheOrdererOrgAndBothPeerOrgsWithTheirPeersAsAnchors() throws IOException {
        ChannelConfig config = ChannelConfigFactory.build(topology, directory, contracts);
        assertEquals("mychannel", config.getChannelId());
        assertEquals(0, config.getSequence());
        assertEquals(List.of("OrdererMSP", "Org1MSP", "Org2MSP"),
                config.getOrganizationsList().stream().map(Organization::getMspId).toList());
        Organization orderers = config.getOrganizations(0);
        assertEquals(0, orderers.getAnchorPeersCount());
        assertTrue(orderers.getRootCertsCount() > 0 && orderers.getTlsRootCertsCount() > 0);
        for (int org = 1; org <= 2; org++) {
            Organization organization = config.getOrganizations(org);
            NetworkNode peer = topology.peerOf("Org" + org + "MSP").orElseThrow();
            assertEquals(1, organization.getAnchorPeersCount());
            assertEquals("127.0.0.1", organization.getAnchorPeers(0).getHost());
            assertEquals(peer.ports().grpc(), organization.getAnchorPeers(0).getPort());
            assertTrue(organization.getNodeOus().getEnable(), "NodeOUs from the generated config.yaml");
        }
    }

    @Test
    void policiesAreFabricsSampleOnesWithBothOrgsRequiredToEndorse() throws IOException {
        ChannelConfig config = ChannelConfigFactory.build(topology, directory, contracts);
        assertEquals("AND('Org1MSP.peer','Org2MSP.peer')",
                config.getPoliciesOrThrow(ChannelPolicies.ENDORSEMENT).getSignature());
        assertEquals(ImplicitMetaPolicy.Rule.ANY, config.getPoliciesOrThrow("Readers").getImplicitMeta().getRule());
        assertEquals("Readers", config.getPoliciesOrThrow("Readers").getImplicitMeta().getSubPolicy());
        assertEquals(ImplicitMetaPolicy.Rule.ANY, config.getPoliciesOrThrow("Writers").getImplicitMeta().getRule());
        assertEquals(ImplicitMetaPolicy.Rule.MAJORITY, config.getPoliciesOrThrow("Admins").getImplicitMeta().getRule());
        // The membership module accepts every policy and organisation of it.
        ChannelPolicies.of(config, ChannelMsp.of(config.getOrganizationsList()));
    }

    @Test
    void everyOrdererIsAConsenterWithItsEndpointsIdentityAndTlsCertificate() throws IOException {
        ChannelConfig config = ChannelConfigFactory.build(topology, directory, contracts);
        List<Consenter> consenters = config.getOrdering().getConsentersList();
        assertEquals(3, consenters.size());
        for (int i = 0; i < 3; i++) {
            NetworkNode orderer = topology.orderers().get(i);
            Consenter consenter = consenters.get(i);
            Path home = directory.nodeCrypto(orderer);
            assertEquals("orderer" + i + ".example.com", consenter.getId());
            assertEquals("OrdererMSP", consenter.getMspId());
            assertEquals(orderer.ports().grpc(), consenter.getEndpoint().getPort());
            assertEquals(orderer.ports().raft(), consenter.getRaftEndpoint().getPort());
            assertEquals("127.0.0.1", consenter.getRaftEndpoint().getHost());
            assertArrayEquals(MspDirectory.loadSigningIdentity(home.resolve("msp"), "OrdererMSP").serializedIdentity(),
                    consenter.getIdentity().toByteArray());
            assertArrayEquals(Files.readAllBytes(home.resolve("tls/server.crt")),
                    consenter.getServerTlsCert().toByteArray());
        }
        assertEquals(ChannelConfigFactory.MAX_MESSAGE_COUNT, config.getOrdering().getBatchSize().getMaxMessageCount());
        assertEquals(ChannelConfigFactory.BATCH_TIMEOUT.toMillis(), config.getOrdering().getBatchTimeoutMillis());
        assertTrue(config.getOrdering().getMaxEnvelopeBytes() <= config.getOrdering().getBatchSize()
                .getAbsoluteMaxBytes());
    }

    @Test
    void contractsAreDefinedByTheirJarsHashUnderTheChannelEndorsementPolicy() throws IOException {
        ChannelConfig config = ChannelConfigFactory.build(topology, directory, contracts);
        assertEquals(2, config.getContractsCount());
        ContractDefinition basic = config.getContracts(0);
        assertEquals("basic", basic.getName());
        assertEquals("1.0", basic.getVersion());
        assertEquals(1, basic.getSequence());
        assertArrayEquals(Sha256.digest("basic contract bytes".getBytes()), basic.getJarSha256().toByteArray());
        assertTrue(!basic.hasEndorsementPolicy(), "the channel's Endorsement policy applies");
        assertEquals("2.1", config.getContracts(1).getVersion());
        assertArrayEquals(Sha256.digest("token contract bytes".getBytes()),
                config.getContracts(1).getJarSha256().toByteArray());
    }

    @Test
    void genesisBlockIsDeterministicAndCarriesTheConfiguration() throws Exception {
        ChannelConfig config = ChannelConfigFactory.build(topology, directory, contracts);
        Block first = ConfigBlocks.genesis(config);
        Block second = ConfigBlocks.genesis(ChannelConfigFactory.build(topology, directory, contracts));
        assertEquals(first, second);
        assertEquals(0, first.getHeader().getNumber());
        assertEquals(config, ConfigBlocks.configOf(first));
    }

    @Test
    void ordererOnlyNetworksHaveNoAnchorPeersButKeepThePeerOrganizations() throws IOException {
        NetworkTopology orderersOnly;
        try (PortAllocator ports = new PortAllocator()) {
            orderersOnly = NetworkTopology.plan("mychannel", 3, true, ports);
        }
        ChannelConfig config = ChannelConfigFactory.build(orderersOnly, directory, List.of());
        assertEquals(3, config.getOrganizationsCount());
        assertTrue(config.getOrganizationsList().stream().allMatch(o -> o.getAnchorPeersCount() == 0));
        assertEquals(0, config.getContractsCount());
    }

    @Test
    void missingContractJarIsNamed() {
        IOException e = assertThrows(IOException.class,
                () -> ContractJar.of("basic", "1.0", root.resolve("absent.jar")));
        assertTrue(e.getMessage().contains("absent.jar"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new ContractJar("bad name", "1.0", root, new byte[32]));
        assertThrows(IllegalArgumentException.class, () -> new ContractJar("basic", "1.0", root, new byte[31]));
    }
}
