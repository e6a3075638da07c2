package dev.ordo.ledgernode.gateway;

import dev.ordo.ledgernode.channel.ChannelDirectory;
import dev.ordo.ledgernode.channel.PeerChannel;
import dev.ordo.ledgernode.endorse.EndorsementOutcome;
import dev.ordo.ledgernode.ledger.store.TxRecord;
import dev.ordo.ledgernode.remote.HandlerPool;
import dev.ordo.ledgernode.validate.ChannelRules;
import dev.ordo.membership.policy.ChannelPolicies;
import dev.ordo.membership.policy.PolicyDecision;
import dev.ordo.membership.policy.SignedData;
import dev.ordo.proto.v1.ContractDefinition;
import dev.ordo.proto.wire.EnvelopeView;
import dev.ordo.proto.wire.PreparedTransactions;
import dev.ordo.proto.wire.SignedContent;
import dev.ordo.proto.wire.SignedGatewayRequests;
import dev.ordo.proto.wire.SignedProposalView;
import dev.ordo.proto.wire.WireFormatException;
import io.grpc.Context;
import io.grpc.Deadline;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.gateway.ChaincodeEventsResponse;
import org.hyperledger.fabric.protos.gateway.CommitStatusResponse;
import org.hyperledger.fabric.protos.gateway.EndorseRequest;
import org.hyperledger.fabric.protos.gateway.EndorseResponse;
import org.hyperledger.fabric.protos.gateway.ErrorDetail;
import org.hyperledger.fabric.protos.gateway.EvaluateRequest;
import org.hyperledger.fabric.protos.gateway.EvaluateResponse;
import org.hyperledger.fabric.protos.gateway.GatewayGrpc;
import org.hyperledger.fabric.protos.gateway.SignedChaincodeEventsRequest;
import org.hyperledger.fabric.protos.gateway.SignedCommitStatusRequest;
import org.hyperledger.fabric.protos.gateway.SubmitRequest;
import org.hyperledger.fabric.protos.gateway.SubmitResponse;
import org.hyperledger.fabric.protos.peer.ProposalResponse;
import org.hyperledger.fabric.protos.peer.SignedProposal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fabric's {@code gateway.Gateway} service on this ledger node, as the official clients use it:
 * Evaluate (this peer, or one of the target organisations), Endorse (fan-out to enough peers for
 * the contract's endorsement policy, or to the organisations the client names; payloads must
 * agree), Submit (Broadcast with fail-over between orderers), CommitStatus and ChaincodeEvents.
 * Errors carry the status codes and {@code ErrorDetail}s the clients expect.
 */
public final class GatewayService extends GatewayGrpc.GatewayImplBase {
    private static final Logger log = LoggerFactory.getLogger(GatewayService.class);

    private final ChannelDirectory channels;
    private final EndorserSelection peers;
    private final OrdererSubmitter orderers;
    private final ChaincodeEventStreams events;
    private final Duration defaultTimeout;
    private final HandlerPool blockingCalls;

    /**
     * @param blockingCalls where Evaluate, Endorse and Submit run: they wait for endorsers and
     *     orderers, so never on the transport thread (CommitStatus and ChaincodeEvents do not wait)
     */
    public GatewayService(ChannelDirectory channels, GatewayPeers gatewayPeers, Duration defaultTimeout,
            HandlerPool blockingCalls, ExecutorService streamExecutor) {
        this.channels = channels;
        this.blockingCalls = blockingCalls;
        this.peers = gatewayPeers.selection();
        this.orderers = gatewayPeers.submitter();
        this.events = new ChaincodeEventStreams(streamExecutor);
        this.defaultTimeout = defaultTimeout;
    }

    @Override
    public void evaluate(EvaluateRequest request, StreamObserver<EvaluateResponse> out) {
        respond(out, () -> {
            SignedProposalView proposal = parseProposal(request.getProposedTransaction());
            PeerChannel channel = channel(proposal.channelId());
            ChannelRules rules = channel.rules();
            EndorsingPeer peer = evaluator(request.getTargetOrganizationsList(), rules, proposal);
            EndorsementOutcome outcome = ask(peer, request.getProposedTransaction(), ChannelPolicies.READERS,
                    deadlineNanos());
            ProposalResponse response = outcome.response();
            if (!outcome.endorsed()) {
                String message = chaincodeResponse(response);
                Status.Code code = switch (outcome.kind()) {
                    case DENIED -> Status.Code.PERMISSION_DENIED;
                    case REJECTED -> Status.Code.FAILED_PRECONDITION;
                    default -> Status.Code.UNKNOWN;
                };
                throw GatewayErrors.error(code, "evaluate call to endorser returned error: " + message,
                        List.of(GatewayErrors.detail(peer.address(), peer.mspId(), message)));
            }
            return EvaluateResponse.newBuilder().setResult(response.getResponse()).build();
        });
    }

