package dev.ordo.ordering.deliver;

import com.google.protobuf.ByteString;
import com.google.protobuf.Timestamp;
import dev.ordo.proto.wire.MessageSigner;
import dev.ordo.proto.wire.TxIds;
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

/** Builds signed Deliver requests (DELIVER_SEEK_INFO envelopes), as an orderer catching up sends them. */
public final class SeekEnvelopes {
  private SeekEnvelopes() {
  }

  /** Blocks {@code start} to {@code stop} (inclusive), waiting for blocks not yet there. */
  public static Envelope range(String channelId, long start, long stop, MessageSigner signer, ByteString tlsCertHash) {
    SeekInfo seek = SeekInfo.newBuilder()
        .setStart(SeekPosition.newBuilder().setSpecified(SeekSpecified.newBuilder().setNumber(start)))
        .setStop(SeekPosition.newBuilder().setSpecified(SeekSpecified.newBuilder().setNumber(stop)))
        .setBehavior(SeekInfo.SeekBehavior.BLOCK_UNTIL_READY)
        .build();
    return signed(channelId, seek, signer, tlsCertHash);
  }

  /** A signed DELIVER_SEEK_INFO envelope carrying {@code seek}. */
  public static Envelope signed(String channelId, SeekInfo seek, MessageSigner signer, ByteString tlsCertHash) {
    Instant now = Instant.now();
    byte[] nonce = TxIds.newNonce();
    byte[] creator = signer.serializedIdentity();
    ChannelHeader channelHeader = ChannelHeader.newBuilder()
        .setType(HeaderType.DELIVER_SEEK_INFO_VALUE)
        .setChannelId(channelId)
        .setTxId(TxIds.compute(nonce, creator))
        .setTimestamp(Timestamp.newBuilder().setSeconds(now.getEpochSecond()).setNanos(now.getNano()))
        .setTlsCertHash(tlsCertHash == null ? ByteString.EMPTY : tlsCertHash)
        .build();
    SignatureHeader signatureHeader = SignatureHeader.newBuilder()
        .setCreator(ByteString.copyFrom(creator))
        .setNonce(ByteString.copyFrom(nonce))
        .build();
    Payload payload = Payload.newBuilder()
        .setHeader(Header.newBuilder()
            .setChannelHeader(channelHeader.toByteString())
            .setSignatureHeader(signatureHeader.toByteString()))
        .setData(seek.toByteString())
        .build();
    ByteString payloadBytes = payload.toByteString();
    return Envelope.newBuilder()
        .setPayload(payloadBytes)
        .setSignature(ByteString.copyFrom(signer.sign(payloadBytes.toByteArray())))
        .build();
  }
}
