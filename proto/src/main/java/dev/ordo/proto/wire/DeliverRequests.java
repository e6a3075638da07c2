package dev.ordo.proto.wire;

import com.google.protobuf.ByteString;
import java.time.Instant;
import org.hyperledger.fabric.protos.common.ChannelHeader;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.Header;
import org.hyperledger.fabric.protos.common.HeaderType;
import org.hyperledger.fabric.protos.common.Payload;
import org.hyperledger.fabric.protos.common.SignatureHeader;
import org.hyperledger.fabric.protos.orderer.SeekInfo;
import org.hyperledger.fabric.protos.orderer.SeekPosition;
import org.hyperledger.fabric.protos.orderer.SeekSpecified;

/**
 * Signed Deliver requests (DELIVER_SEEK_INFO envelopes) as a node sends them to an orderer or
 * a peer: the counterpart of {@link DeliverRequestView}. The channel header carries the
 * caller's TLS certificate hash ({@code tls_cert_hash}, empty without mutual TLS), epoch 0 and
 * the current time; the payload is signed by the caller's identity.
 */
public final class DeliverRequests {
    private DeliverRequests() {
    }

    /** Blocks {@code start} to {@code stop} inclusive ({@code Long.MAX_VALUE}: forever), waiting for blocks not yet there. */
    public static Envelope range(String channelId, long start, long stop, MessageSigner signer, ByteString tlsCertHash) {
        return range(channelId, start, stop, signer, tlsCertHash, Instant.now());
    }

    /** As {@link #range(String, long, long, MessageSigner, ByteString)}, stamped {@code timestamp}. */
    public static Envelope range(String channelId, long start, long stop, MessageSigner signer, ByteString tlsCertHash,
            Instant timestamp) {
        SeekInfo seek = SeekInfo.newBuilder()
                .setStart(SeekPosition.newBuilder().setSpecified(SeekSpecified.newBuilder().setNumber(start)))
                .setStop(SeekPosition.newBuilder().setSpecified(SeekSpecified.newBuilder().setNumber(stop)))
                .setBehavior(SeekInfo.SeekBehavior.BLOCK_UNTIL_READY)
                .build();
        return signed(channelId, seek, signer, tlsCertHash, timestamp);
    }

    /** A signed DELIVER_SEEK_INFO envelope carrying {@code seek}, stamped {@code timestamp}. */
    public static Envelope signed(String channelId, SeekInfo seek, MessageSigner signer, ByteString tlsCertHash,
            Instant timestamp) {
        ChannelHeader channelHeader = ChannelHeader.newBuilder()
                .setType(HeaderType.DELIVER_SEEK_INFO_VALUE)
                .setChannelId(channelId)
                .setTimestamp(Proposals.timestamp(timestamp))
                .setEpoch(0)
                .setTlsCertHash(tlsCertHash == null ? ByteString.EMPTY : tlsCertHash)
                .build();
        SignatureHeader signatureHeader = SignatureHeader.newBuilder()
                .setCreator(ByteString.copyFrom(signer.serializedIdentity()))
                .setNonce(ByteString.copyFrom(TxIds.newNonce()))
                .build();
        ByteString payload = Payload.newBuilder()
                .setHeader(Header.newBuilder()
                        .setChannelHeader(channelHeader.toByteString())
                        .setSignatureHeader(signatureHeader.toByteString()))
                .setData(seek.toByteString())
                .build()
                .toByteString();
        return Envelope.newBuilder()
                .setPayload(payload)
                .setSignature(ByteString.copyFrom(signer.sign(payload.toByteArray())))
                .build();
    }
}
