package dev.ordo.ledgernode.gateway;

import dev.ordo.ledgernode.remote.OrdererDirectory;
import dev.ordo.ledgernode.remote.OrdererEndpoint;
import dev.ordo.ledgernode.remote.RemoteChannels;
import dev.ordo.ledgernode.validate.ChannelRules;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.gateway.ErrorDetail;
import org.hyperledger.fabric.protos.orderer.AtomicBroadcastGrpc;
import org.hyperledger.fabric.protos.orderer.BroadcastResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends a signed transaction to the orderers' Broadcast, failing over: an orderer that cannot
 * be reached, times out or answers SERVICE_UNAVAILABLE (no leader, not ready) is skipped and the
 * next one tried; SUCCESS (the envelope is in a majority's Raft log) ends the submission, and
 * any other status is final, since another orderer would judge the envelope the same way.
 * Orderers are tried round-robin from one submission to the next.
 */
final class OrdererSubmitter {
    private static final Logger log = LoggerFactory.getLogger(OrdererSubmitter.class);

    private final OrdererDirectory orderers;
    private final RemoteChannels remote;
    private final AtomicInteger rotation = new AtomicInteger();

    OrdererSubmitter(OrdererDirectory orderers, RemoteChannels remote) {
        this.orderers = orderers;
        this.remote = remote;
    }

    /**
     * Submits {@code envelope}.
     *
     * @throws StatusRuntimeException ABORTED for a final refusal, UNAVAILABLE if no orderer took
     *     it, DEADLINE_EXCEEDED if the deadline passed; each with an ErrorDetail per orderer tried
     */
    void submit(ChannelRules rules, String txId, Envelope envelope, long deadlineNanos) {
        List<OrdererEndpoint> endpoints = orderers.endpoints(rules);
        if (endpoints.isEmpty()) {
            throw GatewayErrors.error(Status.Code.UNAVAILABLE, "no orderers are configured for channel "
                    + rules.channelId());
        }
        List<ErrorDetail> details = new ArrayList<>();
        int first = Math.floorMod(rotation.getAndIncrement(), endpoints.size());
        for (int i = 0; i < endpoints.size(); i++) {
            OrdererEndpoint endpoint = endpoints.get((first + i) % endpoints.size());
            long remaining = deadlineNanos - System.nanoTime();
            if (remaining <= 0) {
                throw GatewayErrors.error(Status.Code.DEADLINE_EXCEEDED, "submit timeout expired while broadcasting"
                        + " transaction " + txId, details);
            }
            BroadcastResponse response;
            try {
                response = broadcast(endpoint, rules, envelope, remaining);
            } catch (Exception e) {
                String why = e instanceof ExecutionException ? String.valueOf(e.getCause().getMessage())
                        : e instanceof TimeoutException ? "no answer in time" : e.toString();
                log.info("channel {}, tx {}: orderer {} unavailable: {}", rules.channelId(), txId, endpoint.address(),
                        why);
                details.add(GatewayErrors.detail(endpoint.address(), mspOf(rules, endpoint), why));
                if (e instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                    break;
                }
                continue;
            }
            switch (response.getStatus()) {
                case SUCCESS -> {
                    return;
                }
                case SERVICE_UNAVAILABLE -> {
                    details.add(GatewayErrors.detail(endpoint.address(), mspOf(rules, endpoint),
                            "received unsuccessful response from orderer: status=SERVICE_UNAVAILABLE, info="
                                    + response.getInfo()));
                }
                default -> {
                    String message = "received unsuccessful response from orderer: status=" + response.getStatus()
                            + ", info=" + response.getInfo();
                    details.add(GatewayErrors.detail(endpoint.address(), mspOf(rules, endpoint), message));
                    throw GatewayErrors.error(Status.Code.ABORTED, message, details);
                }
            }
        }
        throw GatewayErrors.error(Status.Code.UNAVAILABLE, "no orderer accepted transaction " + txId
                + ", see attached details for more info", details);
    }

    private BroadcastResponse broadcast(OrdererEndpoint endpoint, ChannelRules rules, Envelope envelope,
            long timeoutNanos) throws InterruptedException, ExecutionException, TimeoutException {
        CompletableFuture<BroadcastResponse> answer = new CompletableFuture<>();
        StreamObserver<Envelope> requests = AtomicBroadcastGrpc
                .newStub(remote.channel(endpoint.host(), endpoint.port(), orderers.tlsRoots(rules)))
                .withDeadlineAfter(timeoutNanos, TimeUnit.NANOSECONDS)
                .broadcast(new StreamObserver<>() {
                    @Override
                    public void onNext(BroadcastResponse value) {
                        answer.complete(value);
                    }

                    @Override
                    public void onError(Throwable t) {
                        answer.completeExceptionally(t);
                    }

                    @Override
                    public void onCompleted() {
                        answer.completeExceptionally(new IllegalStateException("orderer closed the stream without"
                                + " answering"));
                    }
                });
        try {
            requests.onNext(envelope);
            return answer.get(timeoutNanos, TimeUnit.NANOSECONDS);
        } finally {
            if (answer.isDone() && !answer.isCompletedExceptionally()) {
                requests.onCompleted();
            } else {
                requests.onError(Status.CANCELLED.withDescription("submission abandoned").asRuntimeException());
            }
        }
    }

    private static String mspOf(ChannelRules rules, OrdererEndpoint endpoint) {
        for (var consenter : rules.config().getOrdering().getConsentersList()) {
            if (consenter.getEndpoint().getHost().equals(endpoint.host())
                    && consenter.getEndpoint().getPort() == endpoint.port()) {
                return consenter.getMspId();
            }
        }
        return "";
    }
}
