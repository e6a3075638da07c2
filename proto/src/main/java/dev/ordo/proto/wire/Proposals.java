package dev.ordo.proto.wire;

import com.google.protobuf.ByteString;
import com.google.protobuf.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.hyperledger.fabric.protos.common.ChannelHeader;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.Header;
import org.hyperledger.fabric.protos.common.HeaderType;
import org.hyperledger.fabric.protos.common.SignatureHeader;
import org.hyperledger.fabric.protos.peer.ChaincodeHeaderExtension;
import org.hyperledger.fabric.protos.peer.ChaincodeID;
import org.hyperledger.fabric.protos.peer.ChaincodeInput;
import org.hyperledger.fabric.protos.peer.ChaincodeInvocationSpec;
import org.hyperledger.fabric.protos.peer.ChaincodeProposalPayload;
import org.hyperledger.fabric.protos.peer.ChaincodeSpec;
import org.hyperledger.fabric.protos.peer.Proposal;
import org.hyperledger.fabric.protos.peer.SignedProposal;

/**
 * The client's side of a transaction, as Fabric's SDKs build it: a signed chaincode proposal
 * and, once endorsed, the signed envelope. Ordo's applications use the official
 * {@code fabric-gateway} client for this; these functions serve tools, tests and load
 * generators that build transactions without a gateway.
 */
public final class Proposals {
    private Proposals() {
    }

    /**
     * A signed ENDORSER_TRANSACTION proposal invoking {@code args[0]} of {@code chaincode} on
     * {@code channelId}, with a fresh nonce and the tx id derived from it.
     */
    public static SignedProposal newSignedProposal(String channelId, String chaincode, List<ByteString> args,
            Map<String, ByteString> transientMap, MessageSigner client, Instant timestamp) {
        if (args.isEmpty()) {
            throw new IllegalArgumentException("args must name the transaction in args[0]");
        }
        byte[] creator = client.serializedIdentity();
        byte[] nonce = TxIds.newNonce();
        ChannelHeader channelHeader = ChannelHeader.newBuilder()
                .setType(HeaderType.ENDORSER_TRANSACTION_VALUE)
                .setChannelId(channelId)
                .setTxId(TxIds.compute(nonce, creator))
                .setTimestamp(timestamp(timestamp))
                .setEpoch(0)
                .setExtension(ChaincodeHeaderExtension.newBuilder()
                        .setChaincodeId(ChaincodeID.newBuilder().setName(chaincode)).build().toByteString())
                .build();
        SignatureHeader signatureHeader = SignatureHeader.newBuilder()
                .setCreator(ByteString.copyFrom(creator))
                .setNonce(ByteString.copyFrom(nonce))
                .build();
        ChaincodeInvocationSpec invocation = ChaincodeInvocationSpec.newBuilder()
                .setChaincodeSpec(ChaincodeSpec.newBuilder()
                        .setType(ChaincodeSpec.Type.JAVA)
                        .setChaincodeId(ChaincodeID.newBuilder().setName(chaincode))
                        .setInput(ChaincodeInput.newBuilder().addAllArgs(args)))
                .build();
        Proposal proposal = Proposal.newBuilder()
                .setHeader(Header.newBuilder()
                        .setChannelHeader(channelHeader.toByteString())
                        .setSignatureHeader(signatureHeader.toByteString())
                        .build().toByteString())
                .setPayload(ChaincodeProposalPayload.newBuilder()
                        .setInput(invocation.toByteString())
                        .putAllTransientMap(transientMap)
                        .build().toByteString())
                .build();
        ByteString proposalBytes = proposal.toByteString();
        return SignedProposal.newBuilder()
                .setProposalBytes(proposalBytes)
                .setSignature(ByteString.copyFrom(client.sign(proposalBytes.toByteArray())))
                .build();
    }

    /** {@code preparedTransaction} with the client's signature over its payload bytes. */
    public static Envelope sign(Envelope preparedTransaction, MessageSigner client) {
        return preparedTransaction.toBuilder()
                .setSignature(ByteString.copyFrom(client.sign(preparedTransaction.getPayload().toByteArray())))
                .build();
    }

    static Timestamp timestamp(Instant instant) {
        return Timestamp.newBuilder().setSeconds(instant.getEpochSecond()).setNanos(instant.getNano()).build();
    }
}
