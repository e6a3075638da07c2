package dev.ordo.proto.wire;

import static dev.ordo.proto.wire.Decoding.parseRequired;
import static dev.ordo.proto.wire.Decoding.require;

import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.HeaderType;
import org.hyperledger.fabric.protos.orderer.SeekInfo;
import org.hyperledger.fabric.protos.peer.TxValidationCode;

/**
 * A checked Deliver request (orderer {@code AtomicBroadcast.Deliver} and the peer's
 * {@code Deliver} services): an envelope of type DELIVER_SEEK_INFO, signed by its creator over
 * the payload, whose data is a {@code SeekInfo} with start and stop positions. The timestamp
 * window, the TLS binding ({@link HeaderView#tlsCertHash()}) and the Readers policy are the
 * server's to check.
 */
public final class DeliverRequestView {
    private final EnvelopeView envelope;
    private final SeekInfo seekInfo;

    private DeliverRequestView(EnvelopeView envelope, SeekInfo seekInfo) {
        this.envelope = envelope;
        this.seekInfo = seekInfo;
    }

    public static DeliverRequestView parse(Envelope envelope) throws WireFormatException {
        EnvelopeView view = EnvelopeView.parse(envelope);
        require(view.headerType() == HeaderType.DELIVER_SEEK_INFO, TxValidationCode.BAD_CHANNEL_HEADER,
                "ChannelHeader.type: expected DELIVER_SEEK_INFO, was " + view.headerType());
        SeekInfo seekInfo = parseRequired(SeekInfo.parser(), view.data(), "Payload.data", "SeekInfo",
                TxValidationCode.BAD_PAYLOAD);
        require(seekInfo.hasStart(), TxValidationCode.BAD_PAYLOAD, "SeekInfo.start: missing");
        require(seekInfo.hasStop(), TxValidationCode.BAD_PAYLOAD, "SeekInfo.stop: missing");
        return new DeliverRequestView(view, seekInfo);
    }

    public EnvelopeView envelope() {
        return envelope;
    }

    public String channelId() {
        return envelope.channelId();
    }

    public SeekInfo seekInfo() {
        return seekInfo;
    }

    /** The creator's signature over the payload, for verification by the membership module. */
    public SignedContent signedContent() {
        return envelope.signedContent();
    }
}
