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
import java.util.Arrays;
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

  private static boolean isConsenter(X509Certificate caller, ChannelRuntime channel) {
    if (caller == null) {
      return false;
    }
    try {
      byte[] der = caller.getEncoded();
      for (Consenter consenter : channel.channel().state().config().getOrdering().getConsentersList()) {
        if (matches(der, consenter.getClientTlsCert().toByteArray())
            || matches(der, consenter.getServerTlsCert().toByteArray())) {
          return true;
        }
      }
    } catch (CertificateEncodingException e) {
      log.warn("cannot encode caller certificate: {}", e.getMessage());
    }
    return false;
  }

  private static boolean matches(byte[] der, byte[] pem) {
    if (pem.length == 0) {
      return false;
    }
    try {
      var factory = java.security.cert.CertificateFactory.getInstance("X.509");
      var cert = (X509Certificate) factory.generateCertificate(new java.io.ByteArrayInputStream(pem));
      return Arrays.equals(der, cert.getEncoded());
    } catch (java.security.cert.CertificateException e) {
      return false;
    }
  }

  private static void reply(StreamObserver<BroadcastResponse> response, Status status, String info) {
    response.onNext(BroadcastResponse.newBuilder().setStatus(status).setInfo(info).build());
    response.onCompleted();
  }
}