    private EndorsingPeer evaluator(List<String> targets, ChannelRules rules, SignedProposalView proposal) {
        if (targets.isEmpty() || targets.contains(peers.local().mspId())) {
            return peers.local();
        }
        for (String mspId : targets) {
            Optional<EndorsingPeer> peer = peers.peerOf(mspId, rules);
            if (peer.isPresent()) {
                return peer.get();
            }
        }
        throw GatewayErrors.error(Status.Code.UNAVAILABLE, "no peers available to evaluate chaincode "
                + proposal.chaincodeName() + " in channel " + proposal.channelId() + " for organizations " + targets);
    }

    @Override
    public void endorse(EndorseRequest request, StreamObserver<EndorseResponse> out) {
        respond(out, () -> {
            SignedProposalView proposal = parseProposal(request.getProposedTransaction());
            PeerChannel channel = channel(proposal.channelId());
            ChannelRules rules = channel.rules();
            List<EndorsingPeer> chosen = endorsers(request.getEndorsingOrganizationsList(), rules, proposal);
            long deadline = deadlineNanos();
            Map<EndorsingPeer, CompletableFuture<EndorsementOutcome>> asked = new LinkedHashMap<>();
            for (EndorsingPeer peer : chosen) {
                asked.put(peer, null);
            }
            // Remote peers first: their calls are in flight while this thread endorses in-process.
            for (EndorsingPeer peer : chosen) {
                if (!peer.inProcess()) {
                    asked.put(peer, peer.endorse(request.getProposedTransaction(), ChannelPolicies.WRITERS, deadline));
                }
            }
            for (EndorsingPeer peer : chosen) {
                if (peer.inProcess()) {
                    asked.put(peer, peer.endorse(request.getProposedTransaction(), ChannelPolicies.WRITERS, deadline));
                }
            }
            List<ProposalResponse> responses = new ArrayList<>();
            List<ErrorDetail> failures = new ArrayList<>();
            for (Map.Entry<EndorsingPeer, CompletableFuture<EndorsementOutcome>> entry : asked.entrySet()) {
                EndorsingPeer peer = entry.getKey();
                try {
                    EndorsementOutcome outcome = entry.getValue().get(Math.max(1, deadline - System.nanoTime()),
                            TimeUnit.NANOSECONDS);
                    if (outcome.endorsed()) {
                        responses.add(outcome.response());
                    } else {
                        failures.add(GatewayErrors.detail(peer.address(), peer.mspId(),
                                chaincodeResponse(outcome.response())));
                    }
                } catch (TimeoutException e) {
                    failures.add(GatewayErrors.detail(peer.address(), peer.mspId(), "endorsement timed out"));
                } catch (ExecutionException e) {
                    failures.add(GatewayErrors.detail(peer.address(), peer.mspId(), unreachable(e.getCause())));
                }
            }
            if (!failures.isEmpty()) {
                log.debug("channel {}, tx {}: endorsement failed: {}", proposal.channelId(), proposal.txId(), failures);
                throw GatewayErrors.error(Status.Code.ABORTED,
                        "failed to endorse transaction, see attached details for more info", failures);
            }
            Envelope prepared;
            try {
                prepared = PreparedTransactions.assemble(proposal, responses);
            } catch (WireFormatException e) {
                throw GatewayErrors.error(Status.Code.ABORTED, e.getMessage(), responses.isEmpty() ? List.of()
                        : chosen.stream().map(p -> GatewayErrors.detail(p.address(), p.mspId(), e.getMessage()))
                                .toList());
            }
            return EndorseResponse.newBuilder().setPreparedTransaction(prepared).build();
        });
    }

