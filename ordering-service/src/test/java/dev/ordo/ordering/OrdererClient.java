package dev.ordo.ordering;

import com.google.protobuf.ByteString;
import dev.ordo.membership.tls.TlsMaterial;
import dev.ordo.ordering.broadcast.AtomicBroadcastService;
import dev.ordo.proto.wire.DeliverRequests;
import dev.ordo.proto.wire.MessageSigner;
import io.grpc.CallOptions;
import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.StreamObserver;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.Status;
import org.hyperledger.fabric.protos.orderer.AtomicBroadcastGrpc;
import org.hyperledger.fabric.protos.orderer.BroadcastResponse;
import org.hyperledger.fabric.protos.orderer.DeliverResponse;
import org.hyperledger.fabric.protos.orderer.SeekInfo;

/** A Fabric client of one orderer over mutual TLS, using Fabric's own AtomicBroadcast stubs. */
public final class OrdererClient implements AutoCloseable {
  private final ManagedChannel channel;
  private final TlsMaterial tls;

  public OrdererClient(int port, TlsMaterial tls) {
    this.tls = tls;
    this.channel = NettyChannelBuilder.forAddress("127.0.0.1", port)
        .overrideAuthority("localhost")
        .sslContext(tls.forClient())
        .maxInboundMessageSize(128 << 20)
        .build();
  }

  /** Sends all envelopes on one Broadcast stream (at most {@code window} unanswered) and returns the responses. */
  public List<BroadcastResponse> broadcast(List<Envelope> envelopes, int window) throws InterruptedException {
    return broadcast(envelopes, window, AtomicBroadcastGrpc.newStub(channel)::broadcast);
  }

  /** As {@link #broadcast(List, int)}, for requests that need not be envelopes at all. */
  public List<BroadcastResponse> broadcastBytes(List<ByteString> requests, int window) throws InterruptedException {
    return broadcast(requests, window, responses -> ClientCalls.asyncBidiStreamingCall(
        channel.newCall(AtomicBroadcastService.BROADCAST, CallOptions.DEFAULT), responses));
  }

  private <T> List<BroadcastResponse> broadcast(List<T> envelopes, int window,
      Function<StreamObserver<BroadcastResponse>, StreamObserver<T>> open) throws InterruptedException {
    Semaphore permits = new Semaphore(window);
    ConcurrentLinkedQueue<BroadcastResponse> responses = new ConcurrentLinkedQueue<>();
    CompletableFuture<Void> done = new CompletableFuture<>();
    StreamObserver<T> requests = open.apply(new StreamObserver<>() {
      @Override
      public void onNext(BroadcastResponse value) {
        responses.add(value);
        permits.release();
      }

      @Override
      public void onError(Throwable t) {
        done.completeExceptionally(t);
        permits.release(window);
      }

      @Override
      public void onCompleted() {
        done.complete(null);
      }
    });
    for (T envelope : envelopes) {
      permits.acquire();
      if (done.isCompletedExceptionally()) {
        break;
      }
      synchronized (requests) {
        requests.onNext(envelope);
      }
    }
    requests.onCompleted();
    try {
      done.get(120, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError("Broadcast stream failed: " + e, e);
    }
    return new ArrayList<>(responses);
  }

  /**
   * Broadcasts and resends every envelope answered SERVICE_UNAVAILABLE (a leader change), as
   * Fabric clients do, up to {@code attempts} times; returns the final response per envelope.
   */
  public List<BroadcastResponse> broadcastWithRetry(List<Envelope> envelopes, int window, int attempts)
      throws InterruptedException {
    BroadcastResponse[] finals = new BroadcastResponse[envelopes.size()];
    List<Integer> pending = new ArrayList<>();
    for (int i = 0; i < envelopes.size(); i++) {
      pending.add(i);
    }
    for (int attempt = 0; attempt < attempts && !pending.isEmpty(); attempt++) {
      if (attempt > 0) {
        Thread.sleep(500);
      }
      List<BroadcastResponse> responses = broadcast(pending.stream().map(envelopes::get).toList(), window);
      List<Integer> retry = new ArrayList<>();
      for (int k = 0; k < pending.size(); k++) {
        BroadcastResponse r = k < responses.size() ? responses.get(k) : null;
        finals[pending.get(k)] = r;
        if (r == null || r.getStatus() == Status.SERVICE_UNAVAILABLE) {
          retry.add(pending.get(k));
        }
      }
      pending = retry;
    }
    return java.util.Arrays.asList(finals);
  }

  public BroadcastResponse broadcastOne(Envelope envelope) throws InterruptedException {
    List<BroadcastResponse> responses = broadcast(List.of(envelope), 1);
    if (responses.size() != 1) {
      throw new AssertionError("expected one response, got " + responses);
    }
    return responses.get(0);
  }

  /** Deliver blocks {@code start..stop}; returns blocks and the final status. */
  public DeliverResult deliver(String channelId, long start, long stop, MessageSigner signer) {
    Envelope seek = DeliverRequests.range(channelId, start, stop, signer,
        ByteString.copyFrom(TlsMaterial.certificateHash(tls.certificate())));
    return deliver(seek);
  }

  public DeliverResult deliver(String channelId, SeekInfo seekInfo, MessageSigner signer) {
    return deliver(DeliverRequests.signed(channelId, seekInfo, signer,
        ByteString.copyFrom(TlsMaterial.certificateHash(tls.certificate())), java.time.Instant.now()));
  }

  public DeliverResult deliver(Envelope seek) {
    List<Block> blocks = new ArrayList<>();
    Status status = null;
    Iterator<DeliverResponse> it = deliverStream(seek);
    while (it.hasNext()) {
      DeliverResponse response = it.next();
      if (response.hasBlock()) {
        blocks.add(response.getBlock());
      } else {
        status = response.getStatus();
        break;
      }
    }
    return new DeliverResult(blocks, status);
  }

  private Iterator<DeliverResponse> deliverStream(Envelope seek) {
    java.util.concurrent.LinkedBlockingQueue<Object> queue = new java.util.concurrent.LinkedBlockingQueue<>();
    StreamObserver<Envelope> requests = AtomicBroadcastGrpc.newStub(channel)
        .withDeadlineAfter(120, TimeUnit.SECONDS)
        .deliver(new StreamObserver<>() {
          @Override
          public void onNext(DeliverResponse value) {
            queue.add(value);
          }

          @Override
          public void onError(Throwable t) {
            queue.add(t);
          }

          @Override
          public void onCompleted() {
            queue.add("done");
          }
        });
    requests.onNext(seek);
    requests.onCompleted();
    return new Iterator<>() {
      Object next;

      @Override
      public boolean hasNext() {
        if (next == null) {
          try {
            next = queue.poll(120, TimeUnit.SECONDS);
          } catch (InterruptedException e) {
            throw new AssertionError(e);
          }
        }
        if (next instanceof Throwable t) {
          throw new AssertionError("Deliver failed: " + t, t);
        }
        return next instanceof DeliverResponse;
      }

      @Override
      public DeliverResponse next() {
        hasNext();
        DeliverResponse r = (DeliverResponse) next;
        next = null;
        return r;
      }
    };
  }

  /** What a Deliver request returned. */
  public record DeliverResult(List<Block> blocks, Status status) {
  }

  @Override
  public void close() {
    channel.shutdownNow();
  }
}
