package dev.ordo.ordering.deliver;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import dev.ordo.membership.msp.IdentityValidationException;
import dev.ordo.membership.policy.ChannelPolicies;
import dev.ordo.membership.policy.PolicyDecision;
import dev.ordo.membership.policy.SignedData;
import dev.ordo.membership.tls.TlsMaterial;
import dev.ordo.ordering.OrdererNode;
import dev.ordo.ordering.broadcast.PeerCertificates;
import dev.ordo.ordering.channel.ChannelState;
import dev.ordo.ordering.channel.OrderingChannel;
import dev.ordo.proto.wire.EnvelopeView;
import dev.ordo.proto.wire.SignedContent;
import dev.ordo.proto.wire.WireFormatException;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.HeaderType;
import org.hyperledger.fabric.protos.common.Status;
import org.hyperledger.fabric.protos.orderer.DeliverResponse;
import org.hyperledger.fabric.protos.orderer.SeekInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fabric's orderer Deliver: each request (a signed DELIVER_SEEK_INFO envelope) is checked
 * (timestamp window, channel, TLS binding, creator, Readers policy) and answered with the
 * blocks asked for, then a final status. Each stream is served on its own worker thread that
 * sends only while the client's transport is ready, so a slow reader holds back only itself;
 * the chain is read from the block store, never from the apply path.
 */
