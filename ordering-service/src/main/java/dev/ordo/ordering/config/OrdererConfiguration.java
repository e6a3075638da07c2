package dev.ordo.ordering.config;

import dev.ordo.membership.identity.SigningIdentity;
import dev.ordo.membership.msp.MspDirectory;
import dev.ordo.membership.tls.TlsMaterial;
import dev.ordo.ordering.OrdererNode;
import dev.ordo.ordering.broadcast.AtomicBroadcastService;
import dev.ordo.ordering.broadcast.BroadcastServer;
import dev.ordo.ordering.broadcast.ClientTlsTrust;
import dev.ordo.ordering.broadcast.EnvelopeAdmission;
import dev.ordo.ordering.broadcast.ForwardClient;
import dev.ordo.ordering.broadcast.ForwardService;
import dev.ordo.ordering.consensus.RaftSettings;
import dev.ordo.ordering.deliver.DeliverBlockFetcher;
import dev.ordo.ordering.deliver.DeliverStreams;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Builds one orderer from {@link OrdererProperties}. */
@Configuration
@EnableConfigurationProperties(OrdererProperties.class)
public class OrdererConfiguration {

  @Bean
  SigningIdentity ordererSigningIdentity(OrdererProperties props) throws IOException {
    return MspDirectory.loadSigningIdentity(props.mspDir(), props.mspId());
  }

  @Bean
  TlsMaterial ordererTls(OrdererProperties props) throws IOException {
    return TlsMaterial.load(props.tlsDir(), props.clientRootCas());
  }

  @Bean
  OrdererMetrics ordererMetrics(MeterRegistry registry) {
    return new OrdererMetrics(registry);
  }

  @Bean(destroyMethod = "close")
  DeliverBlockFetcher deliverBlockFetcher(OrdererProperties props, SigningIdentity signer, TlsMaterial tls) {
    return new DeliverBlockFetcher(props.id(), signer, tls);
  }

  @Bean(destroyMethod = "close")
  OrdererNode ordererNode(OrdererProperties props, SigningIdentity signer, DeliverBlockFetcher fetcher,
      OrdererMetrics metrics) throws IOException {
    Path tls = props.tlsDir();
    RaftSettings.TlsFiles raftTls = new RaftSettings.TlsFiles(tls.resolve("server.crt"), tls.resolve("server.key"),
        tls.resolve("ca.crt"));
    OrdererNode node = new OrdererNode(props.id(), signer, props.dataDir(), raftTls, props.host(), props.raftPort(),
        new OrdererNode.Tuning(props.queueCapacity(), props.maxInFlightBlocks(), props.snapshotThreshold(),
            props.maxEntryBytes(), props.electionTimeoutMin(), props.electionTimeoutMax(),
            props.raftSegmentBytes(), props.proposalSegmentBytes(), props.raftLogCacheBytes(), props.blockCacheBytes()),
        fetcher, metrics);
    node.start();
    metrics.bindChannels(node);
    return node;
  }

  @Bean(destroyMethod = "close")
  DeliverStreams deliverStreams(OrdererNode node, OrdererProperties props) {
    return new DeliverStreams(node, props.timestampWindow(), Clock.systemUTC());
  }

  @Bean(destroyMethod = "close")
  ForwardClient forwardClient(TlsMaterial tls, OrdererProperties props) {
    return new ForwardClient(tls, props.forwardTimeout().toMillis());
  }

  @Bean(destroyMethod = "close")
  BroadcastServer broadcastServer(OrdererNode node, OrdererProperties props, TlsMaterial tls,
      DeliverStreams deliver, ForwardClient forwarder) throws IOException {
    EnvelopeAdmission admission = new EnvelopeAdmission(node, props.timestampWindow(), Clock.systemUTC());
    AtomicBroadcastService service = new AtomicBroadcastService(node, admission, forwarder, deliver,
        props.maxOutstandingPerStream());
    BroadcastServer server = new BroadcastServer(props.host(), props.broadcastPort(),
        tls.forServer(ClientTlsTrust.of(tls.trustedRoots(), node), true), service,
        new ForwardService(node));
    server.start();
    return server;
  }

}
