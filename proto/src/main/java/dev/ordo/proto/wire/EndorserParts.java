package dev.ordo.proto.wire;

import static dev.ordo.proto.wire.Decoding.parse;
import static dev.ordo.proto.wire.Decoding.parseRequired;
import static dev.ordo.proto.wire.Decoding.require;

import com.google.protobuf.ByteString;
import org.hyperledger.fabric.protos.common.ChannelHeader;
import org.hyperledger.fabric.protos.peer.ChaincodeHeaderExtension;
import org.hyperledger.fabric.protos.peer.ChaincodeInvocationSpec;
import org.hyperledger.fabric.protos.peer.ChaincodeProposalPayload;
import org.hyperledger.fabric.protos.peer.TxValidationCode;

/** Parsing steps shared by proposals and endorser transactions. */
final class EndorserParts {
    private EndorserParts() {
    }

    /** The chaincode name from {@code ChannelHeader.extension} (a ChaincodeHeaderExtension). */
    static String headerChaincodeName(ChannelHeader channelHeader) throws WireFormatException {
        ChaincodeHeaderExtension extension = parseRequired(ChaincodeHeaderExtension.parser(),
                channelHeader.getExtension(), "ChannelHeader.extension", "ChaincodeHeaderExtension",
                TxValidationCode.BAD_HEADER_EXTENSION);
        require(extension.hasChaincodeId() && !extension.getChaincodeId().getName().isEmpty(),
                TxValidationCode.BAD_HEADER_EXTENSION, "ChaincodeHeaderExtension.chaincode_id.name: missing");
        return extension.getChaincodeId().getName();
    }

    /**
     * The invocation spec inside a ChaincodeProposalPayload, checked to name {@code chaincodeName}
     * (when it names one) and to carry at least the transaction name as {@code args[0]}.
     */
    static ChaincodeInvocationSpec invocationSpec(ChaincodeProposalPayload payload, String chaincodeName,
            TxValidationCode code) throws WireFormatException {
        ChaincodeInvocationSpec spec = parseRequired(ChaincodeInvocationSpec.parser(), payload.getInput(),
                "ChaincodeProposalPayload.input", "ChaincodeInvocationSpec", code);
        require(spec.hasChaincodeSpec(), code, "ChaincodeInvocationSpec.chaincode_spec: missing");
        String specName = spec.getChaincodeSpec().getChaincodeId().getName();
        require(specName.isEmpty() || specName.equals(chaincodeName), code,
                "ChaincodeSpec.chaincode_id.name: '" + specName + "' differs from the header's chaincode '"
                        + chaincodeName + "'");
        require(spec.getChaincodeSpec().getInput().getArgsCount() > 0, code,
                "ChaincodeInput.args: missing (args[0] must name the transaction)");
        return spec;
    }

    /**
     * The bytes of {@code ChaincodeProposalPayload{input}} without its transient map, as Fabric's
     * endorser and gateway marshal it: the input bytes are kept as received, not re-encoded.
     */
    static ByteString payloadWithoutTransient(ChaincodeProposalPayload payload) {
        return ChaincodeProposalPayload.newBuilder().setInput(payload.getInput()).build().toByteString();
    }

    static ChaincodeProposalPayload proposalPayload(ByteString bytes, String field, TxValidationCode code)
            throws WireFormatException {
        return parse(ChaincodeProposalPayload.parser(), bytes, field, "ChaincodeProposalPayload", code);
    }
}
