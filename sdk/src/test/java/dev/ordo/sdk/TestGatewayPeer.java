package dev.ordo.sdk;

import com.google.protobuf.Any;
import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import dev.ordo.membership.identity.Identity;
import dev.ordo.membership.identity.SigningIdentity;
import dev.ordo.membership.msp.ChannelMsp;
import dev.ordo.membership.msp.IdentityValidationException;
import dev.ordo.membership.msp.MspDirectory;
import dev.ordo.membership.tls.TlsMaterial;
import dev.ordo.proto.wire.Blocks;
import dev.ordo.proto.wire.DeliverRequestView;
import dev.ordo.proto.wire.EnvelopeView;
import dev.ordo.proto.wire.PreparedTransactions;
import dev.ordo.proto.wire.ProposalResponses;
import dev.ordo.proto.wire.SignedContent;
import dev.ordo.proto.wire.SignedProposalView;
import dev.ordo.proto.wire.TransactionsFilter;
import dev.ordo.proto.wire.WireFormatException;
import io.grpc.Server;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.protobuf.StatusProto;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.gateway.ChaincodeEventsRequest;
import org.hyperledger.fabric.protos.gateway.ChaincodeEventsResponse;
import org.hyperledger.fabric.protos.gateway.CommitStatusRequest;
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
import org.hyperledger.fabric.protos.ledger.rwset.NsReadWriteSet;
import org.hyperledger.fabric.protos.ledger.rwset.TxReadWriteSet;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVRWSet;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVWrite;
import org.hyperledger.fabric.protos.orderer.SeekPosition;
import org.hyperledger.fabric.protos.peer.ChaincodeEvent;
import org.hyperledger.fabric.protos.peer.DeliverGrpc;
import org.hyperledger.fabric.protos.peer.DeliverResponse;
import org.hyperledger.fabric.protos.peer.ProposalResponse;
import org.hyperledger.fabric.protos.peer.Response;
import org.hyperledger.fabric.protos.peer.TxValidationCode;

/**
 * A Fabric-compatible gateway peer for the SDK's tests, on real TLS over loopback, built from
 * Ordo's wire functions and membership's identities: every signature the client makes is
 * verified against the channel MSP, endorsements are really signed by both organisations'
 * peers and the prepared transaction is assembled with {@link PreparedTransactions}.
 *
 * <p>The "contract" is tiny: {@code ReadAsset k} evaluates to {@code asset:k};
 * {@code CreateAsset k v} writes {@code k=v}, returns {@code created:k=v} and emits event
 * {@code Created} with payload {@code k=v}; {@code Conflict} commits as MVCC_READ_CONFLICT;
 * {@code Fail} fails endorsement (or evaluation) on both peers with ErrorDetails;
 * {@code Big n} returns n bytes; {@code Slow ms} answers after ms milliseconds. Each submitted
 * transaction is committed at once in its own block (block 0 is empty).
 */
public final class TestGatewayPeer {
    static final String PEER1_ADDRESS = "peer0.org1.example.com:7051";
    static final String PEER2_ADDRESS = "peer0.org2.example.com:9051";

    private final ChannelMsp msp;
    private final SigningIdentity peer1;
    private final SigningIdentity peer2;
    private final Server server;
    private final List<Block> blocks = new ArrayList<>();
    private final Map<String, Committed> committed = new ConcurrentHashMap<>();
    private final Map<String, SignedProposalView> endorsed = new ConcurrentHashMap<>();
    private final List<Consumer<Block>> listeners = new CopyOnWriteArrayList<>();

    private record Committed(TxValidationCode code, long block) {
    }

