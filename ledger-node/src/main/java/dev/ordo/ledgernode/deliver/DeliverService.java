package dev.ordo.ledgernode.deliver;

import com.google.protobuf.ByteString;
import dev.ordo.ledgernode.channel.ChannelDirectory;
import dev.ordo.ledgernode.channel.PeerChannel;
import dev.ordo.ledgernode.remote.ClientCertificates;
import dev.ordo.ledgernode.validate.ChannelRules;
import dev.ordo.membership.policy.ChannelPolicies;
import dev.ordo.membership.policy.PolicyDecision;
import dev.ordo.membership.policy.SignedData;
import dev.ordo.membership.tls.TlsMaterial;
import dev.ordo.proto.wire.DeliverRequestView;
import dev.ordo.proto.wire.SignedContent;
import dev.ordo.proto.wire.WireFormatException;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.Status;
import org.hyperledger.fabric.protos.peer.DeliverGrpc;
import org.hyperledger.fabric.protos.peer.DeliverResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The peer's {@code protos.Deliver} service for block events: Deliver (full blocks with
 * validation codes), DeliverFiltered and DeliverWithPrivateData (blocks without private data,
 * which this peer does not keep yet). Each request is checked (well-formed DELIVER_SEEK_INFO,
 * timestamp within the window, known channel, TLS binding, Readers policy, re-checked when the
 * configuration changes), then blocks are streamed from the ledger by the stream's own thread,
 * at the pace the client reads (a slow reader never holds up commits), and the stream ends each
 * request with a status.
 */
public final class DeliverService extends DeliverGrpc.DeliverImplBase {
    private static final Logger log = LoggerFactory.getLogger(DeliverService.class);
    private static final long WAIT_SLICE_NANOS = TimeUnit.MILLISECONDS.toNanos(500);

    private final ChannelDirectory channels;
    private final Duration timestampWindow;
    private final Clock clock;
    private final ExecutorService executor;

    public DeliverService(ChannelDirectory channels, Duration timestampWindow, Clock clock, ExecutorService executor) {
        this.channels = channels;
        this.timestampWindow = timestampWindow;
        this.clock = clock;
        this.executor = executor;
    }

    @Override
    public StreamObserver<Envelope> deliver(StreamObserver<DeliverResponse> responseObserver) {
        return new Session(BlockFormat.FULL, responseObserver).start();
    }

    @Override
    public StreamObserver<Envelope> deliverFiltered(StreamObserver<DeliverResponse> responseObserver) {
        return new Session(BlockFormat.FILTERED, responseObserver).start();
    }

    @Override
    public StreamObserver<Envelope> deliverWithPrivateData(StreamObserver<DeliverResponse> responseObserver) {
        return new Session(BlockFormat.WITH_PRIVATE_DATA, responseObserver).start();
    }

    /** One client stream: requests are served in order by one task. */
    private final class Session implements StreamObserver<Envelope> {
        private final BlockFormat format;
        private final ServerCallStreamObserver<DeliverResponse> out;
        private final X509Certificate clientCertificate = ClientCertificates.current();
        private final BlockingQueue<Optional<Envelope>> requests = new LinkedBlockingQueue<>();
        private final Object readiness = new Object();
        private volatile boolean cancelled;

        Session(BlockFormat format, StreamObserver<DeliverResponse> out) {
            this.format = format;
            this.out = (ServerCallStreamObserver<DeliverResponse>) out;
        }

        Session start() {
            out.setOnCancelHandler(() -> {
                cancelled = true;
                requests.add(Optional.empty());
                wake();
            });
            out.setOnReadyHandler(this::wake);
            executor.execute(this::serveAll);
            return this;
        }

        @Override
        public void onNext(Envelope request) {
            requests.add(Optional.of(request));
        }

        @Override
        public void onError(Throwable t) {
            cancelled = true;
            requests.add(Optional.empty());
        }

        @Override
        public void onCompleted() {
            requests.add(Optional.empty());
        }

