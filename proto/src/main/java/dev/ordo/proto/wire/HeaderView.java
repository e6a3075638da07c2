package dev.ordo.proto.wire;

import static dev.ordo.proto.wire.Decoding.parseRequired;
import static dev.ordo.proto.wire.Decoding.require;

import com.google.protobuf.ByteString;
import com.google.protobuf.Timestamp;
import java.time.Instant;
import org.hyperledger.fabric.protos.common.ChannelHeader;
import org.hyperledger.fabric.protos.common.Header;
import org.hyperledger.fabric.protos.common.HeaderType;
import org.hyperledger.fabric.protos.common.SignatureHeader;
import org.hyperledger.fabric.protos.peer.TxValidationCode;

/**
 * A checked {@code common.Header}: both headers parsed, the header type known, epoch 0, a
 * timestamp and a channel id present; a creator (with MSP id) present for every type but CONFIG
 * (whose genesis has no creator); a nonce present for ENDORSER_TRANSACTION and CONFIG_UPDATE
 * (deliver requests from Fabric's clients carry none); for ENDORSER_TRANSACTION the tx id well
 * formed and equal to SHA-256(nonce ‖ creator).
 */
public final class HeaderView {
    private final Header header;
    private final ChannelHeader channelHeader;
    private final SignatureHeader signatureHeader;
    private final HeaderType type;
    private final String creatorMspId;

    private HeaderView(Header header, ChannelHeader channelHeader, SignatureHeader signatureHeader, HeaderType type,
            String creatorMspId) {
        this.header = header;
        this.channelHeader = channelHeader;
        this.signatureHeader = signatureHeader;
        this.type = type;
        this.creatorMspId = creatorMspId;
    }

    /**
     * Parses and checks {@code header}.
     *
     * @param where the message holding the header, for error texts ("Payload.header", "Proposal.header")
     */
    public static HeaderView parse(Header header, String where) throws WireFormatException {
        ChannelHeader channelHeader = parseRequired(ChannelHeader.parser(), header.getChannelHeader(),
                where + ".channel_header", "ChannelHeader", TxValidationCode.BAD_CHANNEL_HEADER);
        HeaderType type = HeaderType.forNumber(channelHeader.getType());
        require(type != null && type != HeaderType.UNRECOGNIZED, TxValidationCode.UNKNOWN_TX_TYPE,
                "ChannelHeader.type: unknown header type " + channelHeader.getType());
        require(channelHeader.getEpoch() == 0, TxValidationCode.BAD_CHANNEL_HEADER,
                "ChannelHeader.epoch: must be 0, was " + Long.toUnsignedString(channelHeader.getEpoch()));
        require(channelHeader.hasTimestamp(), TxValidationCode.BAD_CHANNEL_HEADER, "ChannelHeader.timestamp: missing");
        require(!channelHeader.getChannelId().isEmpty(), TxValidationCode.BAD_CHANNEL_HEADER,
                "ChannelHeader.channel_id: missing");
        SignatureHeader signatureHeader = parseRequired(SignatureHeader.parser(), header.getSignatureHeader(),
                where + ".signature_header", "SignatureHeader", TxValidationCode.BAD_COMMON_HEADER);

        String mspId = null;
        if (!signatureHeader.getCreator().isEmpty()) {
            mspId = CreatorIdentity.mspIdOf(signatureHeader.getCreator(), "SignatureHeader.creator",
                    TxValidationCode.BAD_COMMON_HEADER);
        } else {
            require(type == HeaderType.CONFIG, TxValidationCode.BAD_COMMON_HEADER, "SignatureHeader.creator: missing");
        }
        // Fabric's clients send deliver requests without nonce; transactions and config updates need one.
        require(!signatureHeader.getNonce().isEmpty()
                || (type != HeaderType.ENDORSER_TRANSACTION && type != HeaderType.CONFIG_UPDATE),
                TxValidationCode.BAD_COMMON_HEADER, "SignatureHeader.nonce: missing");

        if (type == HeaderType.ENDORSER_TRANSACTION) {
            String txId = channelHeader.getTxId();
            require(TxIds.isWellFormed(txId), TxValidationCode.BAD_PROPOSAL_TXID,
                    "ChannelHeader.tx_id: not 64 lowercase hex characters: '" + abbreviate(txId) + "'");
            String expected = TxIds.compute(signatureHeader.getNonce().toByteArray(),
                    signatureHeader.getCreator().toByteArray());
            require(expected.equals(txId), TxValidationCode.BAD_PROPOSAL_TXID,
                    "ChannelHeader.tx_id: " + txId + " is not SHA-256(nonce ‖ creator) = " + expected);
        }
        return new HeaderView(header, channelHeader, signatureHeader, type, mspId);
    }

    private static String abbreviate(String value) {
        return value.length() <= 80 ? value : value.substring(0, 80) + "…";
    }

    public Header header() {
        return header;
    }

    public ChannelHeader channelHeader() {
        return channelHeader;
    }

    public SignatureHeader signatureHeader() {
        return signatureHeader;
    }

    /** The raw {@code Header.channel_header} bytes (what hashes and signatures cover). */
    public ByteString channelHeaderBytes() {
        return header.getChannelHeader();
    }

    /** The raw {@code Header.signature_header} bytes. */
    public ByteString signatureHeaderBytes() {
        return header.getSignatureHeader();
    }

    public HeaderType type() {
        return type;
    }

    public String channelId() {
        return channelHeader.getChannelId();
    }

    public String txId() {
        return channelHeader.getTxId();
    }

    public Timestamp timestamp() {
        return channelHeader.getTimestamp();
    }

    public Instant timestampInstant() {
        return Instant.ofEpochSecond(channelHeader.getTimestamp().getSeconds(), channelHeader.getTimestamp().getNanos());
    }

    public long epoch() {
        return channelHeader.getEpoch();
    }

    /** The marshalled {@code SerializedIdentity} of the creator; empty only for a CONFIG header. */
    public ByteString creator() {
        return signatureHeader.getCreator();
    }

    /** The creator's MSP id, or {@code null} when there is no creator (a genesis CONFIG header). */
    public String creatorMspId() {
        return creatorMspId;
    }

    public ByteString nonce() {
        return signatureHeader.getNonce();
    }

    /** True when the tx id equals SHA-256(nonce ‖ creator) (always true for ENDORSER_TRANSACTION). */
    public boolean txIdMatchesNonceAndCreator() {
        return TxIds.compute(nonce().toByteArray(), creator().toByteArray()).equals(txId());
    }

    /** {@code ChannelHeader.tls_cert_hash}: SHA-256 of the client's TLS certificate, or empty. */
    public ByteString tlsCertHash() {
        return channelHeader.getTlsCertHash();
    }
}
