package dev.ordo.ledgernode.gateway;

import com.google.common.util.concurrent.FutureCallback;
import com.google.common.util.concurrent.Futures;
import com.google.common.util.concurrent.MoreExecutors;
import dev.ordo.ledgernode.endorse.EndorsementOutcome;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.hyperledger.fabric.protos.peer.EndorserGrpc;
import org.hyperledger.fabric.protos.peer.ProposalResponse;
import org.hyperledger.fabric.protos.peer.SignedProposal;

/**
 * Another organisation's peer, asked over {@code Endorser.ProcessProposal} (mutual TLS). Its
 * endorser applies its own access policy (Writers); a response without endorsement counts as a
 * contract error, as Fabric's gateway reports it.
 */
final class RemotePeer implements EndorsingPeer {
    /**
     * gRPC backs off reconnecting for up to two minutes and fails calls at once meanwhile; a
     * peer that restarts would stay unusable that long. After a failed call the back-off is
     * reset, at most this often, so the next call tries to connect again.
     */
    private static final long BACKOFF_RESET_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final AtomicLong lastBackoffReset = new AtomicLong(System.nanoTime() - BACKOFF_RESET_INTERVAL_NANOS);
    private final String address;
    private final String mspId;
    private final ManagedChannel channel;

    RemotePeer(String address, String mspId, ManagedChannel channel) {
        this.address = address;
        this.mspId = mspId;
        this.channel = channel;
    }

    @Override
    public String address() {
        return address;
    }

    @Override
    public String mspId() {
        return mspId;
    }

    @Override
    public CompletableFuture<EndorsementOutcome> endorse(SignedProposal proposal, String accessPolicy,
            long deadlineNanos) {
        CompletableFuture<EndorsementOutcome> result = new CompletableFuture<>();
        long remaining = Math.max(1, deadlineNanos - System.nanoTime());
        Futures.addCallback(EndorserGrpc.newFutureStub(channel).withDeadlineAfter(remaining, TimeUnit.NANOSECONDS)
                .processProposal(proposal), new FutureCallback<>() {
                    @Override
                    public void onSuccess(ProposalResponse response) {
                        boolean endorsed = response.getResponse().getStatus() < 400 && response.hasEndorsement();
                        result.complete(new EndorsementOutcome(endorsed ? EndorsementOutcome.Kind.ENDORSED
                                : EndorsementOutcome.Kind.CONTRACT_ERROR, response, null));
                    }

                    @Override
                    public void onFailure(Throwable t) {
                        if (Status.fromThrowable(t).getCode() == Status.Code.UNAVAILABLE) {
                            resetBackoffNowAndThen();
                        }
                        result.completeExceptionally(t);
                    }
                }, MoreExecutors.directExecutor());
        return result;
    }

    private void resetBackoffNowAndThen() {
        long now = System.nanoTime();
        long last = lastBackoffReset.get();
        if (now - last >= BACKOFF_RESET_INTERVAL_NANOS && lastBackoffReset.compareAndSet(last, now)) {
            channel.resetConnectBackoff();
        }
    }
}
