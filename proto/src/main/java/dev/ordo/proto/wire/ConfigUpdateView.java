package dev.ordo.proto.wire;

import static dev.ordo.proto.wire.Decoding.parseRequired;
import static dev.ordo.proto.wire.Decoding.require;

import com.google.protobuf.ByteString;
import dev.ordo.proto.v1.ConfigSignature;
import dev.ordo.proto.v1.ConfigUpdate;
import dev.ordo.proto.v1.ConfigUpdateEnvelope;
import java.util.ArrayList;
import java.util.List;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.HeaderType;
import org.hyperledger.fabric.protos.common.SignatureHeader;
import org.hyperledger.fabric.protos.peer.TxValidationCode;

/**
 * A checked CONFIG_UPDATE envelope: {@code Payload.data} is an {@code ordo.v1.ConfigUpdateEnvelope}
 * whose ConfigUpdate is for the envelope's channel and whose new configuration is for the same
 * channel at {@code base_sequence + 1}. Each admin {@link ConfigSignature} is returned with the
 * bytes it signs (signature_header ‖ config_update); the envelope's own signature (the submitter)
 * is in {@link #envelope()}.
 */
public final class ConfigUpdateView {
    private final EnvelopeView envelope;
    private final ByteString configUpdateBytes;
    private final ConfigUpdate configUpdate;
    private final List<SignedContent> signatures;

    private ConfigUpdateView(EnvelopeView envelope, ByteString configUpdateBytes, ConfigUpdate configUpdate,
            List<SignedContent> signatures) {
        this.envelope = envelope;
        this.configUpdateBytes = configUpdateBytes;
        this.configUpdate = configUpdate;
        this.signatures = List.copyOf(signatures);
    }

    public static ConfigUpdateView parse(Envelope envelope) throws WireFormatException {
        TxValidationCode code = TxValidationCode.BAD_PAYLOAD;
        EnvelopeView view = EnvelopeView.parse(envelope);
        require(view.headerType() == HeaderType.CONFIG_UPDATE, code,
                "ChannelHeader.type: expected CONFIG_UPDATE, was " + view.headerType());
        ConfigUpdateEnvelope updateEnvelope = parseRequired(ConfigUpdateEnvelope.parser(), view.data(),
                "Payload.data", "ordo.v1.ConfigUpdateEnvelope", code);
        ByteString updateBytes = updateEnvelope.getConfigUpdate();
        ConfigUpdate update = parseRequired(ConfigUpdate.parser(), updateBytes, "ConfigUpdateEnvelope.config_update",
                "ordo.v1.ConfigUpdate", code);
        String channelId = view.channelId();
        require(update.getChannelId().equals(channelId), code, "ConfigUpdate.channel_id: '" + update.getChannelId()
                + "' differs from the envelope's channel '" + channelId + "'");
        require(update.hasNewConfig(), code, "ConfigUpdate.new_config: missing");
        require(update.getNewConfig().getChannelId().equals(channelId), code, "ConfigUpdate.new_config.channel_id: '"
                + update.getNewConfig().getChannelId() + "' differs from the envelope's channel '" + channelId + "'");
        require(update.getNewConfig().getSequence() == update.getBaseSequence() + 1, code,
                "ConfigUpdate.new_config.sequence: must be base_sequence + 1 = " + (update.getBaseSequence() + 1)
                        + ", was " + update.getNewConfig().getSequence());

        List<SignedContent> signatures = new ArrayList<>(updateEnvelope.getSignaturesCount());
        for (int i = 0; i < updateEnvelope.getSignaturesCount(); i++) {
            ConfigSignature signature = updateEnvelope.getSignatures(i);
            String field = "ConfigUpdateEnvelope.signatures[" + i + "]";
            SignatureHeader header = parseRequired(SignatureHeader.parser(), signature.getSignatureHeader(),
                    field + ".signature_header", "SignatureHeader", code);
            CreatorIdentity.mspIdOf(header.getCreator(), field + ".signature_header.creator", code);
            require(!header.getNonce().isEmpty(), code, field + ".signature_header.nonce: missing");
            require(!signature.getSignature().isEmpty(), code, field + ".signature: missing");
            signatures.add(new SignedContent(signature.getSignatureHeader().concat(updateBytes), header.getCreator(),
                    signature.getSignature()));
        }
        return new ConfigUpdateView(view, updateBytes, update, signatures);
    }

    /** The envelope, signed by the submitter. */
    public EnvelopeView envelope() {
        return envelope;
    }

    public String channelId() {
        return envelope.channelId();
    }

    /** The marshalled ConfigUpdate exactly as the admins signed it. */
    public ByteString configUpdateBytes() {
        return configUpdateBytes;
    }

    public ConfigUpdate configUpdate() {
        return configUpdate;
    }

    /** The admins' signatures with the bytes each covers (signature_header ‖ config_update). */
    public List<SignedContent> signatures() {
        return signatures;
    }
}
