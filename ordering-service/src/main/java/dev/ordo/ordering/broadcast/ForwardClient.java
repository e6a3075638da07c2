package dev.ordo.ordering.broadcast;

import com.google.protobuf.ByteString;
import dev.ordo.membership.tls.TlsMaterial;
import dev.ordo.ordering.channel.ChannelRuntime;
import dev.ordo.proto.v1.Consenter;
import dev.ordo.proto.v1.ForwardRequest;
import io.grpc.CallOptions;
import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.StreamObserver;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.apache.ratis.protocol.RaftPeerId;
import org.hyperledger.fabric.protos.common.Status;
import org.hyperledger.fabric.protos.orderer.BroadcastResponse;

/** The follower's side of forwarding: one mutual-TLS channel per leader endpoint. */
public final class ForwardClient implements AutoCloseable {
  private final TlsMaterial tls;
  private final long timeoutMillis;
  private final Map<String, ManagedChannel> channels = new ConcurrentHashMap<>();

  public ForwardClient(TlsMaterial tls, long timeoutMillis) {
    this.tls = tls;
    this.timeoutMillis = timeoutMillis;
  }

  /** Forwards an accepted envelope to the channel's leader; completes with the leader's answer. */
  public CompletableFuture<BroadcastResponse> forward(ChannelRuntime channel, RaftPeerId leader, ByteString envelope,
      boolean isConfigUpdate) {
    Optional<Consenter> consenter = channel.channel().state().config().getOrdering().getConsentersList().stream()
        .filter(c -> c.getId().equals(leader.toString()))
        .findFirst();
    if (consenter.isEmpty()) {
      return CompletableFuture.completedFuture(response(Status.SERVICE_UNAVAILABLE,
          "leader " + leader + " of channel '" + channel.channel().id() + "' is not among its consenters, retry"));
    }
    String target = consenter.get().getEndpoint().getHost() + ":" + consenter.get().getEndpoint().getPort();
    ManagedChannel managed = channels.computeIfAbsent(target, t -> NettyChannelBuilder.forTarget(t)
        .sslContext(tls.forClient())
        .maxInboundMessageSize(128 << 20)
        .build());
    ForwardRequest request = ForwardRequest.newBuilder()
        .setChannelId(channel.channel().id())
        .setEnvelope(envelope)
        .setIsConfigUpdate(isConfigUpdate)
        .build();
    CompletableFuture<BroadcastResponse> result = new CompletableFuture<>();
    ClientCalls.asyncUnaryCall(
        managed.newCall(ClusterMethods.FORWARD, CallOptions.DEFAULT.withDeadlineAfter(timeoutMillis, TimeUnit.MILLISECONDS)),
        request, new StreamObserver<>() {
          @Override
          public void onNext(BroadcastResponse value) {
            result.complete(value);
          }

          @Override
          public void onError(Throwable t) {
            result.complete(response(Status.SERVICE_UNAVAILABLE, "could not reach leader " + leader + " of channel '"
                + channel.channel().id() + "' (" + t.getMessage() + "), retry"));
          }

          @Override
          public void onCompleted() {
            result.complete(response(Status.SERVICE_UNAVAILABLE, "leader " + leader + " sent no answer, retry"));
          }
        });
    return result;
  }

  private static BroadcastResponse response(Status status, String info) {
    return BroadcastResponse.newBuilder().setStatus(status).setInfo(info).build();
  }

  @Override
  public void close() {
    channels.values().forEach(ManagedChannel::shutdownNow);
  }
}
