package dev.ordo.proto.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import com.google.protobuf.Timestamp;
import org.hyperledger.fabric.protos.common.ChannelHeader;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.Header;
import org.hyperledger.fabric.protos.common.HeaderType;
import org.hyperledger.fabric.protos.common.Payload;
import org.hyperledger.fabric.protos.common.SignatureHeader;
import org.hyperledger.fabric.protos.orderer.SeekInfo;
import org.hyperledger.fabric.protos.orderer.SeekNewest;
import org.hyperledger.fabric.protos.orderer.SeekPosition;
import org.hyperledger.fabric.protos.orderer.SeekSpecified;
import org.junit.jupiter.api.Test;

class DeliverRequestViewTest {
    private static final TestSigner CLIENT = TestSigner.create("Org1MSP");

    /** A seek request as Fabric's gateway client builds it: no tx id, no nonce. */
    private static Envelope seek(HeaderType type, SeekInfo seekInfo) {
        ChannelHeader channelHeader = ChannelHeader.newBuilder().setType(type.getNumber()).setChannelId("mychannel")
                .setTimestamp(Timestamp.newBuilder().setSeconds(1_700_000_000L))
                .setTlsCertHash(ByteString.copyFrom(Sha256.digest("cert".getBytes()))).build();
        SignatureHeader signatureHeader = SignatureHeader.newBuilder()
                .setCreator(ByteString.copyFrom(CLIENT.serializedIdentity())).build();
        ByteString payload = Payload.newBuilder()
                .setHeader(Header.newBuilder().setChannelHeader(channelHeader.toByteString())
                        .setSignatureHeader(signatureHeader.toByteString()))
                .setData(seekInfo.toByteString()).build().toByteString();
        return Envelope.newBuilder().setPayload(payload)
                .setSignature(ByteString.copyFrom(CLIENT.sign(payload.toByteArray()))).build();
    }

    private static SeekInfo fromBlock(long number) {
        return SeekInfo.newBuilder()
                .setStart(SeekPosition.newBuilder().setSpecified(SeekSpecified.newBuilder().setNumber(number)))
                .setStop(SeekPosition.newBuilder().setNewest(SeekNewest.getDefaultInstance()))
                .setBehavior(SeekInfo.SeekBehavior.BLOCK_UNTIL_READY)
                .build();
    }

    @Test
    void parsesASeekRequestWithoutNonceOrTxId() throws Exception {
        DeliverRequestView view = DeliverRequestView.parse(seek(HeaderType.DELIVER_SEEK_INFO, fromBlock(3)));
        assertEquals("mychannel", view.channelId());
        assertEquals(3, view.seekInfo().getStart().getSpecified().getNumber());
        assertEquals("Org1MSP", view.envelope().mspId());
        assertEquals(32, view.envelope().header().tlsCertHash().size());
        assertTrue(CLIENT.verifies(view.signedContent()));
    }

    @Test
    void rejectsOtherTypesAndIncompleteSeekInfo() {
        assertEquals("ChannelHeader.type: expected DELIVER_SEEK_INFO, was MESSAGE", assertThrows(
                WireFormatException.class, () -> DeliverRequestView.parse(seek(HeaderType.MESSAGE, fromBlock(0))))
                .getMessage());
        assertEquals("SeekInfo.stop: missing", assertThrows(WireFormatException.class, () -> DeliverRequestView.parse(
                seek(HeaderType.DELIVER_SEEK_INFO, fromBlock(0).toBuilder().clearStop().build()))).getMessage());
        assertEquals("Payload.data: missing", assertThrows(WireFormatException.class, () -> DeliverRequestView.parse(
                seek(HeaderType.DELIVER_SEEK_INFO, SeekInfo.getDefaultInstance()))).getMessage());
    }
}
