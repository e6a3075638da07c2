package dev.ordo.proto.wire;

import com.google.protobuf.ByteString;
import com.google.protobuf.Timestamp;
import java.util.List;
import java.util.Map;
import org.hyperledger.fabric.protos.common.ChannelHeader;
import org.hyperledger.fabric.protos.common.Header;
import org.hyperledger.fabric.protos.common.HeaderType;
import org.hyperledger.fabric.protos.common.SignatureHeader;
import org.hyperledger.fabric.protos.ledger.rwset.NsReadWriteSet;
import org.hyperledger.fabric.protos.ledger.rwset.TxReadWriteSet;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVRWSet;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVWrite;
import org.hyperledger.fabric.protos.peer.ChaincodeAction;
import org.hyperledger.fabric.protos.peer.ChaincodeEvent;
import org.hyperledger.fabric.protos.peer.ChaincodeHeaderExtension;
import org.hyperledger.fabric.protos.peer.ChaincodeID;
import org.hyperledger.fabric.protos.peer.ChaincodeInput;
import org.hyperledger.fabric.protos.peer.ChaincodeInvocationSpec;
import org.hyperledger.fabric.protos.peer.ChaincodeProposalPayload;
import org.hyperledger.fabric.protos.peer.ChaincodeSpec;
import org.hyperledger.fabric.protos.peer.Endorsement;
import org.hyperledger.fabric.protos.peer.Proposal;
import org.hyperledger.fabric.protos.peer.ProposalResponse;
import org.hyperledger.fabric.protos.peer.ProposalResponsePayload;
import org.hyperledger.fabric.protos.peer.Response;
import org.hyperledger.fabric.protos.peer.SignedProposal;

/** Builds proposals the way Fabric's clients do, and endorsements the way Fabric's endorser does. */
final class ProposalFixtures {
    static final String CHANNEL = "mychannel";
    static final String CHAINCODE = "basic";

    private ProposalFixtures() {
    }

    static ChannelHeader.Builder channelHeader(String txId) {
        return ChannelHeader.newBuilder()
                .setType(HeaderType.ENDORSER_TRANSACTION_VALUE)
                .setChannelId(CHANNEL)
                .setTxId(txId)
                .setTimestamp(Timestamp.newBuilder().setSeconds(1_700_000_000L).setNanos(5))
                .setEpoch(0)
                .setExtension(ChaincodeHeaderExtension.newBuilder()
                        .setChaincodeId(ChaincodeID.newBuilder().setName(CHAINCODE)).build().toByteString());
    }

    static ChaincodeProposalPayload payload(List<String> args, Map<String, ByteString> transientMap) {
        ChaincodeInput.Builder input = ChaincodeInput.newBuilder();
        args.forEach(arg -> input.addArgs(ByteString.copyFromUtf8(arg)));
        ChaincodeInvocationSpec spec = ChaincodeInvocationSpec.newBuilder()
                .setChaincodeSpec(ChaincodeSpec.newBuilder()
                        .setChaincodeId(ChaincodeID.newBuilder().setName(CHAINCODE))
                        .setInput(input))
                .build();
        return ChaincodeProposalPayload.newBuilder()
                .setInput(spec.toByteString())
                .putAllTransientMap(transientMap)
                .build();
    }

    static Proposal proposal(ChannelHeader channelHeader, SignatureHeader signatureHeader,
            ChaincodeProposalPayload payload) {
        Header header = Header.newBuilder()
                .setChannelHeader(channelHeader.toByteString())
                .setSignatureHeader(signatureHeader.toByteString())
                .build();
        return Proposal.newBuilder().setHeader(header.toByteString()).setPayload(payload.toByteString()).build();
    }

    static SignedProposal sign(MessageSigner client, Proposal proposal) {
        ByteString bytes = proposal.toByteString();
        return SignedProposal.newBuilder()
                .setProposalBytes(bytes)
                .setSignature(ByteString.copyFrom(client.sign(bytes.toByteArray())))
                .build();
    }

    /** A well-formed signed proposal for {@code args}, with {@code transientMap}. */
    static SignedProposal signedProposal(TestSigner client, List<String> args, Map<String, ByteString> transientMap) {
        byte[] nonce = TxIds.newNonce();
        byte[] creator = client.serializedIdentity();
        SignatureHeader signatureHeader = SignatureHeader.newBuilder()
                .setCreator(ByteString.copyFrom(creator))
                .setNonce(ByteString.copyFrom(nonce))
                .build();
        return sign(client, proposal(channelHeader(TxIds.compute(nonce, creator)).build(), signatureHeader,
                payload(args, transientMap)));
    }

    static TxReadWriteSet writes(String namespace, String key, String value) {
        KVRWSet kv = KVRWSet.newBuilder()
                .addWrites(KVWrite.newBuilder().setKey(key).setValue(ByteString.copyFromUtf8(value)))
                .build();
        return TxReadWriteSet.newBuilder()
                .setDataModel(TxReadWriteSet.DataModel.KV)
                .addNsRwset(NsReadWriteSet.newBuilder().setNamespace(namespace).setRwset(kv.toByteString()))
                .build();
    }

    static ByteString proposalResponsePayload(ByteString proposalHash, String chaincode, Response response,
            TxReadWriteSet results, ChaincodeEvent event) {
        ChaincodeAction action = ChaincodeAction.newBuilder()
                .setResults(results.toByteString())
                .setEvents(event == null ? ByteString.EMPTY : event.toByteString())
                .setResponse(response)
                .setChaincodeId(ChaincodeID.newBuilder().setName(chaincode).setVersion("1.0"))
                .build();
        return ProposalResponsePayload.newBuilder()
                .setProposalHash(proposalHash)
                .setExtension(action.toByteString())
                .build()
                .toByteString();
    }

    /** An endorsement as Fabric's endorser makes it: signature over prp ‖ endorser. */
    static ProposalResponse endorse(MessageSigner peer, ByteString prp, Response response) {
        ByteString endorser = ByteString.copyFrom(peer.serializedIdentity());
        byte[] signature = peer.sign(prp.concat(endorser).toByteArray());
        return ProposalResponse.newBuilder()
                .setVersion(1)
                .setResponse(response)
                .setPayload(prp)
                .setEndorsement(Endorsement.newBuilder().setEndorser(endorser).setSignature(ByteString.copyFrom(signature)))
                .build();
    }

    static Response ok(String payload) {
        return Response.newBuilder().setStatus(200).setPayload(ByteString.copyFromUtf8(payload)).build();
    }
}
