package dev.ordo.ordering.broadcast;

import dev.ordo.proto.v1.ForwardRequest;
import io.grpc.MethodDescriptor;
import io.grpc.protobuf.ProtoUtils;
import org.hyperledger.fabric.protos.orderer.BroadcastResponse;

/**
 * Ordo's internal orderer-to-orderer service, {@code ordo.v1.OrdererCluster}: a follower
 * forwards an envelope that passed its checks to the channel's leader and relays the
 * leader's answer. Served on the Broadcast port, callable only with a consenter's TLS
 * certificate.
 */
public final class ClusterMethods {
  public static final String SERVICE = "ordo.v1.OrdererCluster";

  public static final MethodDescriptor<ForwardRequest, BroadcastResponse> FORWARD =
      MethodDescriptor.<ForwardRequest, BroadcastResponse>newBuilder()
          .setType(MethodDescriptor.MethodType.UNARY)
          .setFullMethodName(MethodDescriptor.generateFullMethodName(SERVICE, "Forward"))
          .setRequestMarshaller(ProtoUtils.marshaller(ForwardRequest.getDefaultInstance()))
          .setResponseMarshaller(ProtoUtils.marshaller(BroadcastResponse.getDefaultInstance()))
          .build();

  private ClusterMethods() {
  }
}
