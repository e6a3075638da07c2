package dev.ordo.proto.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import com.google.protobuf.Timestamp;
import org.hyperledger.fabric.protos.common.ChannelHeader;
import org.hyperledger.fabric.protos.common.Header;
import org.hyperledger.fabric.protos.common.HeaderType;
import org.hyperledger.fabric.protos.common.SignatureHeader;
import org.hyperledger.fabric.protos.peer.TxValidationCode;
import org.junit.jupiter.api.Test;

class HeaderViewTest {
    private static final TestSigner CLIENT = TestSigner.create("Org1MSP");

    private static Header header(HeaderType type, SignatureHeader signatureHeader) {
        ChannelHeader channelHeader = ChannelHeader.newBuilder().setType(type.getNumber()).setChannelId("mychannel")
                .setTimestamp(Timestamp.newBuilder().setSeconds(1)).build();
        return Header.newBuilder().setChannelHeader(channelHeader.toByteString())
                .setSignatureHeader(signatureHeader.toByteString()).build();
    }

    private static String failure(Header header) {
        return assertThrows(WireFormatException.class, () -> HeaderView.parse(header, "Payload.header")).getMessage();
    }

    @Test
    void configHeadersMayHaveNoCreator() throws Exception {
        HeaderView view = HeaderView.parse(header(HeaderType.CONFIG,
                SignatureHeader.newBuilder().setNonce(ByteString.copyFromUtf8("n")).build()), "Payload.header");
        assertNull(view.creatorMspId());
        assertEquals(HeaderType.CONFIG, view.type());
    }

    @Test
    void everyOtherTypeNeedsACreatorAndUpdatesNeedANonce() {
        assertEquals("SignatureHeader.creator: missing", failure(header(HeaderType.MESSAGE,
                SignatureHeader.newBuilder().setNonce(ByteString.copyFromUtf8("n")).build())));
        assertEquals("SignatureHeader.nonce: missing", failure(header(HeaderType.CONFIG_UPDATE,
                SignatureHeader.newBuilder().setCreator(ByteString.copyFrom(CLIENT.serializedIdentity())).build())));
        WireFormatException noMsp = assertThrows(WireFormatException.class, () -> HeaderView.parse(header(
                HeaderType.MESSAGE, SignatureHeader.newBuilder().setCreator(
                        org.hyperledger.fabric.protos.msp.SerializedIdentity.newBuilder()
                                .setIdBytes(ByteString.copyFromUtf8("pem")).build().toByteString()).build()), "h"));
        assertEquals("SignatureHeader.creator: SerializedIdentity.mspid is empty", noMsp.getMessage());
        assertEquals(TxValidationCode.BAD_COMMON_HEADER, noMsp.validationCode());
    }

    @Test
    void namesTheMissingOrTruncatedHeaderPart() {
        Header good = header(HeaderType.MESSAGE, SignatureHeader.newBuilder()
                .setCreator(ByteString.copyFrom(CLIENT.serializedIdentity())).build());
        assertEquals("Payload.header.channel_header: missing", failure(good.toBuilder().clearChannelHeader().build()));
        assertEquals("Payload.header.signature_header: missing",
                failure(good.toBuilder().clearSignatureHeader().build()));
        assertTrue(failure(good.toBuilder().setSignatureHeader(good.getSignatureHeader().substring(0, 10)).build())
                .startsWith("Payload.header.signature_header: not a valid SignatureHeader"));
        assertTrue(failure(good.toBuilder().setChannelHeader(good.getChannelHeader().substring(0, 5)).build())
                .startsWith("Payload.header.channel_header: not a valid ChannelHeader"));
    }
}
