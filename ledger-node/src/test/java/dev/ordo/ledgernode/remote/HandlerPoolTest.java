package dev.ordo.ledgernode.remote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.Context;
import io.grpc.Deadline;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class HandlerPoolTest {
    private static final Context.Key<String> CALLER = Context.key("caller");

    @Test
    void runsWorkOnThePoolInTheCallersContext() throws Exception {
        ExecutorService executor = Executors.newSingleThreadExecutor();
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
        try {
            HandlerPool pool = new HandlerPool(executor);
            CompletableFuture<String> seenValue = new CompletableFuture<>();
            CompletableFuture<Deadline> seenDeadline = new CompletableFuture<>();
            CompletableFuture<Thread> seenThread = new CompletableFuture<>();
            Deadline deadline = Deadline.after(1, TimeUnit.MINUTES);
            Context.CancellableContext context = Context.current().withValue(CALLER, "client-1")
                    .withDeadline(deadline, timer);
            try {
                context.run(() -> pool.run(new Recorder(), () -> {
                    seenValue.complete(CALLER.get());
                    seenDeadline.complete(Context.current().getDeadline());
                    seenThread.complete(Thread.currentThread());
                }));
            } finally {
                context.cancel(null);
            }
            assertEquals("client-1", seenValue.get(5, TimeUnit.SECONDS));
            assertEquals(deadline, seenDeadline.get(5, TimeUnit.SECONDS));
            assertNotEquals(Thread.currentThread(), seenThread.get(5, TimeUnit.SECONDS));
        } finally {
            executor.shutdownNow();
            timer.shutdownNow();
        }
    }

    @Test
    void failsTheCallWithUnavailableWhenThePoolIsShutDown() {
        ExecutorService executor = Executors.newSingleThreadExecutor();
        executor.shutdown();
        Recorder call = new Recorder();
        boolean[] ran = {false};
        new HandlerPool(executor).run(call, () -> ran[0] = true);
        assertTrue(!ran[0], "work must not run");
        assertNotNull(call.error);
        assertEquals(Status.Code.UNAVAILABLE, Status.fromThrowable(call.error).getCode());
    }

    /** Records what a handler sends on the call. */
    private static final class Recorder implements StreamObserver<Object> {
        Throwable error;

        @Override
        public void onNext(Object value) {
        }

        @Override
        public void onError(Throwable t) {
            error = t;
        }

        @Override
        public void onCompleted() {
        }
    }
}
