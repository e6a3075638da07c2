package dev.ordo.ledgernode.validate;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.ordo.membership.identity.Identity;
import dev.ordo.membership.identity.Role;
import dev.ordo.membership.msp.IdentityValidationException;
import dev.ordo.membership.msp.MspConfigurationException;
import dev.ordo.membership.policy.ChannelPolicies;
import dev.ordo.membership.policy.PolicyDecision;
import dev.ordo.membership.policy.SignedData;
import dev.ordo.proto.v1.ChannelConfig;
import dev.ordo.proto.v1.ConfigEnvelope;
import dev.ordo.proto.wire.ConfigBlocks;
import dev.ordo.proto.wire.ConfigUpdateView;
import dev.ordo.proto.wire.EnvelopeView;
import dev.ordo.proto.wire.SignedContent;
import dev.ordo.proto.wire.WireFormatException;
import java.util.ArrayList;
import java.util.List;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.Envelope;

/**
 * Checks a config block against the configuration before it, as a peer re-checks what the
 * orderers agreed: the block holds exactly one CONFIG envelope for this channel (the proto
 * module's {@link ConfigBlocks#configEnvelopeOf} checks); the genesis block carries sequence 0;
 * any later one carries the next sequence, is signed by an orderer of the channel, and carries
 * the CONFIG_UPDATE that produced it, based on the current sequence, proposing exactly this
 * configuration and signed by enough admins for the current {@code Admins} policy. A config
 * block that fails is rejected as a whole: the channel cannot move past it.
 */
final class ConfigBlockValidator {

    /** The rules of the configuration in {@code block}; {@code current} is null for the genesis block. */
    ChannelRules validate(Block block, ChannelRules current, String channelId) throws BlockRejectedException {
        long number = block.getHeader().getNumber();
        ConfigEnvelope configEnvelope;
        EnvelopeView envelope;
        try {
            configEnvelope = ConfigBlocks.configEnvelopeOf(block);
            envelope = EnvelopeView.parse(block.getData().getData(0));
        } catch (WireFormatException e) {
            throw new BlockRejectedException(number, "invalid config block: " + e.getMessage(), e);
        }
        ChannelConfig config = configEnvelope.getConfig();
        if (!config.getChannelId().equals(channelId)) {
            throw new BlockRejectedException(number, "config block is for channel " + config.getChannelId()
                    + ", this ledger is channel " + channelId);
        }
        if (current != null) {
            java.time.Instant timestamp = java.time.Instant.ofEpochSecond(envelope.timestamp().getSeconds(),
                    envelope.timestamp().getNanos());
            BlockRejectedException problem = TransactionClock.at(timestamp, () -> {
                try {
                    checkUpdate(number, config, configEnvelope, envelope, current);
                    return null;
                } catch (BlockRejectedException e) {
                    return e;
                }
            });
            if (problem != null) {
                throw problem;
            }
        }
        try {
            return ChannelRules.of(config, number);
        } catch (MspConfigurationException e) {
            throw new BlockRejectedException(number, "unusable channel configuration: " + e.getMessage(), e);
        }
    }

    private static void checkUpdate(long number, ChannelConfig config, ConfigEnvelope configEnvelope,
            EnvelopeView envelope, ChannelRules current) throws BlockRejectedException {
        long expected = current.config().getSequence() + 1;
        if (config.getSequence() != expected) {
            throw new BlockRejectedException(number, "config sequence " + config.getSequence() + ", expected " + expected);
        }
        Identity orderer;
        try {
            orderer = current.msp().validate(envelope.header().creator().toByteArray());
        } catch (IdentityValidationException e) {
            throw new BlockRejectedException(number, "config envelope creator: " + e.getMessage(), e);
        }
        if (orderer.role() != Role.ORDERER || !orderer.verify(envelope.signedBytes(), envelope.signature())) {
            throw new BlockRejectedException(number, "config envelope is not signed by an orderer of the channel ("
                    + orderer + ")");
        }
        ConfigUpdateView update;
        try {
            update = ConfigBlocks.parseConfigUpdate(Envelope.parseFrom(configEnvelope.getLastUpdate()));
        } catch (InvalidProtocolBufferException e) {
            throw new BlockRejectedException(number, "ConfigEnvelope.last_update is not an Envelope", e);
        } catch (WireFormatException e) {
            throw new BlockRejectedException(number, "ConfigEnvelope.last_update: " + e.getMessage(), e);
        }
        if (update.configUpdate().getBaseSequence() != current.config().getSequence()
                || !update.configUpdate().getNewConfig().equals(config)) {
            throw new BlockRejectedException(number, "the config update in last_update (base sequence "
                    + update.configUpdate().getBaseSequence() + ") does not produce this configuration");
        }
        List<SignedData> signatures = new ArrayList<>();
        for (SignedContent signature : update.signatures()) {
            signatures.add(new SignedData(signature.dataBytes(), signature.identityBytes(), signature.signatureBytes()));
        }
        PolicyDecision admins = current.policies().evaluate(ChannelPolicies.ADMINS, signatures);
        if (!admins.satisfied()) {
            throw new BlockRejectedException(number, "config update not authorised: " + admins.reason());
        }
    }
}