    /**
     * Starts on 127.0.0.1 with an ephemeral port, presenting peer0.org1's TLS certificate.
     *
     * @param requireClientCertificate mutual TLS (true) or server TLS only (false)
     */
    public TestGatewayPeer(NetworkMaterial material, boolean requireClientCertificate) throws IOException {
        msp = ChannelMsp.of(List.of(
                MspDirectory.loadOrganization(material.orgMsp(NetworkMaterial.ORG1_DOMAIN), NetworkMaterial.ORG1),
                MspDirectory.loadOrganization(material.orgMsp(NetworkMaterial.ORG2_DOMAIN), NetworkMaterial.ORG2)));
        peer1 = MspDirectory.loadSigningIdentity(material.peerDir(NetworkMaterial.ORG1_DOMAIN).resolve("msp"),
                NetworkMaterial.ORG1);
        peer2 = MspDirectory.loadSigningIdentity(material.peerDir(NetworkMaterial.ORG2_DOMAIN).resolve("msp"),
                NetworkMaterial.ORG2);
        blocks.add(TransactionsFilter.of(0, TxValidationCode.VALID).writeTo(Blocks.newBlock(0, ByteString.EMPTY, List.of())));
        TlsMaterial tls = TlsMaterial.load(material.peerDir(NetworkMaterial.ORG1_DOMAIN).resolve("tls"));
        server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
                .sslContext(tls.forServer(requireClientCertificate))
                .addService(new GatewayService())
                .addService(io.grpc.ServerInterceptors.intercept(new DeliverService(), new TlsSessionInterceptor()))
                .build()
                .start();
    }

    public int port() {
        return server.getPort();
    }

    public synchronized int blockCount() {
        return blocks.size();
    }

    public void stop() throws InterruptedException {
        server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }

    private Identity verify(SignedContent content, String what) {
        Identity identity;
        try {
            identity = msp.validate(content.identityBytes());
        } catch (IdentityValidationException e) {
            throw Status.PERMISSION_DENIED.withDescription(what + " signer: " + e.getMessage()).asRuntimeException();
        }
        if (!identity.verify(content.dataBytes(), content.signatureBytes())) {
            throw Status.PERMISSION_DENIED.withDescription(what + ": signature does not verify").asRuntimeException();
        }
        return identity;
    }

    private static StatusRuntimeException withDetails(Status.Code code, String message, ErrorDetail... details) {
        com.google.rpc.Status.Builder status = com.google.rpc.Status.newBuilder().setCode(code.value()).setMessage(message);
        for (ErrorDetail detail : details) {
            status.addDetails(Any.pack(detail));
        }
        return StatusProto.toStatusRuntimeException(status.build());
    }

    private static ErrorDetail detail(String address, String mspId, String message) {
        return ErrorDetail.newBuilder().setAddress(address).setMspId(mspId).setMessage(message).build();
    }

    private SignedProposalView checkedProposal(org.hyperledger.fabric.protos.peer.SignedProposal signed) {
        try {
            SignedProposalView proposal = SignedProposalView.parse(signed);
            verify(proposal.signedContent(), "proposal");
            return proposal;
        } catch (WireFormatException e) {
            throw Status.INVALID_ARGUMENT.withDescription(e.getMessage()).asRuntimeException();
        }
    }

    private static String arg(SignedProposalView proposal, int index) {
        List<ByteString> args = proposal.args();
        if (args.size() <= index) {
            throw Status.INVALID_ARGUMENT.withDescription(proposal.transactionName() + " needs argument " + index)
                    .asRuntimeException();
        }
        return args.get(index).toStringUtf8();
    }

