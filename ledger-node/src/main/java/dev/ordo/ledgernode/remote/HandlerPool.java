package dev.ordo.ledgernode.remote;

import io.grpc.Context;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * Where a gRPC handler runs work that may block or take long. The node's server calls handlers
 * on the transport (event-loop) thread, so that the transport events of a call (stream created,
 * message, ready, closed) cost no thread hand-off each; a handler that would block there instead
 * hands its work to this pool once, with the call's {@link Context} (deadline, cancellation, the
 * client's TLS certificate).
 */
public final class HandlerPool {
    private final Executor executor;

    public HandlerPool(Executor executor) {
        this.executor = Objects.requireNonNull(executor, "executor");
    }

    /**
     * Runs {@code work} on the pool in the current call's context; if the pool refuses it (the
     * node is shutting down), fails the call with UNAVAILABLE instead.
     */
    public void run(StreamObserver<?> call, Runnable work) {
        try {
            executor.execute(Context.current().wrap(work));
        } catch (RejectedExecutionException e) {
            call.onError(Status.UNAVAILABLE.withDescription("peer is shutting down").asRuntimeException());
        }
    }
}
