package dev.ordo.deploy.network;

import com.google.protobuf.ByteString;
import com.google.protobuf.Timestamp;
import dev.ordo.membership.identity.SigningIdentity;
import dev.ordo.membership.tls.TlsMaterial;
import dev.ordo.proto.wire.PreparedTransactions;
import dev.ordo.proto.wire.ProposalResponses;
import dev.ordo.proto.wire.Proposals;
import dev.ordo.proto.wire.SignedProposalView;
import dev.ordo.proto.wire.TxIds;
import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.StreamObserver;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.ChannelHeader;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.Header;
import org.hyperledger.fabric.protos.common.HeaderType;
import org.hyperledger.fabric.protos.common.Payload;
import org.hyperledger.fabric.protos.common.SignatureHeader;
import org.hyperledger.fabric.protos.ledger.rwset.TxReadWriteSet;
import org.hyperledger.fabric.protos.orderer.AtomicBroadcastGrpc;
import org.hyperledger.fabric.protos.orderer.BroadcastResponse;
import org.hyperledger.fabric.protos.orderer.DeliverResponse;
import org.hyperledger.fabric.protos.orderer.SeekInfo;
import org.hyperledger.fabric.protos.orderer.SeekPosition;
import org.hyperledger.fabric.protos.orderer.SeekSpecified;
import org.hyperledger.fabric.protos.peer.Response;
import org.hyperledger.fabric.protos.peer.SignedProposal;

/** Broadcast and Deliver against one orderer of the launched network, over mutual TLS, with Fabric's stubs. */
final class OrdererTestClient implements AutoCloseable {
    private final ManagedChannel channel;
    private final TlsMaterial tls;

    OrdererTestClient(int port, TlsMaterial tls) {
        this.tls = tls;
        this.channel = NettyChannelBuilder.forAddress("127.0.0.1", port).sslContext(tls.forClient())
                .maxInboundMessageSize(100 << 20).build();
    }

    /** An endorsed-looking transaction, signed by {@code client} and endorsed by {@code endorser}. */
    static Envelope transaction(String channelId, SigningIdentity client, SigningIdentity endorser) throws Exception {
        SignedProposal proposal = Proposals.newSignedProposal(channelId, "basic",
                List.of(ByteString.copyFromUtf8("CreateAsset"), ByteString.copyFromUtf8("e2e")), Map.of(), client,
                Instant.now());
        SignedProposalView view = SignedProposalView.parse(proposal);
        var response = ProposalResponses.endorse(view, "1.0", Response.newBuilder().setStatus(200).build(),
                TxReadWriteSet.newBuilder().setDataModel(TxReadWriteSet.DataModel.KV).build(), null, endorser);
        return Proposals.sign(PreparedTransactions.assemble(view, List.of(response)), client);
    }

    BroadcastResponse broadcast(Envelope envelope) throws Exception {
        CompletableFuture<BroadcastResponse> answer = new CompletableFuture<>();
        StreamObserver<Envelope> requests = AtomicBroadcastGrpc.newStub(channel)
                .withDeadlineAfter(60, TimeUnit.SECONDS).broadcast(new StreamObserver<>() {
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
                        answer.completeExceptionally(new IllegalStateException("stream ended without a response"));
                    }
                });
        requests.onNext(envelope);
        BroadcastResponse response = answer.get(60, TimeUnit.SECONDS);
        requests.onCompleted();
        return response;
    }

    /** Blocks {@code start..stop} of the channel, waiting for them to be ordered. */
    List<Block> deliver(String channelId, long start, long stop, SigningIdentity reader) {
        byte[] nonce = TxIds.newNonce();
        Instant now = Instant.now();
        ChannelHeader header = ChannelHeader.newBuilder()
                .setType(HeaderType.DELIVER_SEEK_INFO_VALUE)
                .setChannelId(channelId)
                .setTimestamp(Timestamp.newBuilder().setSeconds(now.getEpochSecond()).setNanos(now.getNano()))
                .setTlsCertHash(ByteString.copyFrom(TlsMaterial.certificateHash(tls.certificate())))
                .build();
        Payload payload = Payload.newBuilder()
                .setHeader(Header.newBuilder().setChannelHeader(header.toByteString())
                        .setSignatureHeader(SignatureHeader.newBuilder()
                                .setCreator(ByteString.copyFrom(reader.serializedIdentity()))
                                .setNonce(ByteString.copyFrom(nonce)).build().toByteString()))
                .setData(SeekInfo.newBuilder()
                        .setStart(SeekPosition.newBuilder().setSpecified(SeekSpecified.newBuilder().setNumber(start)))
                        .setStop(SeekPosition.newBuilder().setSpecified(SeekSpecified.newBuilder().setNumber(stop)))
                        .setBehavior(SeekInfo.SeekBehavior.BLOCK_UNTIL_READY)
                        .build().toByteString())
                .build();
        Envelope seek = Envelope.newBuilder().setPayload(payload.toByteString())
                .setSignature(ByteString.copyFrom(reader.sign(payload.toByteArray()))).build();
        List<Block> blocks = new ArrayList<>();
        CompletableFuture<Void> done = new CompletableFuture<>();
        StreamObserver<Envelope> requests = AtomicBroadcastGrpc.newStub(channel)
                .withDeadlineAfter(60, TimeUnit.SECONDS).deliver(new StreamObserver<>() {
                    @Override
                    public void onNext(DeliverResponse response) {
                        if (response.hasBlock()) {
                            synchronized (blocks) {
                                blocks.add(response.getBlock());
                            }
                        } else {
                            done.complete(null);
                        }
                    }

                    @Override
                    public void onError(Throwable t) {
                        done.completeExceptionally(t);
                    }

                    @Override
                    public void onCompleted() {
                        done.complete(null);
                    }
                });
        requests.onNext(seek);
        try {
            done.get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("Deliver failed: " + e, e);
        } finally {
            requests.onCompleted();
        }
        synchronized (blocks) {
            return List.copyOf(blocks);
        }
    }

    @Override
    public void close() throws InterruptedException {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
}
