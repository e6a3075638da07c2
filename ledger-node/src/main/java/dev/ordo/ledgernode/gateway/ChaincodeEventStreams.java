package dev.ordo.ledgernode.gateway;

import dev.ordo.ledgernode.channel.PeerChannel;
import dev.ordo.ledgernode.deliver.BlockEvents;
import dev.ordo.ledgernode.ledger.store.TxRecord;
import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.gateway.ChaincodeEventsRequest;
import org.hyperledger.fabric.protos.gateway.ChaincodeEventsResponse;
import org.hyperledger.fabric.protos.orderer.SeekPosition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway's ChaincodeEvents streams: where to start (after a known transaction id, else
 * the requested position, else the next commit), then one response per block that holds
 * matching events of valid transactions. Each stream reads the ledger on its own thread at the
 * client's pace.
 */
final class ChaincodeEventStreams {
    private static final Logger log = LoggerFactory.getLogger(ChaincodeEventStreams.class);
    private static final long WAIT_SLICE_NANOS = TimeUnit.MILLISECONDS.toNanos(500);

    private final ExecutorService executor;

    ChaincodeEventStreams(ExecutorService executor) {
        this.executor = executor;
    }

    void stream(PeerChannel channel, ChaincodeEventsRequest request,
            ServerCallStreamObserver<ChaincodeEventsResponse> out) {
        Object readiness = new Object();
        out.setOnReadyHandler(() -> {
            synchronized (readiness) {
                readiness.notifyAll();
            }
        });
        out.setOnCancelHandler(() -> {
            synchronized (readiness) {
                readiness.notifyAll();
            }
        });
        executor.execute(() -> {
            try {
                run(channel, request, out, readiness);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                if (!out.isCancelled()) {
                    out.onError(Status.UNAVAILABLE.withDescription("peer is shutting down").asRuntimeException());
                }
            } catch (IOException | RuntimeException e) {
                log.warn("channel {}: chaincode events stream for {} failed", channel.id(), request.getChaincodeId(), e);
                if (!out.isCancelled()) {
                    out.onError(Status.UNAVAILABLE.withDescription("reading blocks failed: " + e.getMessage())
                            .asRuntimeException());
                }
            }
        });
    }

    private void run(PeerChannel channel, ChaincodeEventsRequest request,
            ServerCallStreamObserver<ChaincodeEventsResponse> out, Object readiness)
            throws InterruptedException, IOException {
        long number;
        int skipThrough = -1;
        Optional<TxRecord> after = request.getAfterTransactionId().isEmpty() ? Optional.empty()
                : channel.ledger().transaction(request.getAfterTransactionId());
        if (after.isPresent()) {
            number = after.get().blockNum();
            skipThrough = after.get().txNum();
        } else {
            number = start(request.hasStartPosition() ? request.getStartPosition() : null, channel.ledger().height());
        }
        while (!out.isCancelled()) {
            if (channel.ledger().height() <= number) {
                if (channel.arrivals().isClosed()) {
                    out.onError(Status.UNAVAILABLE.withDescription("channel " + channel.id() + " closed")
                            .asRuntimeException());
                    return;
                }
                channel.arrivals().awaitBlock(number, WAIT_SLICE_NANOS);
                continue;
            }
            Block block = channel.ledger().block(number).orElseThrow(() ->
                    new IOException("committed block is missing"));
            List<BlockEvents.PositionedEvent> events = BlockEvents.chaincodeEvents(block, request.getChaincodeId());
            ChaincodeEventsResponse.Builder response = ChaincodeEventsResponse.newBuilder().setBlockNumber(number);
            for (BlockEvents.PositionedEvent event : events) {
                if (event.txIndex() > skipThrough) {
                    response.addEvents(event.event());
                }
            }
            skipThrough = -1;
            if (response.getEventsCount() > 0) {
                synchronized (readiness) {
                    while (!out.isReady() && !out.isCancelled()) {
                        readiness.wait(200);
                    }
                }
                if (out.isCancelled()) {
                    return;
                }
                out.onNext(response.build());
            }
            number++;
        }
    }

    private static long start(SeekPosition position, long height) {
        if (position == null) {
            return height;
        }
        return switch (position.getTypeCase()) {
            case SPECIFIED -> position.getSpecified().getNumber();
            case OLDEST -> 0;
            case NEWEST -> Math.max(0, height - 1);
            default -> height;
        };
    }
}
