package dev.ordo.proto.wire;

import static dev.ordo.proto.wire.Decoding.parseRequired;
import static dev.ordo.proto.wire.Decoding.require;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Timestamp;
import java.util.Optional;
import org.hyperledger.fabric.protos.common.ChannelHeader;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.HeaderType;
import org.hyperledger.fabric.protos.common.Payload;
import org.hyperledger.fabric.protos.peer.TxValidationCode;

/**
 * A checked {@code common.Envelope}: payload and header parsed and checked as
 * {@link HeaderView} describes, a signature present unless it is a CONFIG envelope, and for an
 * ENDORSER_TRANSACTION the body checked as {@link TransactionView} describes. The signature
 * itself is not verified here: {@link #signedContent()} gives the membership module what to
 * verify (the payload bytes, the creator, the signature).
 */
public final class EnvelopeView {
    private final Envelope envelope;
    private final Payload payload;
    private final HeaderView header;
    private final TransactionView transaction;

    private EnvelopeView(Envelope envelope, Payload payload, HeaderView header, TransactionView transaction) {
        this.envelope = envelope;
        this.payload = payload;
        this.header = header;
        this.transaction = transaction;
    }

    public static EnvelopeView parse(Envelope envelope) throws WireFormatException {
        Payload payload = parseRequired(Payload.parser(), envelope.getPayload(), "Envelope.payload", "Payload",
                TxValidationCode.BAD_PAYLOAD);
        require(payload.hasHeader(), TxValidationCode.BAD_COMMON_HEADER, "Payload.header: missing");
        HeaderView header = HeaderView.parse(payload.getHeader(), "Payload.header");
        require(!envelope.getSignature().isEmpty() || header.type() == HeaderType.CONFIG,
                TxValidationCode.BAD_CREATOR_SIGNATURE, "Envelope.signature: missing");
        TransactionView transaction = header.type() == HeaderType.ENDORSER_TRANSACTION
                ? TransactionView.parse(header, payload.getData())
                : null;
        return new EnvelopeView(envelope, payload, header, transaction);
    }

    /** Parses a marshalled envelope (e.g. one entry of {@code Block.data}). */
    public static EnvelopeView parse(ByteString envelopeBytes) throws WireFormatException {
        Envelope envelope = parseRequired(Envelope.parser(), envelopeBytes, "Envelope", "Envelope",
                TxValidationCode.NIL_ENVELOPE);
        return parse(envelope);
    }

    /**
     * The tx id written in an envelope's channel header without checking anything else, for
     * indexing and reporting transactions that fail {@link #parse}; empty if there is none or the
     * bytes do not get that far.
     */
    public static Optional<String> txIdOf(ByteString envelopeBytes) {
        try {
            Payload payload = Payload.parseFrom(Envelope.parseFrom(envelopeBytes).getPayload());
            String txId = ChannelHeader.parseFrom(payload.getHeader().getChannelHeader()).getTxId();
            return txId.isEmpty() ? Optional.empty() : Optional.of(txId);
        } catch (InvalidProtocolBufferException e) {
            return Optional.empty();
        }
    }

    public Envelope envelope() {
        return envelope;
    }

    public Payload payload() {
        return payload;
    }

    public HeaderView header() {
        return header;
    }

    public HeaderType headerType() {
        return header.type();
    }

    public String channelId() {
        return header.channelId();
    }

    public String txId() {
        return header.txId();
    }

    public Timestamp timestamp() {
        return header.timestamp();
    }

    public long epoch() {
        return header.epoch();
    }

    /** The marshalled SerializedIdentity of the signer; empty only for an unsigned CONFIG envelope. */
    public byte[] creator() {
        return header.creator().toByteArray();
    }

    /** The creator's MSP id, or {@code null} for an envelope without creator. */
    public String mspId() {
        return header.creatorMspId();
    }

    /** The bytes the creator signed: {@code Envelope.payload}. */
    public byte[] signedBytes() {
        return envelope.getPayload().toByteArray();
    }

    public byte[] signature() {
        return envelope.getSignature().toByteArray();
    }

    /** {@code Payload.data}. */
    public ByteString data() {
        return payload.getData();
    }

    /** The creator's signature with what it signs, for verification by the membership module. */
    public SignedContent signedContent() {
        return new SignedContent(envelope.getPayload(), header.creator(), envelope.getSignature());
    }

    public boolean isEndorserTransaction() {
        return transaction != null;
    }

    /**
     * The checked transaction body.
     *
     * @throws IllegalStateException if this is not an ENDORSER_TRANSACTION envelope
     */
    public TransactionView transaction() {
        if (transaction == null) {
            throw new IllegalStateException("envelope of type " + header.type() + " carries no endorser transaction");
        }
        return transaction;
    }
}
