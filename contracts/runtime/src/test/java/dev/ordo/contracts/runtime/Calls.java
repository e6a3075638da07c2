package dev.ordo.contracts.runtime;

import com.google.protobuf.ByteString;
import dev.ordo.contracts.api.Invocation;
import dev.ordo.proto.wire.TxIds;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.hyperledger.fabric.protos.common.ChannelHeader;
import org.hyperledger.fabric.protos.common.Header;
import org.hyperledger.fabric.protos.common.HeaderType;
import org.hyperledger.fabric.protos.common.SignatureHeader;
import org.hyperledger.fabric.protos.peer.Proposal;
import org.hyperledger.fabric.protos.peer.SignedProposal;

/** Builds contract calls as an endorser would receive them. */
final class Calls {

  static final String CHANNEL = "mychannel";
  static final String LOCAL_MSP = "Org1MSP";

  private Calls() {}

  static Invocation call(byte[] creator, String... args) {
    return call(creator, Map.of(), args);
  }

  static Invocation call(byte[] creator, Map<String, byte[]> transientData, String... args) {
    byte[] nonce = TxIds.newNonce();
    String txId = TxIds.compute(nonce, creator);
    Instant now = Instant.now();
    ChannelHeader channelHeader = ChannelHeader.newBuilder()
        .setType(HeaderType.ENDORSER_TRANSACTION_VALUE)
        .setChannelId(CHANNEL)
        .setTxId(txId)
        .setTimestamp(com.google.protobuf.Timestamp.newBuilder()
            .setSeconds(now.getEpochSecond()).setNanos(now.getNano()))
        .build();
    SignatureHeader signatureHeader = SignatureHeader.newBuilder()
        .setCreator(ByteString.copyFrom(creator))
        .setNonce(ByteString.copyFrom(nonce))
        .build();
    Proposal proposal = Proposal.newBuilder()
        .setHeader(Header.newBuilder()
            .setChannelHeader(channelHeader.toByteString())
            .setSignatureHeader(signatureHeader.toByteString())
            .build().toByteString())
        .build();
    SignedProposal signed = SignedProposal.newBuilder()
        .setProposalBytes(proposal.toByteString())
        .build();
    List<byte[]> argBytes = new ArrayList<>();
    for (String arg : args) {
      argBytes.add(arg.getBytes(StandardCharsets.UTF_8));
    }
    return new Invocation(CHANNEL, txId, now, creator, signed.toByteArray(),
        ProposalBinding.compute(nonce, creator, 0), LOCAL_MSP, argBytes, transientData);
  }
}