        private void serveAll() {
            try {
                while (!cancelled) {
                    Optional<Envelope> request = requests.take();
                    if (request.isEmpty()) {
                        break;
                    }
                    serve(request.get());
                }
                if (!cancelled) {
                    out.onCompleted();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                out.onError(io.grpc.Status.UNAVAILABLE.withDescription("peer is shutting down").asRuntimeException());
            } catch (RuntimeException e) {
                log.warn("Deliver stream failed", e);
                if (!cancelled) {
                    out.onError(io.grpc.Status.INTERNAL.withDescription(e.getMessage()).asRuntimeException());
                }
            }
        }

        private void serve(Envelope request) throws InterruptedException {
            DeliverRequestView view;
            try {
                view = DeliverRequestView.parse(request);
            } catch (WireFormatException e) {
                log.debug("Deliver: malformed request: {}", e.getMessage());
                send(BlockFormat.status(Status.BAD_REQUEST));
                return;
            }
            Instant timestamp = view.envelope().header().timestampInstant();
            Instant now = clock.instant();
            if (timestamp.isBefore(now.minus(timestampWindow)) || timestamp.isAfter(now.plus(timestampWindow))) {
                log.debug("Deliver on {}: timestamp {} outside the window", view.channelId(), timestamp);
                send(BlockFormat.status(Status.BAD_REQUEST));
                return;
            }
            Optional<PeerChannel> found = channels.channel(view.channelId());
            if (found.isEmpty()) {
                send(BlockFormat.status(Status.NOT_FOUND));
                return;
            }
            PeerChannel channel = found.get();
            ByteString bound = view.envelope().header().tlsCertHash();
            if (!bound.isEmpty() && clientCertificate != null
                    && !bound.equals(ByteString.copyFrom(TlsMaterial.certificateHash(clientCertificate)))) {
                log.debug("Deliver on {}: tls_cert_hash does not match the client's TLS certificate", channel.id());
                send(BlockFormat.status(Status.BAD_REQUEST));
                return;
            }
            SignedContent signed = view.signedContent();
            SignedData signedData = new SignedData(signed.dataBytes(), signed.identityBytes(), signed.signatureBytes());
            ChannelRules checked = channel.rules();
            if (!readable(checked, signedData)) {
                send(BlockFormat.status(Status.FORBIDDEN));
                return;
            }
            SeekRange range;
            try {
                range = SeekRange.resolve(view.seekInfo(), channel.ledger().height());
            } catch (IllegalArgumentException e) {
                log.debug("Deliver on {}: bad SeekInfo: {}", channel.id(), e.getMessage());
                send(BlockFormat.status(Status.BAD_REQUEST));
                return;
            }
            for (long number = range.start(); number <= range.stop(); number++) {
                while (channel.ledger().height() <= number) {
                    if (!range.waitForBlocks()) {
                        send(BlockFormat.status(Status.NOT_FOUND));
                        return;
                    }
                    if (cancelled) {
                        return;
                    }
                    if (channel.arrivals().isClosed()) {
                        send(BlockFormat.status(Status.SERVICE_UNAVAILABLE));
                        return;
                    }
                    channel.arrivals().awaitBlock(number, WAIT_SLICE_NANOS);
                }
                ChannelRules current = channel.rules();
                if (current != checked) {
                    if (!readable(current, signedData)) {
                        send(BlockFormat.status(Status.FORBIDDEN));
                        return;
                    }
                    checked = current;
                }
                Block block;
                try {
                    block = channel.ledger().block(number).orElse(null);
                } catch (IOException e) {
                    log.error("Deliver on {}: reading block {} failed", channel.id(), number, e);
                    block = null;
                }
                if (block == null) {
                    send(BlockFormat.status(Status.SERVICE_UNAVAILABLE));
                    return;
                }
                if (!send(format.response(block, channel.id()))) {
                    return;
                }
                if (number == Long.MAX_VALUE) {
                    break;
                }
            }
            send(BlockFormat.status(Status.SUCCESS));
        }

        private boolean readable(ChannelRules rules, SignedData signedData) {
            PolicyDecision readers = rules.policies().evaluate(ChannelPolicies.READERS, List.of(signedData));
            if (!readers.satisfied()) {
                log.debug("Deliver on {}: Readers policy not satisfied: {}", rules.channelId(), readers.reason());
            }
            return readers.satisfied();
        }

        /** Sends once the client can take it; false if the stream was cancelled meanwhile. */
        private boolean send(DeliverResponse response) throws InterruptedException {
            synchronized (readiness) {
                while (!out.isReady() && !cancelled) {
                    readiness.wait(200);
                }
            }
            if (cancelled) {
                return false;
            }
            out.onNext(response);
            return true;
        }

        private void wake() {
            synchronized (readiness) {
                readiness.notifyAll();
            }
        }
    }
}
