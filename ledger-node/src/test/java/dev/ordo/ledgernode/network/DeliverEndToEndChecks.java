package dev.ordo.ledgernode.network;

import com.google.protobuf.ByteString;
import com.google.protobuf.Timestamp;
import dev.ordo.membership.identity.SigningIdentity;
import dev.ordo.proto.wire.TxIds;
import io.grpc.ManagedChannel;
import io.grpc.stub.StreamObserver;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.hyperledger.fabric.protos.common.ChannelHeader;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.Header;
import org.hyperledger.fabric.protos.common.HeaderType;
import org.hyperledger.fabric.protos.common.Payload;
import org.hyperledger.fabric.protos.common.SignatureHeader;
import org.hyperledger.fabric.protos.orderer.SeekInfo;
import org.hyperledger.fabric.protos.peer.DeliverGrpc;
import org.hyperledger.fabric.protos.peer.DeliverResponse;

/** A raw client of the peer's Deliver service: one signed seek request, every response until the stream ends. */
final class DeliverEndToEndChecks {
    private DeliverEndToEndChecks() {
    }

    static Envelope seek(String channelId, SeekInfo seek, SigningIdentity signer, Instant timestamp) {
        ByteString payload = Payload.newBuilder()
                .setHeader(Header.newBuilder()
                        .setChannelHeader(ChannelHeader.newBuilder()
                                .setType(HeaderType.DELIVER_SEEK_INFO_VALUE)
                                .setChannelId(channelId)
                                .setTimestamp(Timestamp.newBuilder().setSeconds(timestamp.getEpochSecond()))
                                .build().toByteString())
                        .setSignatureHeader(SignatureHeader.newBuilder()
                                .setCreator(ByteString.copyFrom(signer.serializedIdentity()))
                                .setNonce(ByteString.copyFrom(TxIds.newNonce()))
                                .build().toByteString()))
                .setData(seek.toByteString())
                .build().toByteString();
        return Envelope.newBuilder().setPayload(payload)
                .setSignature(ByteString.copyFrom(signer.sign(payload.toByteArray()))).build();
    }

    /** Sends {@code request} on Deliver and collects the responses up to and including the final status. */
    static List<DeliverResponse> deliver(ManagedChannel channel, Envelope request) throws InterruptedException {
        List<DeliverResponse> responses = new CopyOnWriteArrayList<>();
        CountDownLatch done = new CountDownLatch(1);
        StreamObserver<Envelope> requests = DeliverGrpc.newStub(channel).withDeadlineAfter(30, TimeUnit.SECONDS)
                .deliver(new StreamObserver<>() {
                    @Override
                    public void onNext(DeliverResponse value) {
                        responses.add(value);
                        if (value.hasStatus()) {
                            done.countDown();
                        }
                    }

                    @Override
                    public void onError(Throwable t) {
                        done.countDown();
                    }

                    @Override
                    public void onCompleted() {
                        done.countDown();
                    }
                });
        requests.onNext(request);
        if (!done.await(30, TimeUnit.SECONDS)) {
            throw new AssertionError("no final status within 30 s: " + responses);
        }
        requests.onCompleted();
        return responses;
    }
}
