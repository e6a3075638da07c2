package dev.ordo.ordering.broadcast;

import dev.ordo.ordering.OrdererNode;
import dev.ordo.ordering.channel.ChannelRuntime;
import dev.ordo.ordering.cutter.PendingEnvelope;
import dev.ordo.ordering.deliver.DeliverStreams;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.apache.ratis.protocol.RaftPeerId;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.Status;
import org.hyperledger.fabric.protos.orderer.AtomicBroadcastGrpc;
import org.hyperledger.fabric.protos.orderer.BroadcastResponse;
import org.hyperledger.fabric.protos.orderer.DeliverResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fabric's {@code orderer.AtomicBroadcast}. Broadcast: every envelope is checked here
 * ({@link EnvelopeAdmission}), then queued on this orderer's sequencer when it leads the
 * channel or forwarded to the leader; responses go back in arrival order, SUCCESS only once
 * the envelope's block is committed. Deliver is served by {@link DeliverStreams}.
 */
public final class AtomicBroadcastService extends AtomicBroadcastGrpc.AtomicBroadcastImplBase {
  private static final Logger log = LoggerFactory.getLogger(AtomicBroadcastService.class);

  private final OrdererNode node;
  private final EnvelopeAdmission admission;
  private final ForwardClient forwarder;
  private final DeliverStreams deliver;
  private final int maxOutstandingPerStream;

  public AtomicBroadcastService(OrdererNode node, EnvelopeAdmission admission, ForwardClient forwarder,
      DeliverStreams deliver, int maxOutstandingPerStream) {
    this.node = node;
    this.admission = admission;
    this.forwarder = forwarder;
    this.deliver = deliver;
    this.maxOutstandingPerStream = maxOutstandingPerStream;
  }

  @Override
  public StreamObserver<Envelope> broadcast(StreamObserver<BroadcastResponse> responseObserver) {
    ServerCallStreamObserver<BroadcastResponse> call = (ServerCallStreamObserver<BroadcastResponse>) responseObserver;
    call.disableAutoRequest();
    OrderedResponses responses = new OrderedResponses(call, maxOutstandingPerStream);
    call.setOnCancelHandler(responses::cancelled);
    responses.start();
    return new StreamObserver<>() {
      @Override
      public void onNext(Envelope envelope) {
        responses.add(handle(envelope));
      }

      @Override
      public void onError(Throwable t) {
        responses.cancelled();
      }

      @Override
      public void onCompleted() {
        responses.inputDone();
      }
    };
  }

  CompletableFuture<BroadcastResponse> handle(Envelope envelope) {
    Admission checked;
    try {
      checked = admission.check(envelope);
    } catch (RuntimeException e) {
      log.warn("Broadcast: unexpected failure while checking an envelope", e);
      return done(Status.INTERNAL_SERVER_ERROR, "orderer failed to check the envelope: " + e.getMessage());
    }
    if (!checked.isAccepted()) {
      log.debug("Broadcast rejected: {} {}", checked.status(), checked.reason());
      return done(checked.status(), checked.reason());
    }
    ChannelRuntime channel = checked.channel();
    if (channel.channel().isEvicted()) {
      return done(Status.SERVICE_UNAVAILABLE, "orderer " + node.ordererId() + " is no longer a consenter of channel '"
          + channel.channel().id() + "'; send to one of its consenters");
    }
    if (channel.sequencer().isLeading()) {
      PendingEnvelope pending = PendingEnvelope.of(envelope.toByteString(), checked.configUpdate());
      channel.sequencer().submit(pending);
      return pending.ack();
    }
    Optional<RaftPeerId> leader = node.leaderOf(channel);
    if (leader.isEmpty() || leader.get().equals(node.raft().peerId())) {
      return done(Status.SERVICE_UNAVAILABLE, "channel '" + channel.channel().id()
          + "' has no Raft leader at the moment (election in progress), retry");
    }
    return forwarder.forward(channel, leader.get(), envelope.toByteString(), checked.configUpdate() != null);
  }

  private static CompletableFuture<BroadcastResponse> done(Status status, String info) {
    return CompletableFuture.completedFuture(BroadcastResponse.newBuilder().setStatus(status).setInfo(info).build());
  }

  @Override
  public StreamObserver<Envelope> deliver(StreamObserver<DeliverResponse> responseObserver) {
    return deliver.open((ServerCallStreamObserver<DeliverResponse>) responseObserver);
  }
}
