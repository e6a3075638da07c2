package dev.ordo.proto.wire;

import static dev.ordo.proto.wire.Decoding.parseRequired;
import static dev.ordo.proto.wire.Decoding.require;

import com.google.protobuf.ByteString;
import com.google.protobuf.Timestamp;
import dev.ordo.proto.v1.ChannelConfig;
import dev.ordo.proto.v1.ConfigEnvelope;
import dev.ordo.proto.v1.ConfigSignature;
import dev.ordo.proto.v1.ConfigUpdate;
import dev.ordo.proto.v1.ConfigUpdateEnvelope;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.BlockMetadataIndex;
import org.hyperledger.fabric.protos.common.ChannelHeader;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.Header;
import org.hyperledger.fabric.protos.common.HeaderType;
import org.hyperledger.fabric.protos.common.LastConfig;
import org.hyperledger.fabric.protos.common.Metadata;
import org.hyperledger.fabric.protos.common.OrdererBlockMetadata;
import org.hyperledger.fabric.protos.common.Payload;
import org.hyperledger.fabric.protos.common.SignatureHeader;
import org.hyperledger.fabric.protos.peer.TxValidationCode;

/**
 * Config blocks and config transactions. A channel's configuration is an
 * {@code ordo.v1.ChannelConfig} carried in a CONFIG envelope ({@code Payload.data} =
 * {@code ordo.v1.ConfigEnvelope}), always the only envelope of its block; changes are requested
 * with CONFIG_UPDATE envelopes ({@code Payload.data} = {@code ordo.v1.ConfigUpdateEnvelope}) that
 * carry admins' signatures over signature_header ‖ config_update, as Fabric's ConfigSignature.
 */
public final class ConfigBlocks {
    private static final byte[] GENESIS_NONCE_DOMAIN = "ordo genesis nonce".getBytes(StandardCharsets.US_ASCII);

    private ConfigBlocks() {
    }

    /**
     * The genesis block of {@code config}'s channel, fully determined by the configuration:
     * timestamp 1970-01-01T00:00:00Z and a nonce derived from the configuration bytes, so every
     * node that builds it from the same configuration gets the same block.
     */
    public static Block genesis(ChannelConfig config) throws WireFormatException {
        byte[] configBytes = config.toByteArray();
        byte[] nonce = Arrays.copyOf(Sha256.digest(GENESIS_NONCE_DOMAIN, configBytes), TxIds.NONCE_LENGTH);
        return genesis(config, Instant.EPOCH, nonce);
    }

    /** The genesis block of {@code config}'s channel with the given timestamp and a random nonce. */
    public static Block genesis(ChannelConfig config, Instant timestamp) throws WireFormatException {
        return genesis(config, timestamp, TxIds.newNonce());
    }

    private static Block genesis(ChannelConfig config, Instant timestamp, byte[] nonce) throws WireFormatException {
        ChannelIds.check(config.getChannelId(), "ChannelConfig.channel_id");
        require(config.getSequence() == 0, TxValidationCode.BAD_PAYLOAD,
                "ChannelConfig.sequence: a genesis configuration has sequence 0, was " + config.getSequence());
        Envelope envelope = configEnvelope(config, ByteString.EMPTY, null, timestamp, nonce);
        Block block = Blocks.newBlock(0, ByteString.EMPTY, List.of(envelope.toByteString()));
        // As Fabric's genesis block: last config 0 in both slots, no signatures.
        ByteString signatures = Metadata.newBuilder()
                .setValue(OrdererBlockMetadata.newBuilder().setLastConfig(LastConfig.newBuilder().setIndex(0)).build()
                        .toByteString())
                .build().toByteString();
        block = Blocks.withMetadataSlot(block, BlockMetadataIndex.SIGNATURES, signatures);
        return Blocks.withMetadataSlot(block, BlockMetadataIndex.LAST_CONFIG, Blocks.lastConfigMetadata(0));
    }

    /**
     * A CONFIG envelope carrying {@code config}, stamped now with a random nonce.
     *
     * @param lastUpdate the marshalled CONFIG_UPDATE envelope that produced {@code config}; empty for genesis
     * @param signerOrNull the orderer that signs the envelope, or null for an unsigned (genesis) envelope
     */
    public static Envelope configEnvelope(ChannelConfig config, ByteString lastUpdate, MessageSigner signerOrNull) {
        return configEnvelope(config, lastUpdate, signerOrNull, Instant.now(), TxIds.newNonce());
    }

    private static Envelope configEnvelope(ChannelConfig config, ByteString lastUpdate, MessageSigner signerOrNull,
            Instant timestamp, byte[] nonce) {
        ConfigEnvelope data = ConfigEnvelope.newBuilder().setConfig(config).setLastUpdate(lastUpdate).build();
        return envelope(HeaderType.CONFIG, config.getChannelId(), data.toByteString(), signerOrNull, timestamp, nonce);
    }

    /**
     * A CONFIG_UPDATE envelope requesting {@code update}: every admin signs
     * signature_header ‖ config_update bytes, the submitter signs the envelope.
     */
    public static Envelope configUpdate(ConfigUpdate update, List<MessageSigner> admins, MessageSigner submitter) {
        if (!update.hasNewConfig() || !update.getNewConfig().getChannelId().equals(update.getChannelId())) {
            throw new IllegalArgumentException("ConfigUpdate.new_config must be set and be for channel "
                    + update.getChannelId());
        }
        ByteString updateBytes = update.toByteString();
        ConfigUpdateEnvelope.Builder data = ConfigUpdateEnvelope.newBuilder().setConfigUpdate(updateBytes);
        for (MessageSigner admin : admins) {
            data.addSignatures(configSignature(updateBytes, admin));
        }
        return envelope(HeaderType.CONFIG_UPDATE, update.getChannelId(), data.build().toByteString(), submitter,
                Instant.now(), TxIds.newNonce());
    }

