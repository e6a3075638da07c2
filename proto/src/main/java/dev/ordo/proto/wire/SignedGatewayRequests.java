package dev.ordo.proto.wire;

import static dev.ordo.proto.wire.Decoding.parseRequired;
import static dev.ordo.proto.wire.Decoding.require;

import com.google.protobuf.ByteString;
import org.hyperledger.fabric.protos.gateway.ChaincodeEventsRequest;
import org.hyperledger.fabric.protos.gateway.CommitStatusRequest;
import org.hyperledger.fabric.protos.gateway.SignedChaincodeEventsRequest;
import org.hyperledger.fabric.protos.gateway.SignedCommitStatusRequest;
import org.hyperledger.fabric.protos.peer.TxValidationCode;

/**
 * The Gateway's signed requests (CommitStatus, ChaincodeEvents): the client signs the marshalled
 * request bytes and names itself in the request's {@code identity} field. Parsed and checked here;
 * the signature is for the membership module to verify and the Readers policy for the node.
 */
public final class SignedGatewayRequests {
    /** A parsed request with the signature that covers its bytes. */
    public record Signed<T>(T request, SignedContent signedContent) {
    }

    private SignedGatewayRequests() {
    }

    public static Signed<CommitStatusRequest> commitStatus(SignedCommitStatusRequest signed) throws WireFormatException {
        TxValidationCode code = TxValidationCode.BAD_PAYLOAD;
        CommitStatusRequest request = parseRequired(CommitStatusRequest.parser(), signed.getRequest(),
                "SignedCommitStatusRequest.request", "CommitStatusRequest", code);
        require(TxIds.isWellFormed(request.getTransactionId()), code,
                "CommitStatusRequest.transaction_id: not 64 lowercase hex characters");
        require(!request.getChannelId().isEmpty(), code, "CommitStatusRequest.channel_id: missing");
        return new Signed<>(request, signedContent(signed.getRequest(), request.getIdentity(), signed.getSignature(),
                "CommitStatusRequest", "SignedCommitStatusRequest"));
    }

    public static Signed<ChaincodeEventsRequest> chaincodeEvents(SignedChaincodeEventsRequest signed)
            throws WireFormatException {
        TxValidationCode code = TxValidationCode.BAD_PAYLOAD;
        ChaincodeEventsRequest request = parseRequired(ChaincodeEventsRequest.parser(), signed.getRequest(),
                "SignedChaincodeEventsRequest.request", "ChaincodeEventsRequest", code);
        require(!request.getChannelId().isEmpty(), code, "ChaincodeEventsRequest.channel_id: missing");
        require(!request.getChaincodeId().isEmpty(), code, "ChaincodeEventsRequest.chaincode_id: missing");
        require(request.getAfterTransactionId().isEmpty() || TxIds.isWellFormed(request.getAfterTransactionId()), code,
                "ChaincodeEventsRequest.after_transaction_id: not 64 lowercase hex characters");
        return new Signed<>(request, signedContent(signed.getRequest(), request.getIdentity(), signed.getSignature(),
                "ChaincodeEventsRequest", "SignedChaincodeEventsRequest"));
    }

    private static SignedContent signedContent(ByteString requestBytes, ByteString identity, ByteString signature,
            String requestType, String signedType) throws WireFormatException {
        CreatorIdentity.mspIdOf(identity, requestType + ".identity", TxValidationCode.BAD_PAYLOAD);
        require(!signature.isEmpty(), TxValidationCode.BAD_CREATOR_SIGNATURE, signedType + ".signature: missing");
        return new SignedContent(requestBytes, identity, signature);
    }
}
