package dev.ordo.proto.wire;

import static dev.ordo.proto.wire.Decoding.parseRequired;
import static dev.ordo.proto.wire.Decoding.require;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedInputStream;
import com.google.protobuf.Timestamp;
import com.google.protobuf.WireFormat;
import java.io.IOException;
import java.util.Optional;
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
    /** Field numbers of Fabric's common.proto on the way to the tx id. */
    private static final int ENVELOPE_PAYLOAD = 1;
    private static final int PAYLOAD_HEADER = 1;
    private static final int HEADER_CHANNEL_HEADER = 1;
    private static final int CHANNEL_HEADER_TX_ID = 5;

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
     * Like {@link #parse(ByteString)}, but {@code Envelope.payload} and {@code Envelope.signature}
     * are views of {@code envelopeBytes}, not copies: for a receiver that keeps the bytes anyway,
     * as Broadcast does with the envelope it orders. Nothing else of the envelope is shared.
     */
    public static EnvelopeView parseSharing(ByteString envelopeBytes) throws WireFormatException {
        require(!envelopeBytes.isEmpty(), TxValidationCode.NIL_ENVELOPE, "Envelope: missing");
        return parse(Decoding.parseSharing(Envelope.parser(), envelopeBytes, "Envelope", "Envelope",
                TxValidationCode.NIL_ENVELOPE));
    }

    /**
     * The tx id written in an envelope's channel header without checking anything else, for
     * indexing and reporting transactions that fail {@link #parse} and for the orderers'
     * duplicate check; empty if there is none or the bytes do not get that far.
     *
     * <p>Every orderer runs this on every envelope of every block, so it walks the wire format
     * to the one field instead of parsing three messages: nothing is copied, and the result is
     * the one a full parse gives (last occurrence of a bytes field wins; repeated occurrences
     * of the {@code header} message merge, so the last {@code channel_header} among them wins).
     */
    public static Optional<String> txIdOf(ByteString envelopeBytes) {
        ByteString txId = txIdBytesOf(envelopeBytes);
        return txId.isEmpty() ? Optional.empty() : Optional.of(txId.toStringUtf8());
    }

    /**
     * As {@link #txIdOf}, the tx id's UTF-8 bytes as a view of {@code envelopeBytes}, without
     * decoding them into a string; empty when {@link #txIdOf} is.
     */
    public static ByteString txIdBytesOf(ByteString envelopeBytes) {
        try {
            ByteString payload = lastOccurrence(envelopeBytes, ENVELOPE_PAYLOAD);
            ByteString header = mergedOccurrences(payload, PAYLOAD_HEADER);
            ByteString channelHeader = lastOccurrence(header, HEADER_CHANNEL_HEADER);
            ByteString txId = lastOccurrence(channelHeader, CHANNEL_HEADER_TX_ID);
            return txId == null ? ByteString.EMPTY : txId;
        } catch (IOException e) {
            return ByteString.EMPTY;
        }
    }

    /** A bytes or string field: the last occurrence wins. Null when absent (or for null input). */
    private static ByteString lastOccurrence(ByteString message, int fieldNumber) throws IOException {
        return lengthDelimited(message, fieldNumber, false);
    }

    /**
     * A message field: protobuf merges repeated occurrences, which is what parsing their
     * concatenation gives. Null when absent (or for null input).
     */
    private static ByteString mergedOccurrences(ByteString message, int fieldNumber) throws IOException {
        return lengthDelimited(message, fieldNumber, true);
    }

    private static ByteString lengthDelimited(ByteString message, int fieldNumber, boolean concatenate)
            throws IOException {
        if (message == null) {
            return null;
        }
        int wanted = (fieldNumber << 3) | WireFormat.WIRETYPE_LENGTH_DELIMITED;
        ByteString found = null;
        CodedInputStream in = message.newCodedInput();
        in.enableAliasing(true); // readBytes returns views of the envelope, not copies
        for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
            if (tag == wanted) {
                ByteString occurrence = in.readBytes();
                found = concatenate && found != null ? found.concat(occurrence) : occurrence;
            } else if (!in.skipField(tag)) {
                break;
            }
        }
        return found;
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
