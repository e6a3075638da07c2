package dev.ordo.ordering.broadcast;

import dev.ordo.ordering.OrdererNode;
import dev.ordo.ordering.channel.ChannelRuntime;
import dev.ordo.ordering.cutter.PendingEnvelope;
import dev.ordo.proto.v1.Consenter;
import dev.ordo.proto.v1.ConfigUpdate;
import dev.ordo.proto.v1.ForwardRequest;
import dev.ordo.proto.wire.ConfigBlocks;
import dev.ordo.proto.wire.WireFormatException;
import io.grpc.ServerServiceDefinition;
import io.grpc.stub.ServerCalls;
import io.grpc.stub.StreamObserver;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import com.google.protobuf.ByteString;
import dev.ordo.proto.v1.ChannelConfig;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.Optional;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.Status;
import org.hyperledger.fabric.protos.orderer.BroadcastResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The leader's side of forwarding: takes an envelope a follower has already checked and
 * queues it on this orderer's sequencer. Only a consenter of the channel (by TLS certificate)
 * may forward.
 */
public final class ForwardService {
  private static final Logger log = LoggerFactory.getLogger(ForwardService.class);

  private final OrdererNode node;
  private final Map<String, Map.Entry<ChannelConfig, Set<ByteString>>> consenterCache = new ConcurrentHashMap<>();

  public ForwardService(OrdererNode node) {
    this.node = node;
  }

  public ServerServiceDefinition definition() {
    return ServerServiceDefinition.builder(ClusterMethods.SERVICE)
        .addMethod(ClusterMethods.FORWARD, ServerCalls.asyncUnaryCall(this::forward))
        .build();
  }

  void forward(ForwardRequest request, StreamObserver<BroadcastResponse> response) {
    Optional<ChannelRuntime> found = node.channel(request.getChannelId());
    if (found.isEmpty()) {
      reply(response, Status.NOT_FOUND, "channel '" + request.getChannelId() + "' does not exist on the leader");
      return;
    }
    ChannelRuntime channel = found.get();
    X509Certificate caller = PeerCertificates.current();
    if (!isConsenter(caller, channel)) {
      reply(response, Status.FORBIDDEN, "only consenters of channel '" + request.getChannelId() + "' may forward");
      return;
    }
    if (!channel.sequencer().isLeading()) {
      reply(response, Status.SERVICE_UNAVAILABLE, "orderer " + node.ordererId() + " does not lead channel '"
          + request.getChannelId() + "', retry");
      return;
    }
    ConfigUpdate update = null;
    if (request.getIsConfigUpdate()) {
      try {
        update = ConfigBlocks.parseConfigUpdate(Envelope.parseFrom(request.getEnvelope())).configUpdate();
      } catch (WireFormatException | com.google.protobuf.InvalidProtocolBufferException e) {
        reply(response, Status.BAD_REQUEST, "forwarded config update does not parse: " + e.getMessage());
        return;
      }
    }
    PendingEnvelope pending = PendingEnvelope.of(request.getEnvelope(), update);
    pending.ack().whenComplete((r, e) -> {
      if (e != null) {
        reply(response, Status.INTERNAL_SERVER_ERROR, "leader failed: " + e.getMessage());
      } else {
        response.onNext(r);
        response.onCompleted();
      }
    });
    channel.sequencer().submit(pending);
  }

  private boolean isConsenter(X509Certificate caller, ChannelRuntime channel) {
    if (caller == null) {
      return false;
    }
    try {
      return consenterCertificates(channel.channel().state().config()).contains(ByteString.copyFrom(caller.getEncoded()));
    } catch (CertificateEncodingException e) {
      log.warn("cannot encode caller certificate: {}", e.getMessage());
      return false;
    }
  }

  /** DER encodings of the consenters' TLS certificates, parsed once per configuration. */
  private Set<ByteString> consenterCertificates(ChannelConfig config) {
    Map.Entry<ChannelConfig, Set<ByteString>> cached = consenterCache.get(config.getChannelId());
    if (cached != null && cached.getKey() == config) {
      return cached.getValue();
    }
    Set<ByteString> ders = new HashSet<>();
    for (Consenter consenter : config.getOrdering().getConsentersList()) {
      for (ByteString pem : List.of(consenter.getServerTlsCert(), consenter.getClientTlsCert())) {
        if (pem.isEmpty()) {
          continue;
        }
        try {
          var factory = java.security.cert.CertificateFactory.getInstance("X.509");
          ders.add(ByteString.copyFrom(factory.generateCertificate(pem.newInput()).getEncoded()));
        } catch (java.security.cert.CertificateException e) {
          log.warn("channel {}: consenter {} has an unreadable TLS certificate: {}", config.getChannelId(),
              consenter.getId(), e.getMessage());
        }
      }
    }
    consenterCache.put(config.getChannelId(), Map.entry(config, ders));
    return ders;
  }

  private static void reply(StreamObserver<BroadcastResponse> response, Status status, String info) {
    response.onNext(BroadcastResponse.newBuilder().setStatus(status).setInfo(info).build());
    response.onCompleted();
  }
}
