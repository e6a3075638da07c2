package dev.ordo.proto.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.protobuf.ByteString;
import com.google.protobuf.Timestamp;
import com.google.protobuf.UnsafeByteOperations;
import org.hyperledger.fabric.protos.common.ChannelHeader;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.Header;
import org.hyperledger.fabric.protos.common.HeaderType;
import org.hyperledger.fabric.protos.common.Payload;
import org.hyperledger.fabric.protos.common.SignatureHeader;
import org.hyperledger.fabric.protos.peer.TxValidationCode;
import org.junit.jupiter.api.Test;

/** {@link EnvelopeView#parseSharing} checks what {@link EnvelopeView#parse} checks, without copying. */
class EnvelopeSharingParseTest {
    private static final TestSigner CLIENT = TestSigner.create("Org1MSP");

    @Test
    void findsWhatAFullParseFinds() throws Exception {
        ByteString bytes = message("mychannel").toByteString();
        EnvelopeView shared = EnvelopeView.parseSharing(bytes);
        EnvelopeView copied = EnvelopeView.parse(bytes);
        assertEquals(copied.envelope(), shared.envelope());
        assertEquals(copied.channelId(), shared.channelId());
        assertEquals(HeaderType.MESSAGE, shared.headerType());
        assertEquals("Org1MSP", shared.mspId());
        assertArrayEquals(copied.creator(), shared.creator());
        assertEquals(copied.signedContent(), shared.signedContent());
    }

    @Test
    void thePayloadIsAViewOfTheReceivedBytes() throws Exception {
        byte[] received = message("mychannel").toByteArray();
        EnvelopeView view = EnvelopeView.parseSharing(UnsafeByteOperations.unsafeWrap(received));
        ByteString payload = view.envelope().getPayload();
        byte before = payload.byteAt(payload.size() - 1);

        received[received.length - 1 - view.envelope().getSignature().size() - 2] ^= 0x55;
        assertEquals((byte) (before ^ 0x55), payload.byteAt(payload.size() - 1),
                "the payload must share the received array (this test writes into it to prove that)");
    }

    @Test
    void rejectsMissingAndMalformedBytesAsAFullParseDoes() {
        WireFormatException missing = assertThrows(WireFormatException.class,
                () -> EnvelopeView.parseSharing(ByteString.EMPTY));
        assertEquals(TxValidationCode.NIL_ENVELOPE, missing.validationCode());
        assertEquals("Envelope: missing", missing.getMessage());

        ByteString junk = ByteString.copyFrom(new byte[] {(byte) 0xff, (byte) 0xff, (byte) 0xff});
        WireFormatException malformed = assertThrows(WireFormatException.class, () -> EnvelopeView.parseSharing(junk));
        assertEquals(TxValidationCode.NIL_ENVELOPE, malformed.validationCode());
        assertEquals(assertThrows(WireFormatException.class, () -> EnvelopeView.parse(junk)).getMessage(),
                malformed.getMessage());

        ByteString garbagePayload = Envelope.newBuilder().setPayload(ByteString.copyFromUtf8("garbage"))
                .setSignature(ByteString.copyFromUtf8("sig")).build().toByteString();
        assertEquals(TxValidationCode.BAD_PAYLOAD, assertThrows(WireFormatException.class,
                () -> EnvelopeView.parseSharing(garbagePayload)).validationCode());
    }

    private static Envelope message(String channel) {
        ChannelHeader channelHeader = ChannelHeader.newBuilder().setType(HeaderType.MESSAGE_VALUE)
                .setChannelId(channel).setTimestamp(Timestamp.newBuilder().setSeconds(1_800_000_000)).build();
        SignatureHeader signatureHeader = SignatureHeader.newBuilder()
                .setCreator(ByteString.copyFrom(CLIENT.serializedIdentity()))
                .setNonce(ByteString.copyFromUtf8("nonce")).build();
        Payload payload = Payload.newBuilder()
                .setHeader(Header.newBuilder().setChannelHeader(channelHeader.toByteString())
                        .setSignatureHeader(signatureHeader.toByteString()))
                .setData(ByteString.copyFromUtf8("data of the message")).build();
        byte[] payloadBytes = payload.toByteArray();
        return Envelope.newBuilder().setPayload(ByteString.copyFrom(payloadBytes))
                .setSignature(ByteString.copyFrom(CLIENT.sign(payloadBytes))).build();
    }
}
