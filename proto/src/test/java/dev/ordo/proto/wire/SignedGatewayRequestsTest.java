package dev.ordo.proto.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import org.hyperledger.fabric.protos.gateway.ChaincodeEventsRequest;
import org.hyperledger.fabric.protos.gateway.CommitStatusRequest;
import org.hyperledger.fabric.protos.gateway.SignedChaincodeEventsRequest;
import org.hyperledger.fabric.protos.gateway.SignedCommitStatusRequest;
import org.junit.jupiter.api.Test;

class SignedGatewayRequestsTest {
    private static final TestSigner CLIENT = TestSigner.create("Org1MSP");
    private static final String TX_ID = TxIds.compute(TxIds.newNonce(), CLIENT.serializedIdentity());

    private static SignedCommitStatusRequest commitStatus(CommitStatusRequest request) {
        return SignedCommitStatusRequest.newBuilder().setRequest(request.toByteString())
                .setSignature(ByteString.copyFrom(CLIENT.sign(request.toByteArray()))).build();
    }

    private static CommitStatusRequest.Builder statusRequest() {
        return CommitStatusRequest.newBuilder().setTransactionId(TX_ID).setChannelId("mychannel")
                .setIdentity(ByteString.copyFrom(CLIENT.serializedIdentity()));
    }

    @Test
    void commitStatusRequestParsesWithItsSignature() throws Exception {
        var signed = SignedGatewayRequests.commitStatus(commitStatus(statusRequest().build()));
        assertEquals(TX_ID, signed.request().getTransactionId());
        assertTrue(CLIENT.verifies(signed.signedContent()));
    }

    @Test
    void commitStatusRequestRejectsMissingParts() {
        assertEquals("CommitStatusRequest.transaction_id: not 64 lowercase hex characters", assertThrows(
                WireFormatException.class, () -> SignedGatewayRequests.commitStatus(commitStatus(
                        statusRequest().setTransactionId("tx1").build()))).getMessage());
        assertEquals("CommitStatusRequest.identity: missing", assertThrows(WireFormatException.class,
                () -> SignedGatewayRequests.commitStatus(commitStatus(statusRequest().clearIdentity().build())))
                .getMessage());
        assertEquals("SignedCommitStatusRequest.signature: missing", assertThrows(WireFormatException.class,
                () -> SignedGatewayRequests.commitStatus(commitStatus(statusRequest().build()).toBuilder()
                        .clearSignature().build())).getMessage());
        assertEquals("SignedCommitStatusRequest.request: missing", assertThrows(WireFormatException.class,
                () -> SignedGatewayRequests.commitStatus(SignedCommitStatusRequest.getDefaultInstance())).getMessage());
    }

    @Test
    void chaincodeEventsRequestParsesAndChecksItsFields() throws Exception {
        ChaincodeEventsRequest request = ChaincodeEventsRequest.newBuilder().setChannelId("mychannel")
                .setChaincodeId("basic").setAfterTransactionId(TX_ID)
                .setIdentity(ByteString.copyFrom(CLIENT.serializedIdentity())).build();
        SignedChaincodeEventsRequest signed = SignedChaincodeEventsRequest.newBuilder()
                .setRequest(request.toByteString())
                .setSignature(ByteString.copyFrom(CLIENT.sign(request.toByteArray()))).build();
        var parsed = SignedGatewayRequests.chaincodeEvents(signed);
        assertEquals("basic", parsed.request().getChaincodeId());
        assertTrue(CLIENT.verifies(parsed.signedContent()));

        ChaincodeEventsRequest noChaincode = request.toBuilder().clearChaincodeId().build();
        assertEquals("ChaincodeEventsRequest.chaincode_id: missing", assertThrows(WireFormatException.class,
                () -> SignedGatewayRequests.chaincodeEvents(signed.toBuilder().setRequest(noChaincode.toByteString())
                        .build())).getMessage());
    }
}
