package dev.ordo.ledgernode.node;

import dev.ordo.contracts.runtime.ContractRuntime;
import dev.ordo.contracts.runtime.RuntimeSettings;
import dev.ordo.ledgernode.contract.ContractDeployments;
import dev.ordo.ledgernode.contract.InstalledJars;
import dev.ordo.ledgernode.deliver.DeliverService;
import dev.ordo.ledgernode.endorse.EndorserService;
import dev.ordo.ledgernode.endorse.ProposalEndorser;
import dev.ordo.ledgernode.gateway.GatewayPeers;
import dev.ordo.ledgernode.gateway.GatewayService;
import dev.ordo.ledgernode.intake.BlockIntake;
import dev.ordo.ledgernode.ledger.LedgerOptions;
import dev.ordo.ledgernode.remote.ChannelTlsTrust;
import dev.ordo.ledgernode.remote.HandlerPool;
import dev.ordo.ledgernode.remote.OrdererDirectory;
import dev.ordo.ledgernode.remote.OrdererEndpoint;
import dev.ordo.ledgernode.remote.RemoteChannels;
import dev.ordo.membership.identity.SigningIdentity;
import dev.ordo.membership.msp.MspDirectory;
import dev.ordo.membership.tls.TlsMaterial;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContext;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.hyperledger.fabric.protos.common.Block;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Builds one ledger node from {@link PeerProperties}. */
@Configuration
@EnableConfigurationProperties(PeerProperties.class)
public class NodeConfiguration {

    @Bean
    SigningIdentity peerSigningIdentity(PeerProperties props) throws IOException {
        return MspDirectory.loadSigningIdentity(props.mspDir(), props.mspId());
    }

    @Bean
    TlsMaterial peerTls(PeerProperties props) throws IOException {
        return TlsMaterial.load(props.tlsDir(), props.ordererTlsCas());
    }

    @Bean
    NodeMetrics nodeMetrics(MeterRegistry registry) {
        return new NodeMetrics(registry);
    }

    @Bean(destroyMethod = "close")
    RemoteChannels remoteChannels(TlsMaterial tls) {
        return new RemoteChannels(tls);
    }

    @Bean
    OrdererDirectory ordererDirectory(PeerProperties props) {
        List<OrdererEndpoint> endpoints = new ArrayList<>();
        for (String address : props.orderers()) {
            int colon = address.lastIndexOf(':');
            endpoints.add(new OrdererEndpoint(address, address.substring(0, colon),
                    Integer.parseInt(address.substring(colon + 1))));
        }
        return new OrdererDirectory(endpoints);
    }

    @Bean(destroyMethod = "close")
    ContractRuntime contractRuntime(PeerProperties props) throws IOException {
        return ContractRuntime.start(RuntimeSettings.defaults(props.dataDir().resolve("contract-runtime")));
    }

    @Bean
    ContractDeployments contractDeployments(ContractRuntime runtime, PeerProperties props) throws IOException {
        Files.createDirectories(props.contractsDirectory());
        return new ContractDeployments(runtime, new InstalledJars(props.contractsDirectory()));
    }

    @Bean(destroyMethod = "shutdownNow")
    ExecutorService validationExecutor() {
        return pool("validate", Runtime.getRuntime().availableProcessors());
    }

    /**
     * Endorsement requests from other peers' gateways: CPU work (checks, contract, signature), so
     * a few threads and a queue, not a thread per request; a contract's own time limit bounds how
     * long one request holds a thread.
     */
    @Bean(destroyMethod = "shutdownNow")
    ExecutorService endorseExecutor() {
        return pool("endorse", 2 * Runtime.getRuntime().availableProcessors());
    }

    /** Work that waits (gateway calls waiting on endorsers and orderers, Deliver and event streams). */
    @Bean(destroyMethod = "shutdownNow")
    ExecutorService streamExecutor() {
        return Executors.newCachedThreadPool(named("stream"));
    }

    @Bean(destroyMethod = "close")
    Channels channels(PeerProperties props, @Qualifier("validationExecutor") ExecutorService validationExecutor, ContractDeployments contracts,
            OrdererDirectory orderers, RemoteChannels remote, SigningIdentity signer, NodeMetrics metrics)
            throws IOException, ChannelJoinException {
        Channels channels = new Channels(props.dataDir().resolve("ledgers"), LedgerOptions.defaults(),
                validationExecutor, contracts,
                channel -> new BlockIntake(channel, orderers, remote, signer, metrics.commitLatency(channel.id()),
                        Clock.systemUTC()),
                metrics);
        try {
            channels.openExisting();
            for (PeerProperties.ChannelJoin join : props.channels()) {
                Path file = join.genesisBlock();
                Block genesis;
                try {
                    genesis = Block.parseFrom(Files.readAllBytes(file));
                } catch (IOException e) {
                    throw new IOException("ordo.peer.channels: cannot read genesis block " + file + ": "
                            + e.getMessage(), e);
                }
                channels.join(genesis);
            }
        } catch (IOException | ChannelJoinException | RuntimeException e) {
            channels.close();
            throw e;
        }
        return channels;
    }

    @Bean
    ProposalEndorser proposalEndorser(PeerProperties props, SigningIdentity signer, Channels channels,
            ContractDeployments contracts, NodeMetrics metrics) {
        return new ProposalEndorser(props.mspId(), signer, channels, contracts, metrics::endorsed);
    }

    @Bean(destroyMethod = "close")
    PeerGrpcServer peerGrpcServer(PeerProperties props, TlsMaterial tls, ProposalEndorser endorser, Channels channels,
            RemoteChannels remote, OrdererDirectory orderers,
            @Qualifier("streamExecutor") ExecutorService streamExecutor,
            @Qualifier("endorseExecutor") ExecutorService endorseExecutor) throws IOException {
        String address = props.externalAddress() != null ? props.externalAddress() : props.host() + ":" + props.port();
        GatewayPeers peers = new GatewayPeers(endorser, address, remote, orderers);
        SslContext serverTls = serverTls(tls, channels);
        PeerGrpcServer server = new PeerGrpcServer(props.host(), props.port(), serverTls, List.of(
                new EndorserService(endorser, new HandlerPool(endorseExecutor)),
                new GatewayService(channels, peers, props.requestTimeout(), new HandlerPool(streamExecutor),
                        streamExecutor),
                new DeliverService(channels, props.timestampWindow(), Clock.systemUTC(), streamExecutor)));
        server.start();
        return server;
    }

    @Bean
    PeerHealthIndicator peerHealthIndicator(Channels channels) {
        return new PeerHealthIndicator(channels);
    }

    /** TLS 1.3/1.2 with the node's certificate; client certificates requested and checked against {@link ChannelTlsTrust}. */
    private static SslContext serverTls(TlsMaterial tls, Channels channels) {
        return tls.forServer(ChannelTlsTrust.of(tls.trustedRoots(), () -> channels), false);
    }

    private static ExecutorService pool(String name, int threads) {
        return Executors.newFixedThreadPool(threads, named(name));
    }

    private static java.util.concurrent.ThreadFactory named(String name) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

}
