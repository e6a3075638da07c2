package dev.ordo.deploy.channel;

import com.google.protobuf.ByteString;
import dev.ordo.deploy.network.NetworkDirectory;
import dev.ordo.deploy.topology.NetworkNode;
import dev.ordo.deploy.topology.NetworkTopology;
import dev.ordo.membership.msp.MspDirectory;
import dev.ordo.membership.policy.ChannelPolicies;
import dev.ordo.proto.v1.BatchSize;
import dev.ordo.proto.v1.ChannelConfig;
import dev.ordo.proto.v1.Consenter;
import dev.ordo.proto.v1.ContractDefinition;
import dev.ordo.proto.v1.Endpoint;
import dev.ordo.proto.v1.ImplicitMetaPolicy;
import dev.ordo.proto.v1.Organization;
import dev.ordo.proto.v1.OrderingConfig;
import dev.ordo.proto.v1.Policy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The genesis configuration of the local network's channel: the orderer organisation and the
 * peer organisations from the generated MSP folders (peers as anchor peers), Fabric's sample
 * channel policies with the default endorsement policy {@code AND('Org1MSP.peer','Org2MSP.peer')},
 * every orderer as a Raft consenter, and the sample contracts defined by their jars' hashes.
 */
public final class ChannelConfigFactory {
    /** Blocks are cut at this many transactions... */
    public static final int MAX_MESSAGE_COUNT = 500;
    /** ...or after this long, whichever comes first (short, so the demo feels immediate). */
    public static final Duration BATCH_TIMEOUT = Duration.ofMillis(250);
    public static final int ABSOLUTE_MAX_BYTES = 10 * 1024 * 1024;
    public static final int PREFERRED_MAX_BYTES = 2 * 1024 * 1024;
    public static final int MAX_ENVELOPE_BYTES = 8 * 1024 * 1024;

    private ChannelConfigFactory() {
    }

    /** Every peer organisation's peer must endorse: {@code AND('Org1MSP.peer','Org2MSP.peer')}. */
    public static String defaultEndorsementPolicy() {
        return "AND(" + java.util.stream.IntStream.rangeClosed(1, NetworkTopology.PEER_ORGANIZATIONS)
                .mapToObj(org -> "'" + NetworkTopology.peerMspId(org) + ".peer'")
                .collect(Collectors.joining(",")) + ")";
    }

    /**
     * Builds the configuration from the crypto material under {@code directory}.
     *
     * @throws IOException if an MSP or TLS file cannot be read
     */
    public static ChannelConfig build(NetworkTopology topology, NetworkDirectory directory,
            List<ContractJar> contracts) throws IOException {
        ChannelConfig.Builder config = ChannelConfig.newBuilder()
                .setChannelId(topology.channelId())
                .setSequence(0);
        config.addOrganizations(MspDirectory.loadOrganization(
                directory.crypto().ordererOrganization(NetworkTopology.ORDERER_DOMAIN).resolve("msp"),
                NetworkTopology.ORDERER_MSP_ID));
        for (int org = 1; org <= NetworkTopology.PEER_ORGANIZATIONS; org++) {
            String mspId = NetworkTopology.peerMspId(org);
            Organization.Builder organization = MspDirectory.loadOrganization(
                    directory.crypto().peerOrganization(NetworkTopology.peerDomain(org)).resolve("msp"), mspId)
                    .toBuilder();
            topology.peerOf(mspId).ifPresent(peer -> organization.addAnchorPeers(endpoint(peer.ports().grpc())));
            config.addOrganizations(organization);
        }
        config.putPolicies(ChannelPolicies.READERS, implicitMeta(ImplicitMetaPolicy.Rule.ANY, ChannelPolicies.READERS));
        config.putPolicies(ChannelPolicies.WRITERS, implicitMeta(ImplicitMetaPolicy.Rule.ANY, ChannelPolicies.WRITERS));
        config.putPolicies(ChannelPolicies.ADMINS, implicitMeta(ImplicitMetaPolicy.Rule.MAJORITY, ChannelPolicies.ADMINS));
        config.putPolicies(ChannelPolicies.ENDORSEMENT, Policy.newBuilder().setSignature(defaultEndorsementPolicy())
                .build());

        OrderingConfig.Builder ordering = OrderingConfig.newBuilder()
                .setBatchSize(BatchSize.newBuilder()
                        .setMaxMessageCount(MAX_MESSAGE_COUNT)
                        .setAbsoluteMaxBytes(ABSOLUTE_MAX_BYTES)
                        .setPreferredMaxBytes(PREFERRED_MAX_BYTES))
                .setBatchTimeoutMillis(BATCH_TIMEOUT.toMillis())
                .setMaxEnvelopeBytes(MAX_ENVELOPE_BYTES);
        for (NetworkNode orderer : topology.orderers()) {
            ordering.addConsenters(consenter(orderer, directory.nodeCrypto(orderer)));
        }
        config.setOrdering(ordering);

        for (ContractJar contract : contracts) {
            // No endorsement policy of its own: the channel's "Endorsement" policy applies.
            config.addContracts(ContractDefinition.newBuilder()
                    .setName(contract.name())
                    .setVersion(contract.version())
                    .setSequence(1)
                    .setJarSha256(ByteString.copyFrom(contract.sha256())));
        }
        return config.build();
    }

    private static Consenter consenter(NetworkNode orderer, Path home) throws IOException {
        ByteString tlsCertificate = ByteString.copyFrom(Files.readAllBytes(home.resolve("tls").resolve("server.crt")));
        return Consenter.newBuilder()
                .setId(orderer.name())
                .setMspId(orderer.mspId())
                .setEndpoint(endpoint(orderer.ports().grpc()))
                .setRaftEndpoint(endpoint(orderer.ports().raft()))
                .setIdentity(ByteString.copyFrom(
                        MspDirectory.loadSigningIdentity(home.resolve("msp"), orderer.mspId()).serializedIdentity()))
                // An orderer dials the others with its server certificate (serverAuth + clientAuth).
                .setServerTlsCert(tlsCertificate)
                .setClientTlsCert(tlsCertificate)
                .build();
    }

    private static Endpoint endpoint(int port) {
        return Endpoint.newBuilder().setHost(NetworkTopology.LOOPBACK).setPort(port).build();
    }

    private static Policy implicitMeta(ImplicitMetaPolicy.Rule rule, String subPolicy) {
        return Policy.newBuilder()
                .setImplicitMeta(ImplicitMetaPolicy.newBuilder().setRule(rule).setSubPolicy(subPolicy))
                .build();
    }
}