    /** One admin's signature over signature_header ‖ config_update, to collect signatures separately. */
    public static ConfigSignature configSignature(ByteString configUpdateBytes, MessageSigner admin) {
        ByteString signatureHeader = SignatureHeader.newBuilder()
                .setCreator(ByteString.copyFrom(admin.serializedIdentity()))
                .setNonce(ByteString.copyFrom(TxIds.newNonce()))
                .build()
                .toByteString();
        byte[] signature = admin.sign(signatureHeader.concat(configUpdateBytes).toByteArray());
        return ConfigSignature.newBuilder()
                .setSignatureHeader(signatureHeader)
                .setSignature(ByteString.copyFrom(signature))
                .build();
    }

    /** Parses and checks a CONFIG_UPDATE envelope (see {@link ConfigUpdateView}). */
    public static ConfigUpdateView parseConfigUpdate(Envelope envelope) throws WireFormatException {
        return ConfigUpdateView.parse(envelope);
    }

    /** True when {@code block} holds exactly one envelope whose header type is CONFIG. */
    public static boolean isConfigBlock(Block block) {
        if (block.getData().getDataCount() != 1) {
            return false;
        }
        try {
            Envelope envelope = Envelope.parseFrom(block.getData().getData(0));
            Payload payload = Payload.parseFrom(envelope.getPayload());
            return ChannelHeader.parseFrom(payload.getHeader().getChannelHeader()).getType() == HeaderType.CONFIG_VALUE;
        } catch (com.google.protobuf.InvalidProtocolBufferException e) {
            return false;
        }
    }

    /** The channel configuration in a config block, checked as {@link #configEnvelopeOf(Block)} describes. */
    public static ChannelConfig configOf(Block block) throws WireFormatException {
        return configEnvelopeOf(block).getConfig();
    }

    /**
     * The ConfigEnvelope of a config block. Checked: the data hash matches; exactly one envelope,
     * of type CONFIG; the configuration is for the header's channel; block 0 carries sequence 0
     * and no last update, any later config block a sequence &gt; 0 and its last update.
     */
    public static ConfigEnvelope configEnvelopeOf(Block block) throws WireFormatException {
        long number = block.getHeader().getNumber();
        String where = "Block " + Long.toUnsignedString(number);
        TxValidationCode code = TxValidationCode.BAD_PAYLOAD;
        require(Blocks.dataHashMatches(block), code, where + ": header.data_hash does not match the block data");
        require(block.getData().getDataCount() == 1, code,
                where + ": a config block holds exactly one envelope, found " + block.getData().getDataCount());
        EnvelopeView view = EnvelopeView.parse(block.getData().getData(0));
        require(view.headerType() == HeaderType.CONFIG, code,
                where + ": ChannelHeader.type: expected CONFIG, was " + view.headerType());
        ConfigEnvelope configEnvelope = parseRequired(ConfigEnvelope.parser(), view.data(), where + ": Payload.data",
                "ordo.v1.ConfigEnvelope", code);
        require(configEnvelope.hasConfig(), code, where + ": ConfigEnvelope.config: missing");
        ChannelConfig config = configEnvelope.getConfig();
        require(config.getChannelId().equals(view.channelId()), code, where + ": ChannelConfig.channel_id '"
                + config.getChannelId() + "' differs from the header's channel '" + view.channelId() + "'");
        if (number == 0) {
            require(config.getSequence() == 0, code,
                    where + ": ChannelConfig.sequence: must be 0 in the genesis block, was " + config.getSequence());
            require(configEnvelope.getLastUpdate().isEmpty(), code,
                    where + ": ConfigEnvelope.last_update: must be empty in the genesis block");
        } else {
            require(config.getSequence() > 0, code,
                    where + ": ChannelConfig.sequence: must be > 0 after the genesis block, was 0");
            require(!configEnvelope.getLastUpdate().isEmpty(), code,
                    where + ": ConfigEnvelope.last_update: missing (the CONFIG_UPDATE that produced this config)");
        }
        return configEnvelope;
    }

    private static Envelope envelope(HeaderType type, String channelId, ByteString data, MessageSigner signerOrNull,
            Instant timestamp, byte[] nonce) {
        byte[] creator = signerOrNull == null ? new byte[0] : signerOrNull.serializedIdentity();
        ChannelHeader channelHeader = ChannelHeader.newBuilder()
                .setType(type.getNumber())
                .setChannelId(channelId)
                .setTxId(TxIds.compute(nonce, creator))
                .setTimestamp(Timestamp.newBuilder().setSeconds(timestamp.getEpochSecond()).setNanos(timestamp.getNano()))
                .setEpoch(0)
                .build();
        SignatureHeader signatureHeader = SignatureHeader.newBuilder()
                .setCreator(ByteString.copyFrom(creator))
                .setNonce(ByteString.copyFrom(nonce))
                .build();
        Payload payload = Payload.newBuilder()
                .setHeader(Header.newBuilder()
                        .setChannelHeader(channelHeader.toByteString())
                        .setSignatureHeader(signatureHeader.toByteString()))
                .setData(data)
                .build();
        ByteString payloadBytes = payload.toByteString();
        Envelope.Builder envelope = Envelope.newBuilder().setPayload(payloadBytes);
        if (signerOrNull != null) {
            envelope.setSignature(ByteString.copyFrom(signerOrNull.sign(payloadBytes.toByteArray())));
        }
        return envelope.build();
    }
}
