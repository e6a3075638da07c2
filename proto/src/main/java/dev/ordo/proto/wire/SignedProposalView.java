package dev.ordo.proto.wire;

import static dev.ordo.proto.wire.Decoding.parseRequired;
import static dev.ordo.proto.wire.Decoding.require;

import com.google.protobuf.ByteString;
import com.google.protobuf.Timestamp;
import java.util.List;
import java.util.Map;
import org.hyperledger.fabric.protos.common.Header;
import org.hyperledger.fabric.protos.common.HeaderType;
import org.hyperledger.fabric.protos.peer.ChaincodeInvocationSpec;
import org.hyperledger.fabric.protos.peer.ChaincodeProposalPayload;
import org.hyperledger.fabric.protos.peer.Proposal;
import org.hyperledger.fabric.protos.peer.SignedProposal;
import org.hyperledger.fabric.protos.peer.TxValidationCode;

/**
 * A checked {@code SignedProposal} as an endorser receives it: the header checked as
 * {@link HeaderView} describes (type ENDORSER_TRANSACTION, tx id = SHA-256(nonce ‖ creator)),
 * the chaincode named in the ChaincodeHeaderExtension, the invocation parsed (args[0] is the
 * transaction name), the transient map split off, and the proposal hash computed over the
 * payload without the transient map. The signature is not verified here:
 * {@link #signedContent()} says what to verify.
 */
public final class SignedProposalView {
    private final SignedProposal signedProposal;
    private final Proposal proposal;
    private final HeaderView header;
    private final String chaincodeName;
    private final ChaincodeProposalPayload proposalPayload;
    private final ChaincodeInvocationSpec invocationSpec;
    private final ByteString payloadWithoutTransient;
    private final ByteString proposalHash;

    private SignedProposalView(SignedProposal signedProposal, Proposal proposal, HeaderView header,
            String chaincodeName, ChaincodeProposalPayload proposalPayload, ChaincodeInvocationSpec invocationSpec,
            ByteString payloadWithoutTransient, ByteString proposalHash) {
        this.signedProposal = signedProposal;
        this.proposal = proposal;
        this.header = header;
        this.chaincodeName = chaincodeName;
        this.proposalPayload = proposalPayload;
        this.invocationSpec = invocationSpec;
        this.payloadWithoutTransient = payloadWithoutTransient;
        this.proposalHash = proposalHash;
    }

    public static SignedProposalView parse(SignedProposal signedProposal) throws WireFormatException {
        Proposal proposal = parseRequired(Proposal.parser(), signedProposal.getProposalBytes(),
                "SignedProposal.proposal_bytes", "Proposal", TxValidationCode.BAD_PAYLOAD);
        require(!signedProposal.getSignature().isEmpty(), TxValidationCode.BAD_CREATOR_SIGNATURE,
                "SignedProposal.signature: missing");
        Header rawHeader = parseRequired(Header.parser(), proposal.getHeader(), "Proposal.header", "Header",
                TxValidationCode.BAD_COMMON_HEADER);
        HeaderView header = HeaderView.parse(rawHeader, "Proposal.header");
        require(header.type() == HeaderType.ENDORSER_TRANSACTION, TxValidationCode.UNSUPPORTED_TX_PAYLOAD,
                "ChannelHeader.type: a proposal must be ENDORSER_TRANSACTION, was " + header.type());
        String chaincodeName = EndorserParts.headerChaincodeName(header.channelHeader());
        ChaincodeProposalPayload payload = EndorserParts.proposalPayload(proposal.getPayload(), "Proposal.payload",
                TxValidationCode.BAD_PAYLOAD);
        ChaincodeInvocationSpec spec = EndorserParts.invocationSpec(payload, chaincodeName,
                TxValidationCode.BAD_PAYLOAD);
        ByteString withoutTransient = EndorserParts.payloadWithoutTransient(payload);
        ByteString hash = ProposalHashes.compute(header.channelHeaderBytes(), header.signatureHeaderBytes(),
                withoutTransient);
        return new SignedProposalView(signedProposal, proposal, header, chaincodeName, payload, spec,
                withoutTransient, hash);
    }

    public SignedProposal signedProposal() {
        return signedProposal;
    }

    public Proposal proposal() {
        return proposal;
    }

    /** The checked header; {@code header().header()} is the raw {@code common.Header}. */
    public HeaderView header() {
        return header;
    }

    public String channelId() {
        return header.channelId();
    }

    public String txId() {
        return header.txId();
    }

    public HeaderType type() {
        return header.type();
    }

    public Timestamp timestamp() {
        return header.timestamp();
    }

    /** The marshalled SerializedIdentity of the client. */
    public byte[] creator() {
        return header.creator().toByteArray();
    }

    public String mspId() {
        return header.creatorMspId();
    }

    public byte[] nonce() {
        return header.nonce().toByteArray();
    }

    public String chaincodeName() {
        return chaincodeName;
    }

    public ChaincodeInvocationSpec invocationSpec() {
        return invocationSpec;
    }

    /** The invocation arguments; {@code args[0]} is the transaction name. */
    public List<ByteString> args() {
        return invocationSpec.getChaincodeSpec().getInput().getArgsList();
    }

    /** {@code args[0]}: "Function" or "Contract:Function". */
    public String transactionName() {
        return args().get(0).toStringUtf8();
    }

    public Map<String, ByteString> transientMap() {
        return proposalPayload.getTransientMapMap();
    }

    /** The marshalled ChaincodeProposalPayload without the transient map (what the transaction carries). */
    public ByteString payloadWithoutTransient() {
        return payloadWithoutTransient;
    }

    /** SHA-256(channel header ‖ signature header ‖ payload without transient). */
    public ByteString proposalHash() {
        return proposalHash;
    }

    public byte[] signature() {
        return signedProposal.getSignature().toByteArray();
    }

    /** The bytes the client signed: {@code SignedProposal.proposal_bytes}. */
    public byte[] signedBytes() {
        return signedProposal.getProposalBytes().toByteArray();
    }

    /** The client's signature with what it signs, for verification by the membership module. */
    public SignedContent signedContent() {
        return new SignedContent(signedProposal.getProposalBytes(), header.creator(), signedProposal.getSignature());
    }
}