    private List<EndorsingPeer> endorsers(List<String> organizations, ChannelRules rules, SignedProposalView proposal) {
        List<String> orgs;
        if (!organizations.isEmpty()) {
            orgs = organizations.stream().distinct().toList();
        } else {
            ContractDefinition contract = rules.contract(proposal.chaincodeName()).orElseThrow(() ->
                    GatewayErrors.error(Status.Code.FAILED_PRECONDITION, "contract " + proposal.chaincodeName()
                            + " is not defined on channel " + proposal.channelId()));
            orgs = EndorsementPlanner.plan(rules.endorsementPolicy(contract), rules, peers.candidates(rules))
                    .orElseThrow(() -> GatewayErrors.error(Status.Code.UNAVAILABLE, "no combination of peers"
                            + " available on channel " + proposal.channelId() + " satisfies the endorsement policy of "
                            + proposal.chaincodeName()));
        }
        List<EndorsingPeer> chosen = new ArrayList<>();
        for (String mspId : orgs) {
            chosen.add(peers.peerOf(mspId, rules).orElseThrow(() -> GatewayErrors.error(Status.Code.UNAVAILABLE,
                    "no peers available for organization " + mspId + " on channel " + proposal.channelId())));
        }
        return chosen;
    }

    @Override
    public void submit(SubmitRequest request, StreamObserver<SubmitResponse> out) {
        respond(out, () -> {
            EnvelopeView envelope;
            try {
                envelope = EnvelopeView.parse(request.getPreparedTransaction());
            } catch (WireFormatException e) {
                throw GatewayErrors.error(Status.Code.INVALID_ARGUMENT, "invalid prepared transaction: "
                        + e.getMessage());
            }
            if (!request.getChannelId().isEmpty() && !request.getChannelId().equals(envelope.channelId())) {
                throw GatewayErrors.error(Status.Code.INVALID_ARGUMENT, "prepared transaction is for channel "
                        + envelope.channelId() + ", not " + request.getChannelId());
            }
            if (envelope.signature().length == 0) {
                throw GatewayErrors.error(Status.Code.INVALID_ARGUMENT, "prepared transaction must be signed");
            }
            PeerChannel channel = channel(envelope.channelId());
            orderers.submit(channel.rules(), envelope.txId(), request.getPreparedTransaction(), deadlineNanos());
            return SubmitResponse.getDefaultInstance();
        });
    }

    @Override
    public void commitStatus(SignedCommitStatusRequest request, StreamObserver<CommitStatusResponse> out) {
        ReaderRequest<org.hyperledger.fabric.protos.gateway.CommitStatusRequest> checked;
        try {
            checked = readerRequest(() -> SignedGatewayRequests.commitStatus(request), "commit status",
                    org.hyperledger.fabric.protos.gateway.CommitStatusRequest::getChannelId);
        } catch (StatusRuntimeException e) {
            out.onError(e);
            return;
        }
        String txId = checked.signed().request().getTransactionId();
        CompletableFuture<TxRecord> committed = checked.channel().commits().committed(txId);
        Context.current().addListener(context -> committed.cancel(false), Runnable::run);
        committed.whenComplete((record, failure) -> {
            if (failure != null) {
                if (!(failure instanceof java.util.concurrent.CancellationException)) {
                    out.onError(GatewayErrors.error(Status.Code.UNAVAILABLE, "waiting for transaction " + txId
                            + " failed: " + failure.getMessage()));
                }
                return;
            }
            out.onNext(CommitStatusResponse.newBuilder()
                    .setResult(record.code())
                    .setBlockNumber(record.blockNum())
                    .build());
            out.onCompleted();
        });
    }

    @Override
    public void chaincodeEvents(SignedChaincodeEventsRequest request, StreamObserver<ChaincodeEventsResponse> out) {
        ReaderRequest<org.hyperledger.fabric.protos.gateway.ChaincodeEventsRequest> checked;
        try {
            checked = readerRequest(() -> SignedGatewayRequests.chaincodeEvents(request), "chaincode events",
                    org.hyperledger.fabric.protos.gateway.ChaincodeEventsRequest::getChannelId);
        } catch (StatusRuntimeException e) {
            out.onError(e);
            return;
        }
        events.stream(checked.channel(), checked.signed().request(),
                (ServerCallStreamObserver<ChaincodeEventsResponse>) out);
    }

    /** A signed request to a read-only call, parsed and checked against its channel's Readers policy. */
    private record ReaderRequest<T>(SignedGatewayRequests.Signed<T> signed, PeerChannel channel) {
    }

    private interface SignedRequestParser<T> {
        SignedGatewayRequests.Signed<T> parse() throws WireFormatException;
    }