    private Response run(SignedProposalView proposal) {
        String function = proposal.transactionName();
        ByteString payload = switch (function) {
            case "ReadAsset" -> ByteString.copyFromUtf8("asset:" + arg(proposal, 1));
            case "CreateAsset" -> ByteString.copyFromUtf8("created:" + arg(proposal, 1) + "=" + arg(proposal, 2));
            case "Conflict" -> ByteString.copyFromUtf8("conflicting");
            case "Big" -> ByteString.copyFrom(new byte[Integer.parseInt(arg(proposal, 1))]);
            case "Slow" -> {
                try {
                    Thread.sleep(Long.parseLong(arg(proposal, 1)));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                yield ByteString.copyFromUtf8("slow");
            }
            default -> null;
        };
        if (payload == null) {
            return Response.newBuilder().setStatus(500).setMessage("Function " + function + " not found").build();
        }
        return Response.newBuilder().setStatus(200).setPayload(payload).build();
    }

    private ProposalResponse endorsement(SignedProposalView proposal, Response response, SigningIdentity peer) {
        KVRWSet.Builder writes = KVRWSet.newBuilder();
        if (proposal.transactionName().equals("CreateAsset")) {
            writes.addWrites(KVWrite.newBuilder().setKey(arg(proposal, 1)).setValue(ByteString.copyFromUtf8(arg(proposal, 2))));
        }
        TxReadWriteSet results = TxReadWriteSet.newBuilder().setDataModel(TxReadWriteSet.DataModel.KV)
                .addNsRwset(NsReadWriteSet.newBuilder().setNamespace(proposal.chaincodeName())
                        .setRwset(writes.build().toByteString()))
                .build();
        ChaincodeEvent event = proposal.transactionName().equals("CreateAsset")
                ? ChaincodeEvent.newBuilder().setChaincodeId(proposal.chaincodeName()).setTxId(proposal.txId())
                        .setEventName("Created").setPayload(ByteString.copyFromUtf8(arg(proposal, 1) + "=" + arg(proposal, 2)))
                        .build()
                : null;
        return ProposalResponses.endorse(proposal, "1.0", response, results, event, peer);
    }

    private synchronized Block commit(EnvelopeView envelope, TxValidationCode code) {
        Block previous = blocks.get(blocks.size() - 1);
        Block block = Blocks.newBlock(blocks.size(), Blocks.headerHash(previous.getHeader()),
                List.of(envelope.envelope().toByteString()));
        block = TransactionsFilter.of(1, code).writeTo(block);
        blocks.add(block);
        committed.put(envelope.txId(), new Committed(code, block.getHeader().getNumber()));
        for (Consumer<Block> listener : listeners) {
            try {
                listener.accept(block);
            } catch (RuntimeException e) {
                listeners.remove(listener); // its stream is gone
            }
        }
        return block;
    }

    private synchronized List<Block> blocksFrom(long start, Consumer<Block> listener) {
        listeners.add(listener);
        return start >= blocks.size() ? List.of() : List.copyOf(blocks.subList((int) start, blocks.size()));
    }

    private synchronized long startOf(SeekPosition position) {
        return switch (position.getTypeCase()) {
            case SPECIFIED -> position.getSpecified().getNumber();
            case OLDEST -> 0;
            case NEWEST -> blocks.size() - 1;
            default -> blocks.size();
        };
    }

    private final class GatewayService extends GatewayGrpc.GatewayImplBase {
        @Override
        public void evaluate(EvaluateRequest request, StreamObserver<EvaluateResponse> observer) {
            try {
                SignedProposalView proposal = checkedProposal(request.getProposedTransaction());
                if (proposal.transactionName().equals("Fail")) {
                    throw withDetails(Status.Code.UNKNOWN, "evaluate call to endorser returned error: chaincode response 500, "
                            + "asset not readable", detail(PEER1_ADDRESS, NetworkMaterial.ORG1, "chaincode response 500, asset not readable"));
                }
                Response response = run(proposal);
                if (response.getStatus() >= 400) {
                    throw withDetails(Status.Code.UNKNOWN, "evaluate call to endorser returned error: chaincode response "
                            + response.getStatus() + ", " + response.getMessage());
                }
                observer.onNext(EvaluateResponse.newBuilder().setResult(response).build());
                observer.onCompleted();
            } catch (StatusRuntimeException e) {
                observer.onError(e);
            }
        }

        @Override
        public void endorse(EndorseRequest request, StreamObserver<EndorseResponse> observer) {
            try {
                SignedProposalView proposal = checkedProposal(request.getProposedTransaction());
                if (proposal.transactionName().equals("Fail")) {
                    throw withDetails(Status.Code.ABORTED, "failed to endorse transaction, see attached details for more info",
                            detail(PEER1_ADDRESS, NetworkMaterial.ORG1, "chaincode response 500, asset1 already exists"),
                            detail(PEER2_ADDRESS, NetworkMaterial.ORG2, "chaincode response 500, asset1 already exists"));
                }
                Response response = run(proposal);
                Envelope prepared = PreparedTransactions.assemble(proposal,
                        List.of(endorsement(proposal, response, peer1), endorsement(proposal, response, peer2)));
                endorsed.put(proposal.txId(), proposal);
                observer.onNext(EndorseResponse.newBuilder().setPreparedTransaction(prepared).build());
                observer.onCompleted();
            } catch (StatusRuntimeException e) {
                observer.onError(e);
            } catch (WireFormatException e) {
                observer.onError(Status.ABORTED.withDescription(e.getMessage()).asRuntimeException());
            }
        }

        @Override
        public void submit(SubmitRequest request, StreamObserver<SubmitResponse> observer) {
            try {
                EnvelopeView envelope = EnvelopeView.parse(request.getPreparedTransaction());
                verify(envelope.signedContent(), "transaction envelope");
                for (SignedContent endorsement : envelope.transaction().endorsementSignedContents()) {
                    verify(endorsement, "endorsement");
                }
                SignedProposalView proposal = endorsed.get(envelope.txId());
                if (proposal == null) {
                    throw Status.FAILED_PRECONDITION.withDescription("transaction " + envelope.txId() + " was not endorsed here")
                            .asRuntimeException();
                }
                commit(envelope, proposal.transactionName().equals("Conflict") ? TxValidationCode.MVCC_READ_CONFLICT
                        : TxValidationCode.VALID);
                observer.onNext(SubmitResponse.getDefaultInstance());
                observer.onCompleted();
            } catch (StatusRuntimeException e) {
                observer.onError(e);
            } catch (WireFormatException e) {
                observer.onError(Status.INVALID_ARGUMENT.withDescription(e.getMessage()).asRuntimeException());
            }
        }

        @Override
        public void commitStatus(SignedCommitStatusRequest request, StreamObserver<CommitStatusResponse> observer) {
            try {
                CommitStatusRequest status = CommitStatusRequest.parseFrom(request.getRequest());
                verify(new SignedContent(request.getRequest(), status.getIdentity(), request.getSignature()), "commit status request");
                Committed result = committed.get(status.getTransactionId());
                if (result == null) {
                    throw Status.NOT_FOUND.withDescription("transaction " + status.getTransactionId() + " not found")
                            .asRuntimeException();
                }
                observer.onNext(CommitStatusResponse.newBuilder().setResult(result.code()).setBlockNumber(result.block()).build());
                observer.onCompleted();
            } catch (StatusRuntimeException e) {
                observer.onError(e);
            } catch (InvalidProtocolBufferException e) {
                observer.onError(Status.INVALID_ARGUMENT.withDescription(e.getMessage()).asRuntimeException());
            }
        }

        @Override
        public void chaincodeEvents(SignedChaincodeEventsRequest request, StreamObserver<ChaincodeEventsResponse> observer) {
            ChaincodeEventsRequest events;
            try {
                events = ChaincodeEventsRequest.parseFrom(request.getRequest());
                verify(new SignedContent(request.getRequest(), events.getIdentity(), request.getSignature()), "events request");
            } catch (InvalidProtocolBufferException e) {
                observer.onError(Status.INVALID_ARGUMENT.withDescription(e.getMessage()).asRuntimeException());
                return;
            } catch (StatusRuntimeException e) {
                observer.onError(e);
                return;
            }
            String chaincode = events.getChaincodeId();
            Consumer<Block> send = block -> {
                ChaincodeEventsResponse.Builder response = ChaincodeEventsResponse.newBuilder()
                        .setBlockNumber(block.getHeader().getNumber());
                for (ByteString data : block.getData().getDataList()) {
                    try {
                        EnvelopeView envelope = EnvelopeView.parse(data);
                        ChaincodeEvent event = ChaincodeEvent.parseFrom(envelope.transaction().chaincodeAction().getEvents());
                        boolean valid = committed.get(envelope.txId()).code() == TxValidationCode.VALID;
                        if (valid && event.getChaincodeId().equals(chaincode)) {
                            response.addEvents(event);
                        }
                    } catch (WireFormatException | InvalidProtocolBufferException e) {
                        throw new IllegalStateException(e);
                    }
                }
                if (response.getEventsCount() > 0) {
                    synchronized (observer) {
                        observer.onNext(response.build());
                    }
                }
            };
            java.util.concurrent.atomic.AtomicReference<Consumer<Block>> subscription = new java.util.concurrent.atomic.AtomicReference<>();
            ((ServerCallStreamObserver<?>) observer).setOnCancelHandler(() -> listeners.remove(subscription.get()));
            subscription.set(follow(startOf(events.getStartPosition()), send));
        }
    }

    /** Sends the blocks from {@code start} on, then each new one; returns the subscription to remove on cancel. */
    private Consumer<Block> follow(long start, Consumer<Block> send) {
        Consumer<Block> live = block -> {
            if (block.getHeader().getNumber() >= start) {
                send.accept(block);
            }
        };
        for (Block block : blocksFrom(start, live)) {
            send.accept(block);
        }
        return live;
    }

    private static final io.grpc.Context.Key<javax.net.ssl.SSLSession> TLS_SESSION = io.grpc.Context.key("tls-session");

    /** Makes the call's TLS session available to the service, for Fabric's tls_cert_hash binding. */
    private static final class TlsSessionInterceptor implements io.grpc.ServerInterceptor {
        @Override
        public <Q, R> io.grpc.ServerCall.Listener<Q> interceptCall(io.grpc.ServerCall<Q, R> call, io.grpc.Metadata headers,
                                                                   io.grpc.ServerCallHandler<Q, R> next) {
            io.grpc.Context context = io.grpc.Context.current()
                    .withValue(TLS_SESSION, call.getAttributes().get(io.grpc.Grpc.TRANSPORT_ATTR_SSL_SESSION));
            return io.grpc.Contexts.interceptCall(context, call, headers, next);
        }
    }

    /** Under mutual TLS, a deliver request must carry SHA-256 of the client's TLS certificate, as Fabric's peers check. */
    private static void checkTlsBinding(DeliverRequestView request, javax.net.ssl.SSLSession session) {
        java.security.cert.X509Certificate client = TlsMaterial.peerCertificate(session);
        if (client != null && !request.envelope().header().tlsCertHash()
                .equals(ByteString.copyFrom(TlsMaterial.certificateHash(client)))) {
            throw Status.PERMISSION_DENIED.withDescription("tls_cert_hash does not match the client's TLS certificate")
                    .asRuntimeException();
        }
    }

    private final class DeliverService extends DeliverGrpc.DeliverImplBase {
        @Override
        public StreamObserver<Envelope> deliver(StreamObserver<DeliverResponse> responses) {
            javax.net.ssl.SSLSession session = TLS_SESSION.get();
            java.util.concurrent.atomic.AtomicReference<Consumer<Block>> subscription = new java.util.concurrent.atomic.AtomicReference<>();
            ((ServerCallStreamObserver<?>) responses).setOnCancelHandler(() -> listeners.remove(subscription.get()));
            return new StreamObserver<>() {
                @Override
                public void onNext(Envelope envelope) {
                    try {
                        DeliverRequestView request = DeliverRequestView.parse(envelope);
                        verify(request.signedContent(), "deliver request");
                        checkTlsBinding(request, session);
                        subscription.set(follow(startOf(request.seekInfo().getStart()), block -> {
                            synchronized (responses) {
                                responses.onNext(DeliverResponse.newBuilder().setBlock(block).build());
                            }
                        }));
                    } catch (WireFormatException e) {
                        responses.onError(Status.INVALID_ARGUMENT.withDescription(e.getMessage()).asRuntimeException());
                    } catch (StatusRuntimeException e) {
                        responses.onError(e);
                    }
                }

                @Override
                public void onError(Throwable t) {
                    // the client went away; the cancel handler unsubscribes
                }

                @Override
                public void onCompleted() {
                    responses.onCompleted();
                }
            };
        }
    }
}
