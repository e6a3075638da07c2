package dev.ordo.ordering.broadcast;

import io.grpc.stub.ServerCallStreamObserver;
import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import org.hyperledger.fabric.protos.common.Status;
import org.hyperledger.fabric.protos.orderer.BroadcastResponse;

/**
 * Sends Broadcast responses in the order the envelopes arrived, each as soon as it and all
 * before it are decided, and bounds how many envelopes of one stream may wait: inbound flow
 * control asks for the next envelope only while fewer than {@code maxOutstanding} wait.
 */
final class OrderedResponses {
  private final ServerCallStreamObserver<BroadcastResponse> out;
  private final int maxOutstanding;
  private final ArrayDeque<CompletableFuture<BroadcastResponse>> waiting = new ArrayDeque<>();
  private int requested;
  private boolean inputDone;
  private boolean finished;

  OrderedResponses(ServerCallStreamObserver<BroadcastResponse> out, int maxOutstanding) {
    this.out = out;
    this.maxOutstanding = maxOutstanding;
  }

  /** Asks the transport for the first envelopes. */
  synchronized void start() {
    requestMore();
  }

  /** Registers the response of the envelope just received (in arrival order). */
  synchronized void add(CompletableFuture<BroadcastResponse> response) {
    requested--;
    waiting.addLast(response);
    response.whenComplete((r, e) -> drain());
    requestMore();
  }

  /** The client finished sending; the stream completes once every response is sent. */
  synchronized void inputDone() {
    inputDone = true;
    drain();
  }

  synchronized void cancelled() {
    finished = true;
    waiting.clear();
  }

  private synchronized void drain() {
    if (finished) {
      return;
    }
    while (!waiting.isEmpty() && waiting.peekFirst().isDone()) {
      BroadcastResponse response = waiting.pollFirst()
          .exceptionally(e -> BroadcastResponse.newBuilder().setStatus(Status.INTERNAL_SERVER_ERROR)
              .setInfo("orderer failed: " + e.getMessage()).build())
          .getNow(null);
      out.onNext(response);
    }
    requestMore();
    if (inputDone && waiting.isEmpty()) {
      finished = true;
      out.onCompleted();
    }
  }

  private void requestMore() {
    if (inputDone || finished) {
      return;
    }
    int room = maxOutstanding - waiting.size() - requested;
    if (room > 0) {
      requested += room;
      out.request(room);
    }
  }
}