    /**
     * Parses a signed gateway request and checks it as Fabric's gateway does: malformed is
     * INVALID_ARGUMENT, an unknown channel NOT_FOUND, a signer outside Readers PERMISSION_DENIED.
     */
    private <T> ReaderRequest<T> readerRequest(SignedRequestParser<T> parser, String what,
            java.util.function.Function<T, String> channelId) {
        SignedGatewayRequests.Signed<T> signed;
        try {
            signed = parser.parse();
        } catch (WireFormatException e) {
            throw GatewayErrors.error(Status.Code.INVALID_ARGUMENT, "invalid " + what + " request: " + e.getMessage());
        }
        PeerChannel channel = channel(channelId.apply(signed.request()));
        requireReader(channel.rules(), signed.signedContent());
        return new ReaderRequest<>(signed, channel);
    }

    private static void requireReader(ChannelRules rules, SignedContent signed) {
        PolicyDecision decision = rules.policies().evaluate(ChannelPolicies.READERS,
                List.of(new SignedData(signed.dataBytes(), signed.identityBytes(), signed.signatureBytes())));
        if (!decision.satisfied()) {
            throw GatewayErrors.error(Status.Code.PERMISSION_DENIED, "access denied: channel " + rules.channelId()
                    + " policy Readers: " + decision.reason());
        }
    }

    private PeerChannel channel(String channelId) {
        return channels.channel(channelId).orElseThrow(() -> GatewayErrors.error(Status.Code.NOT_FOUND,
                "channel " + channelId + " not found on this peer"));
    }

    private static SignedProposalView parseProposal(SignedProposal proposal) {
        try {
            return SignedProposalView.parse(proposal);
        } catch (WireFormatException e) {
            throw GatewayErrors.error(Status.Code.INVALID_ARGUMENT, "invalid proposed transaction: " + e.getMessage());
        }
    }

    private static EndorsementOutcome ask(EndorsingPeer peer, SignedProposal proposal, String policy, long deadline) {
        try {
            return peer.endorse(proposal, policy, deadline).get(Math.max(1, deadline - System.nanoTime()),
                    TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            throw GatewayErrors.error(Status.Code.DEADLINE_EXCEEDED, "evaluate timed out",
                    List.of(GatewayErrors.detail(peer.address(), peer.mspId(), "no answer in time")));
        } catch (ExecutionException e) {
            throw GatewayErrors.error(Status.Code.UNAVAILABLE, "failed to evaluate transaction: "
                    + unreachable(e.getCause()),
                    List.of(GatewayErrors.detail(peer.address(), peer.mspId(), unreachable(e.getCause()))));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw GatewayErrors.error(Status.Code.CANCELLED, "interrupted");
        }
    }

    private static String chaincodeResponse(ProposalResponse response) {
        return "chaincode response " + response.getResponse().getStatus() + ", " + response.getResponse().getMessage();
    }

    private static String unreachable(Throwable cause) {
        if (cause instanceof CompletionException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        if (cause instanceof StatusRuntimeException status) {
            return status.getStatus().getCode() + ": " + status.getStatus().getDescription();
        }
        return String.valueOf(cause);
    }

    private long deadlineNanos() {
        Deadline deadline = Context.current().getDeadline();
        long fallback = System.nanoTime() + defaultTimeout.toNanos();
        if (deadline == null) {
            return fallback;
        }
        return System.nanoTime() + Math.min(deadline.timeRemaining(TimeUnit.NANOSECONDS), defaultTimeout.toNanos());
    }

    private interface Call<T> {
        T run() throws Exception;
    }

    /** Runs {@code call} on the pool for blocking calls and answers with its result or its status. */
    private <T> void respond(StreamObserver<T> out, Call<T> call) {
        blockingCalls.run(out, () -> respondNow(out, call));
    }

    private static <T> void respondNow(StreamObserver<T> out, Call<T> call) {
        T response;
        try {
            response = call.run();
        } catch (StatusRuntimeException e) {
            out.onError(e);
            return;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            out.onError(Status.CANCELLED.withDescription("interrupted").asRuntimeException());
            return;
        } catch (Exception e) {
            log.error("gateway call failed unexpectedly", e);
            out.onError(Status.INTERNAL.withDescription(e.toString()).asRuntimeException());
            return;
        }
        out.onNext(response);
        out.onCompleted();
    }
}
