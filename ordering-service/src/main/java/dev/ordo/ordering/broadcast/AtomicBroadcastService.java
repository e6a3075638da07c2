package dev.ordo.ordering.broadcast;

import com.google.protobuf.ByteString;
import com.google.protobuf.UnsafeByteOperations;
import dev.ordo.ordering.OrdererNode;
import dev.ordo.ordering.channel.ChannelRuntime;
import dev.ordo.ordering.cutter.PendingEnvelope;
import dev.ordo.ordering.deliver.DeliverStreams;
import io.grpc.BindableService;
import io.grpc.KnownLength;
import io.grpc.MethodDescriptor;
import io.grpc.ServerServiceDefinition;
import io.grpc.protobuf.ProtoUtils;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.ServerCalls;
import io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
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
 *
 * <p>Broadcast takes each request as the bytes that arrived ({@link #BROADCAST}): they are
 * what gets ordered, the parsed envelope shares them, and an envelope that does not parse is
 * answered BAD_REQUEST on a stream that goes on, where a generated stub would end the stream.
 */
public final class AtomicBroadcastService implements BindableService {
  private static final Logger log = LoggerFactory.getLogger(AtomicBroadcastService.class);

  /** Fabric's Broadcast method with each request kept as its marshalled {@code common.Envelope}. */
  public static final MethodDescriptor<ByteString, BroadcastResponse> BROADCAST =
      AtomicBroadcastGrpc.getBroadcastMethod().toBuilder(new ReceivedBytes(),
          ProtoUtils.marshaller(BroadcastResponse.getDefaultInstance())).build();

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
  public ServerServiceDefinition bindService() {
    return ServerServiceDefinition.builder(AtomicBroadcastGrpc.SERVICE_NAME)
        .addMethod(BROADCAST, ServerCalls.asyncBidiStreamingCall(this::broadcast))
        .addMethod(AtomicBroadcastGrpc.getDeliverMethod(), ServerCalls.asyncBidiStreamingCall(this::deliver))
        .build();
  }

  StreamObserver<ByteString> broadcast(StreamObserver<BroadcastResponse> responseObserver) {
    ServerCallStreamObserver<BroadcastResponse> call = (ServerCallStreamObserver<BroadcastResponse>) responseObserver;
    call.disableAutoRequest();
    OrderedResponses responses = new OrderedResponses(call, maxOutstandingPerStream);
    call.setOnCancelHandler(responses::cancelled);
    responses.start();
    return new StreamObserver<>() {
      @Override
      public void onNext(ByteString envelope) {
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

  CompletableFuture<BroadcastResponse> handle(ByteString envelope) {
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
      PendingEnvelope pending = PendingEnvelope.of(envelope, checked.configUpdate());
      channel.sequencer().submit(pending);
      return pending.ack();
    }
    Optional<RaftPeerId> leader = node.leaderOf(channel);
    if (leader.isEmpty() || leader.get().equals(node.raft().peerId())) {
      return done(Status.SERVICE_UNAVAILABLE, "channel '" + channel.channel().id()
          + "' has no Raft leader at the moment (election in progress), retry");
    }
    return forwarder.forward(channel, leader.get(), envelope, checked.configUpdate() != null);
  }

  private static CompletableFuture<BroadcastResponse> done(Status status, String info) {
    return CompletableFuture.completedFuture(BroadcastResponse.newBuilder().setStatus(status).setInfo(info).build());
  }

  StreamObserver<Envelope> deliver(StreamObserver<DeliverResponse> responseObserver) {
    return deliver.open((ServerCallStreamObserver<DeliverResponse>) responseObserver);
  }

  /**
   * A request's bytes in one array of their exact size: grpc-java's protobuf marshaller would
   * copy them into a scratch buffer, copy the payload out of it, and the envelope would be
   * serialized once more to be ordered. gRPC has enforced the size limit before this runs.
   */
  private static final class ReceivedBytes implements MethodDescriptor.Marshaller<ByteString> {
    @Override
    public InputStream stream(ByteString value) {
      return value.newInput();
    }

    @Override
    public ByteString parse(InputStream stream) {
      try {
        byte[] bytes = stream instanceof KnownLength ? knownLength(stream) : stream.readAllBytes();
        int next = stream.read();
        if (next == -1) {
          return UnsafeByteOperations.unsafeWrap(bytes); // never written again
        }
        ByteString.Output rest = ByteString.newOutput(); // available() fell short
        rest.write(next);
        stream.transferTo(rest);
        return UnsafeByteOperations.unsafeWrap(bytes).concat(rest.toByteString());
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read a Broadcast request", e);
      }
    }

    /** gRPC's own streams know their length: read into one array of exactly that size. */
    private static byte[] knownLength(InputStream stream) throws IOException {
      byte[] bytes = new byte[stream.available()];
      int read = stream.readNBytes(bytes, 0, bytes.length);
      return read == bytes.length ? bytes : Arrays.copyOf(bytes, read);
    }
  }
}
