package dev.ordo.ledgernode.intake;

import com.google.protobuf.ByteString;
import dev.ordo.ledgernode.channel.PeerChannel;
import dev.ordo.ledgernode.remote.OrdererDirectory;
import dev.ordo.ledgernode.remote.OrdererEndpoint;
import dev.ordo.ledgernode.remote.RemoteChannels;
import dev.ordo.ledgernode.validate.BlockRejectedException;
import dev.ordo.ledgernode.validate.ChannelRules;
import dev.ordo.membership.identity.SigningIdentity;
import dev.ordo.membership.tls.TlsMaterial;
import dev.ordo.proto.wire.DeliverRequests;
import io.grpc.ConnectivityState;
import io.grpc.ManagedChannel;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.LongConsumer;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.orderer.AtomicBroadcastGrpc;
import org.hyperledger.fabric.protos.orderer.DeliverResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pulls one channel's blocks from the orderers' Deliver service and commits them: from the
 * ledger's height on, one block at a time (flow controlled), each checked for a consenter's
 * signature before {@code ChannelLedger.commit}. When an orderer fails, stops answering or sends
 * a bad block, the next orderer is tried, from wherever the ledger then is; a peer whose ledger
 * was lost therefore rebuilds it from block 1 on.
 */
public final class BlockIntake implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(BlockIntake.class);

    /** Pause before trying the next orderer. */
    private static final Duration RETRY_PAUSE = Duration.ofMillis(500);

    private sealed interface Event permits BlockEvent, EndEvent {
    }

    private record BlockEvent(Block block) implements Event {
    }

    private record EndEvent(String why) implements Event {
    }

    private final PeerChannel channel;
    private final OrdererDirectory orderers;
    private final RemoteChannels remote;
    private final SigningIdentity signer;
    private final LongConsumer commitLatencyNanos;
    private final Clock clock;
    private final Thread thread;
    private volatile boolean closed;
    private volatile ManagedChannel current;
    private volatile ClientCallStreamObserver<Envelope> currentCall;
    private volatile String currentOrderer;
    private int next;

    public BlockIntake(PeerChannel channel, OrdererDirectory orderers, RemoteChannels remote, SigningIdentity signer,
            LongConsumer commitLatencyNanos, Clock clock) {
        this.channel = channel;
        this.orderers = orderers;
        this.remote = remote;
        this.signer = signer;
        this.commitLatencyNanos = commitLatencyNanos;
        this.clock = clock;
        this.thread = new Thread(this::run, "intake-" + channel.id());
        this.thread.setDaemon(true);
    }

    public void start() {
        thread.start();
    }

    /** Whether a Deliver stream to an orderer is open over a ready connection. */
    public boolean connected() {
        ManagedChannel c = current;
        return c != null && currentCall != null && c.getState(false) == ConnectivityState.READY;
    }

    /** The orderer currently pulled from, if any. */
    public String orderer() {
        return currentOrderer;
    }

    private void run() {
        while (!closed) {
            ChannelRules rules = channel.rules();
            List<OrdererEndpoint> endpoints = orderers.endpoints(rules);
            if (endpoints.isEmpty()) {
                log.warn("channel {}: no orderer endpoints (no consenters and none configured)", channel.id());
                pause();
                continue;
            }
            OrdererEndpoint endpoint = endpoints.get(Math.floorMod(next, endpoints.size()));
            try {
                pullFrom(endpoint, rules);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                if (!closed) {
                    log.warn("channel {}: pulling blocks from {} failed", channel.id(), endpoint.address(), e);
                }
            }
            next++;
            if (!closed) {
                pause();
            }
        }
    }

    private void pullFrom(OrdererEndpoint endpoint, ChannelRules rules) throws InterruptedException {
        BlockingQueue<Event> events = new LinkedBlockingQueue<>();
        ManagedChannel connection = remote.channel(endpoint.host(), endpoint.port(), orderers.tlsRoots(rules));
        long start = channel.ledger().height();
        ClientResponseObserver<Envelope, DeliverResponse> observer = new ClientResponseObserver<>() {
            @Override
            public void beforeStart(ClientCallStreamObserver<Envelope> requestStream) {
                requestStream.disableAutoRequestWithInitial(1);
            }

            @Override
            public void onNext(DeliverResponse response) {
                if (response.hasBlock()) {
                    events.add(new BlockEvent(response.getBlock()));
                } else {
                    events.add(new EndEvent("orderer ended the stream with status " + response.getStatus()));
                }
            }

            @Override
            public void onError(Throwable t) {
                events.add(new EndEvent("stream failed: " + t.getMessage()));
            }

            @Override
            public void onCompleted() {
                events.add(new EndEvent("orderer closed the stream"));
            }
        };
        ClientCallStreamObserver<Envelope> call = (ClientCallStreamObserver<Envelope>) AtomicBroadcastGrpc
                .newStub(connection).deliver(observer);
        current = connection;
        currentCall = call;
        currentOrderer = endpoint.name();
        log.info("channel {}: pulling blocks from {} ({}) at height {}", channel.id(), endpoint.name(),
                endpoint.address(), start);
        try {
            call.onNext(DeliverRequests.range(channel.id(), start, Long.MAX_VALUE, signer,
                    ByteString.copyFrom(TlsMaterial.certificateHash(remote.clientCertificate())), clock.instant()));
            while (!closed) {
                Event event = events.poll(1, TimeUnit.SECONDS);
                if (event == null) {
                    continue;
                }
                if (event instanceof EndEvent end) {
                    if (!closed) {
                        log.info("channel {}: {} ({}): {}", channel.id(), endpoint.name(), endpoint.address(),
                                end.why());
                    }
                    return;
                }
                Block block = ((BlockEvent) event).block();
                if (!commit(block, endpoint)) {
                    return;
                }
                call.request(1);
            }
        } finally {
            currentCall = null;
            call.cancel("block intake moves on", null);
        }
    }

    /** Commits {@code block}; false if the orderer sent something unusable (then another is tried). */
    private boolean commit(Block block, OrdererEndpoint endpoint) {
        long number = block.getHeader().getNumber();
        long height = channel.ledger().height();
        if (number < height) {
            return true;
        }
        if (number > height) {
            log.warn("channel {}: {} sent block {} while block {} was expected", channel.id(), endpoint.name(),
                    number, height);
            return false;
        }
        String problem = OrdererSignatureCheck.problem(block, channel.rules());
        if (problem != null) {
            log.warn("channel {}: block {} from {} refused: {}", channel.id(), number, endpoint.name(), problem);
            return false;
        }
        long started = System.nanoTime();
        try {
            channel.ledger().commit(block);
        } catch (BlockRejectedException e) {
            log.warn("channel {}: block {} from {} rejected: {}", channel.id(), number, endpoint.name(),
                    e.getMessage());
            return false;
        } catch (IOException e) {
            log.error("channel {}: committing block {} failed", channel.id(), number, e);
            return false;
        }
        commitLatencyNanos.accept(System.nanoTime() - started);
        return true;
    }

    private void pause() {
        try {
            Thread.sleep(RETRY_PAUSE.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            closed = true;
        }
    }

    @Override
    public void close() {
        closed = true;
        ClientCallStreamObserver<Envelope> call = currentCall;
        if (call != null) {
            call.cancel("block intake stopped", null);
        }
        // No interrupt: an interrupt during a commit would close the ledger's file channels.
        try {
            thread.join(TimeUnit.SECONDS.toMillis(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