public final class DeliverStreams implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(DeliverStreams.class);

  private final OrdererNode node;
  private final Duration timestampWindow;
  private final Clock clock;
  private final ExecutorService workers;

  public DeliverStreams(OrdererNode node, Duration timestampWindow, Clock clock) {
    this.node = node;
    this.timestampWindow = timestampWindow;
    this.clock = clock;
    AtomicInteger ids = new AtomicInteger();
    this.workers = Executors.newCachedThreadPool(r -> {
      Thread t = new Thread(r, "deliver-" + ids.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
  }

  /** Opens one Deliver stream; called in the gRPC call's context (for the TLS certificate). */
  public StreamObserver<Envelope> open(ServerCallStreamObserver<DeliverResponse> out) {
    Stream stream = new Stream(out, PeerCertificates.current());
    out.setOnReadyHandler(stream::wakeUp);
    out.setOnCancelHandler(stream::cancel);
    return new StreamObserver<>() {
      @Override
      public void onNext(Envelope request) {
        stream.enqueue(request);
      }

      @Override
      public void onError(Throwable t) {
        stream.cancel();
      }

      @Override
      public void onCompleted() {
        stream.inputDone();
      }
    };
  }

  @Override
  public void close() {
    workers.shutdownNow();
  }

  private final class Stream {
    private final ServerCallStreamObserver<DeliverResponse> out;
    private final X509Certificate clientCertificate;
    private final Object readiness = new Object();
    private CompletableFuture<Void> tail = CompletableFuture.completedFuture(null);
    private volatile boolean cancelled;

    Stream(ServerCallStreamObserver<DeliverResponse> out, X509Certificate clientCertificate) {
      this.out = out;
      this.clientCertificate = clientCertificate;
    }

    synchronized void enqueue(Envelope request) {
      tail = tail.thenRunAsync(() -> serveSafely(request), workers);
    }

    synchronized void inputDone() {
      tail = tail.thenRun(() -> {
        if (!cancelled) {
          synchronized (out) {
            out.onCompleted();
          }
        }
      });
    }

    void cancel() {
      cancelled = true;
      wakeUp();
    }

    void wakeUp() {
      synchronized (readiness) {
        readiness.notifyAll();
      }
    }

    private void serveSafely(Envelope request) {
      try {
        serve(request);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } catch (RuntimeException e) {
        log.warn("Deliver: stream failed", e);
        sendStatus(Status.INTERNAL_SERVER_ERROR);
      }
    }

    private void serve(Envelope request) throws InterruptedException {
      EnvelopeView view;
      try {
        view = EnvelopeView.parse(request);
      } catch (WireFormatException e) {
        log.debug("Deliver: malformed request: {}", e.getMessage());
        sendStatus(Status.BAD_REQUEST);
        return;
      }
      if (view.headerType() != HeaderType.DELIVER_SEEK_INFO) {
        log.debug("Deliver: request of type {} refused", view.headerType());
        sendStatus(Status.BAD_REQUEST);
        return;
      }
      var runtime = node.channel(view.channelId());
      if (runtime.isEmpty()) {
        sendStatus(Status.NOT_FOUND);
        return;
      }
      OrderingChannel channel = runtime.get().channel();
      Instant timestamp = view.header().timestampInstant();
      Instant now = clock.instant();
      if (timestamp.isBefore(now.minus(timestampWindow)) || timestamp.isAfter(now.plus(timestampWindow))) {
        log.debug("Deliver on {}: timestamp {} outside the window", channel.id(), timestamp);
        sendStatus(Status.BAD_REQUEST);
        return;
      }
      ByteString bound = view.header().tlsCertHash();
      if (!bound.isEmpty() && (clientCertificate == null
          || !bound.equals(ByteString.copyFrom(TlsMaterial.certificateHash(clientCertificate))))) {
        log.debug("Deliver on {}: tls_cert_hash does not match the client's TLS certificate", channel.id());
        sendStatus(Status.BAD_REQUEST);
        return;
      }
      SignedContent signed = view.signedContent();
      SignedData signedData = new SignedData(signed.dataBytes(), signed.identityBytes(), signed.signatureBytes());
      ChannelState state = channel.state();
      if (!readable(state, signedData, channel.id())) {
        sendStatus(Status.FORBIDDEN);
        return;
      }
      SeekRange range;
      try {
        range = SeekRange.resolve(SeekInfo.parseFrom(view.data()), state.height());
      } catch (InvalidProtocolBufferException | IllegalArgumentException e) {
        log.debug("Deliver on {}: bad SeekInfo: {}", channel.id(), e.getMessage());
        sendStatus(Status.BAD_REQUEST);
        return;
      }
      long checkedSequence = state.config().getSequence();
      for (long number = range.start(); number <= range.stop(); number++) {
        while (channel.height() <= number) {
          if (!range.waitForBlocks()) {
            sendStatus(Status.NOT_FOUND);
            return;
          }
          if (cancelled) {
            return;
          }
          // An evicted orderer gets no more blocks: send the client to the consenters.
          if (channel.isClosed() || channel.isEvicted()) {
            sendStatus(Status.SERVICE_UNAVAILABLE);
            return;
          }
          channel.awaitHeight(number, 500, TimeUnit.MILLISECONDS);
        }
        ChannelState current = channel.state();
        if (current.config().getSequence() != checkedSequence) {
          if (!readable(current, signedData, channel.id())) {
            sendStatus(Status.FORBIDDEN);
            return;
          }
          checkedSequence = current.config().getSequence();
        }
        Block block = channel.block(number).orElse(null);
        if (block == null) {
          sendStatus(Status.SERVICE_UNAVAILABLE); // truncated under us (restore in progress)
          return;
        }
        if (!awaitReady()) {
          return;
        }
        synchronized (out) {
          out.onNext(DeliverResponse.newBuilder().setBlock(block).build());
        }
        if (number == Long.MAX_VALUE) {
          break;
        }
      }
      sendStatus(Status.SUCCESS);
    }

    private boolean readable(ChannelState state, SignedData signedData, String channelId) {
      try {
        state.msp().validate(signedData.identity());
      } catch (IdentityValidationException e) {
        log.debug("Deliver on {}: creator not valid: {}", channelId, e.getMessage());
        return false;
      }
      PolicyDecision readers = state.policies().evaluate(ChannelPolicies.READERS, List.of(signedData));
      if (!readers.satisfied()) {
        log.debug("Deliver on {}: Readers policy not satisfied: {}", channelId, readers.reason());
      }
      return readers.satisfied();
    }

    private boolean awaitReady() throws InterruptedException {
      synchronized (readiness) {
        while (!out.isReady() && !cancelled) {
          readiness.wait(200);
        }
      }
      return !cancelled;
    }

    private void sendStatus(Status status) {
      if (cancelled) {
        return;
      }
      synchronized (out) {
        out.onNext(DeliverResponse.newBuilder().setStatus(status).build());
      }
    }
  }
}
