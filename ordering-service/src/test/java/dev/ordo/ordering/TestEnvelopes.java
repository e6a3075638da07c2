package dev.ordo.ordering;

import com.google.protobuf.ByteString;
import com.google.protobuf.Timestamp;
import dev.ordo.proto.wire.MessageSigner;
import dev.ordo.proto.wire.ProposalHashes;
import dev.ordo.proto.wire.TxIds;
import java.time.Instant;
import java.util.Arrays;
import org.hyperledger.fabric.protos.common.ChannelHeader;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.Header;
import org.hyperledger.fabric.protos.common.HeaderType;
import org.hyperledger.fabric.protos.common.Payload;
import org.hyperledger.fabric.protos.common.SignatureHeader;
import org.hyperledger.fabric.protos.ledger.rwset.TxReadWriteSet;
import org.hyperledger.fabric.protos.peer.ChaincodeAction;
import org.hyperledger.fabric.protos.peer.ChaincodeActionPayload;
import org.hyperledger.fabric.protos.peer.ChaincodeEndorsedAction;
import org.hyperledger.fabric.protos.peer.ChaincodeHeaderExtension;
import org.hyperledger.fabric.protos.peer.ChaincodeID;
import org.hyperledger.fabric.protos.peer.ChaincodeInput;
import org.hyperledger.fabric.protos.peer.ChaincodeInvocationSpec;
import org.hyperledger.fabric.protos.peer.ChaincodeProposalPayload;
import org.hyperledger.fabric.protos.peer.ChaincodeSpec;
import org.hyperledger.fabric.protos.peer.Endorsement;
import org.hyperledger.fabric.protos.peer.ProposalResponsePayload;
import org.hyperledger.fabric.protos.peer.Response;
import org.hyperledger.fabric.protos.peer.Transaction;
import org.hyperledger.fabric.protos.peer.TransactionAction;

/** Signed endorser-transaction envelopes as a Fabric client submits them, of a chosen size. */
public final class TestEnvelopes {
  private TestEnvelopes() {
  }

  /** The pieces a test may want to spoil. */
  public record Parts(String channelId, Instant timestamp, int padding, String txIdOverride) {
  }

  public static Envelope transaction(String channelId, MessageSigner signer, int padding) {
    return transaction(new Parts(channelId, Instant.now(), padding, null), signer);
  }

  public static Envelope transaction(Parts parts, MessageSigner signer) {
    byte[] nonce = TxIds.newNonce();
    byte[] creator = signer.serializedIdentity();
    String txId = parts.txIdOverride() != null ? parts.txIdOverride() : TxIds.compute(nonce, creator);
    ChaincodeID chaincode = ChaincodeID.newBuilder().setName("basic").build();
    ByteString channelHeader = ChannelHeader.newBuilder()
        .setType(HeaderType.ENDORSER_TRANSACTION_VALUE)
        .setChannelId(parts.channelId())
        .setTxId(txId)
        .setTimestamp(Timestamp.newBuilder().setSeconds(parts.timestamp().getEpochSecond())
            .setNanos(parts.timestamp().getNano()))
        .setExtension(ChaincodeHeaderExtension.newBuilder().setChaincodeId(chaincode).build().toByteString())
        .build().toByteString();
    ByteString signatureHeader = SignatureHeader.newBuilder()
        .setCreator(ByteString.copyFrom(creator)).setNonce(ByteString.copyFrom(nonce)).build().toByteString();
    byte[] pad = new byte[Math.max(0, parts.padding())];
    Arrays.fill(pad, (byte) 'x');
    ByteString proposalPayload = ChaincodeProposalPayload.newBuilder()
        .setInput(ChaincodeInvocationSpec.newBuilder().setChaincodeSpec(ChaincodeSpec.newBuilder()
            .setChaincodeId(chaincode)
            .setInput(ChaincodeInput.newBuilder().addArgs(ByteString.copyFromUtf8("put"))
                .addArgs(ByteString.copyFrom(pad)))).build().toByteString())
        .build().toByteString();
    ByteString prp = ProposalResponsePayload.newBuilder()
        .setProposalHash(ProposalHashes.compute(channelHeader, signatureHeader, proposalPayload))
        .setExtension(ChaincodeAction.newBuilder()
            .setResults(TxReadWriteSet.newBuilder().setDataModel(TxReadWriteSet.DataModel.KV).build().toByteString())
            .setResponse(Response.newBuilder().setStatus(200))
            .setChaincodeId(chaincode).build().toByteString())
        .build().toByteString();
    // Orderers do not check endorsements (peers do): a fixed signature keeps load generation cheap.
    ByteString endorsementSignature = ByteString.copyFromUtf8("endorsement-not-checked-by-orderers");
    Transaction transaction = Transaction.newBuilder().addActions(TransactionAction.newBuilder()
        .setHeader(signatureHeader)
        .setPayload(ChaincodeActionPayload.newBuilder()
            .setChaincodeProposalPayload(proposalPayload)
            .setAction(ChaincodeEndorsedAction.newBuilder().setProposalResponsePayload(prp)
                .addEndorsements(Endorsement.newBuilder().setEndorser(ByteString.copyFrom(creator))
                    .setSignature(endorsementSignature)))
            .build().toByteString()))
        .build();
    ByteString payload = Payload.newBuilder()
        .setHeader(Header.newBuilder().setChannelHeader(channelHeader).setSignatureHeader(signatureHeader))
        .setData(transaction.toByteString())
        .build().toByteString();
    return Envelope.newBuilder().setPayload(payload)
        .setSignature(ByteString.copyFrom(signer.sign(payload.toByteArray()))).build();
  }

  /**
   * A signed MESSAGE envelope (opaque data, accepted by Broadcast and ordered
   * like a transaction): channel header, signature header with the creator and {@code padding}
   * bytes of data. The smallest envelope a real identity can sign: about 1.0 KB with padding 0.
   */
  public static Envelope message(String channelId, MessageSigner signer, int padding) {
    byte[] nonce = TxIds.newNonce();
    byte[] creator = signer.serializedIdentity();
    Instant now = Instant.now();
    ByteString channelHeader = ChannelHeader.newBuilder()
        .setType(HeaderType.MESSAGE_VALUE)
        .setChannelId(channelId)
        .setTxId(TxIds.compute(nonce, creator))
        .setTimestamp(Timestamp.newBuilder().setSeconds(now.getEpochSecond()).setNanos(now.getNano()))
        .build().toByteString();
    ByteString signatureHeader = SignatureHeader.newBuilder()
        .setCreator(ByteString.copyFrom(creator)).setNonce(ByteString.copyFrom(nonce)).build().toByteString();
    byte[] pad = new byte[Math.max(0, padding)];
    Arrays.fill(pad, (byte) 'x');
    ByteString payload = Payload.newBuilder()
        .setHeader(Header.newBuilder().setChannelHeader(channelHeader).setSignatureHeader(signatureHeader))
        .setData(ByteString.copyFrom(pad))
        .build().toByteString();
    return Envelope.newBuilder().setPayload(payload)
        .setSignature(ByteString.copyFrom(signer.sign(payload.toByteArray()))).build();
  }

  /** The tx id of an envelope built here. */
  public static String txId(Envelope envelope) {
    try {
      Payload payload = Payload.parseFrom(envelope.getPayload());
      return ChannelHeader.parseFrom(payload.getHeader().getChannelHeader()).getTxId();
    } catch (com.google.protobuf.InvalidProtocolBufferException e) {
      throw new IllegalArgumentException(e);
    }
  }
}
