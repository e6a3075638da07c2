package dev.ordo.proto.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Optional;
import org.hyperledger.fabric.protos.common.ChannelHeader;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.Header;
import org.hyperledger.fabric.protos.common.Payload;
import org.junit.jupiter.api.Test;

/** {@link EnvelopeView#txIdOf} walks the wire format; it must agree with a full protobuf parse. */
class EnvelopeTxIdTest {
    private static final String TX_A = "a".repeat(64);
    private static final String TX_B = "b".repeat(64);

    @Test
    void findsTheTxIdOfAnOrdinaryEnvelope() throws Exception {
        ByteString envelope = envelope(payload(header(channelHeader(TX_A)))).toByteString();
        assertAgrees(envelope);
        assertEquals(Optional.of(TX_A), EnvelopeView.txIdOf(envelope));
    }

    @Test
    void takesTheLastPayloadAndMergesRepeatedHeaders() throws Exception {
        ByteString firstPayload = payload(header(channelHeader(TX_A))).toByteString();
        ByteString secondPayload = payload(header(channelHeader(TX_B))).toByteString();
        assertAgrees(concat(Envelope.newBuilder().setPayload(firstPayload).build().toByteString(),
                Envelope.newBuilder().setPayload(secondPayload).build().toByteString()));

        // Two occurrences of Payload.header: protobuf merges them, so the later channel_header wins,
        // and a later header without one keeps the earlier.
        ByteString headerA = Payload.newBuilder().setHeader(header(channelHeader(TX_A))).build().toByteString();
        ByteString headerB = Payload.newBuilder().setHeader(header(channelHeader(TX_B))).build().toByteString();
        ByteString headerWithoutChannelHeader = Payload.newBuilder()
                .setHeader(Header.newBuilder().setSignatureHeader(ByteString.copyFromUtf8("sig"))).build().toByteString();
        assertAgrees(envelopeOfPayloadBytes(concat(headerA, headerB)));
        assertAgrees(envelopeOfPayloadBytes(concat(headerA, headerWithoutChannelHeader)));
        assertEquals(Optional.of(TX_A), EnvelopeView.txIdOf(envelopeOfPayloadBytes(concat(headerA,
                headerWithoutChannelHeader))));
    }

    @Test
    void isEmptyWithoutATxIdAndForBytesThatDoNotParse() throws Exception {
        assertAgrees(envelope(payload(header(ChannelHeader.newBuilder().setChannelId("c").build()))).toByteString());
        assertEquals(Optional.empty(), EnvelopeView.txIdOf(Envelope.getDefaultInstance().toByteString()));
        assertEquals(Optional.empty(), EnvelopeView.txIdOf(ByteString.copyFromUtf8("junk")));
        ByteString whole = envelope(payload(header(channelHeader(TX_A)))).toByteString();
        ByteString truncated = whole.substring(0, whole.size() / 2); // inside the payload field
        assertAgrees(truncated);
        assertEquals(Optional.empty(), EnvelopeView.txIdOf(truncated));
    }

    @Test
    void treatsAFieldWithTheWrongWireTypeAsUnknown() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        CodedOutputStream out = CodedOutputStream.newInstance(bytes);
        out.writeUInt64(1, 7); // field 1 (payload) as a varint: an unknown field to the parser
        out.writeBytes(1, payload(header(channelHeader(TX_B))).toByteString());
        out.flush();
        ByteString envelope = ByteString.copyFrom(bytes.toByteArray());
        assertAgrees(envelope);
        assertEquals(Optional.of(TX_B), EnvelopeView.txIdOf(envelope));
    }

    private static void assertAgrees(ByteString envelope) {
        assertEquals(fullParse(envelope), EnvelopeView.txIdOf(envelope));
    }

    private static Optional<String> fullParse(ByteString envelope) {
        try {
            Payload payload = Payload.parseFrom(Envelope.parseFrom(envelope).getPayload());
            String txId = ChannelHeader.parseFrom(payload.getHeader().getChannelHeader()).getTxId();
            return txId.isEmpty() ? Optional.empty() : Optional.of(txId);
        } catch (InvalidProtocolBufferException e) {
            return Optional.empty();
        }
    }

    private static ChannelHeader channelHeader(String txId) {
        return ChannelHeader.newBuilder().setType(3).setChannelId("mychannel").setTxId(txId).setEpoch(0).build();
    }

    private static Header header(ChannelHeader channelHeader) {
        return Header.newBuilder().setChannelHeader(channelHeader.toByteString())
                .setSignatureHeader(ByteString.copyFromUtf8("signature header")).build();
    }

    private static Payload payload(Header header) {
        return Payload.newBuilder().setHeader(header).setData(ByteString.copyFromUtf8("data")).build();
    }

    private static Envelope envelope(Payload payload) {
        return Envelope.newBuilder().setPayload(payload.toByteString()).setSignature(ByteString.copyFromUtf8("sig")).build();
    }

    private static ByteString envelopeOfPayloadBytes(ByteString payloadBytes) {
        return Envelope.newBuilder().setPayload(payloadBytes).build().toByteString();
    }

    private static ByteString concat(ByteString first, ByteString second) throws IOException {
        return first.concat(second);
    }
}
