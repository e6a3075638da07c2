package dev.ordo.ordering.broadcast;

import com.google.protobuf.ByteString;
import dev.ordo.membership.msp.IdentityValidationException;
import dev.ordo.membership.policy.ChannelPolicies;
import dev.ordo.membership.policy.PolicyDecision;
import dev.ordo.membership.policy.SignedData;
import dev.ordo.ordering.OrdererNode;
import dev.ordo.ordering.channel.ChannelRuntime;
import dev.ordo.ordering.channel.ChannelState;
import dev.ordo.proto.v1.ConfigUpdate;
import dev.ordo.proto.wire.ConfigBlocks;
import dev.ordo.proto.wire.ConfigUpdateView;
import dev.ordo.proto.wire.EnvelopeView;
import dev.ordo.proto.wire.SignedContent;
import dev.ordo.proto.wire.TxIds;
import dev.ordo.proto.wire.WireFormatException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.HeaderType;
import org.hyperledger.fabric.protos.common.Status;

/**
 * Broadcast's checks on one envelope, in Fabric's order: it parses, names an existing channel,
 * fits the channel's size limit, has an acceptable type, a timestamp within the window and a
 * well-formed tx id, a creator valid in the channel's MSP whose signature verifies and who
 * satisfies the channel's Writers policy; a CONFIG_UPDATE must also be based on the current
 * config, produce a valid configuration and satisfy the Admins policy.
 */
public final class EnvelopeAdmission {
  private final OrdererNode node;
  private final Duration timestampWindow;
  private final Clock clock;

  public EnvelopeAdmission(OrdererNode node, Duration timestampWindow, Clock clock) {
    this.node = node;
    this.timestampWindow = timestampWindow;
    this.clock = clock;
  }

  /** Checks one envelope as received (its marshalled bytes, which are what gets ordered). */
  public Admission check(ByteString received) {
    EnvelopeView view;
    try {
      view = EnvelopeView.parseSharing(received);
    } catch (WireFormatException e) {
      return Admission.rejected(Status.BAD_REQUEST, "malformed envelope: " + e.getMessage());
    }
    Optional<ChannelRuntime> found = node.channel(view.channelId());
    if (found.isEmpty()) {
      return Admission.rejected(Status.NOT_FOUND, "channel '" + view.channelId() + "' does not exist on this orderer");
    }
    ChannelRuntime channel = found.get();
    ChannelState state = channel.channel().state();
    int size = received.size();
    long limit = maxEnvelopeBytes(state);
    if (size > limit) {
      return Admission.rejected(Status.REQUEST_ENTITY_TOO_LARGE, "message payload is " + size
          + " bytes and exceeds maximum allowed " + limit + " bytes of channel '" + view.channelId() + "'");
    }
    HeaderType type = view.headerType();
    if (type != HeaderType.ENDORSER_TRANSACTION && type != HeaderType.MESSAGE && type != HeaderType.CONFIG_UPDATE) {
      return Admission.rejected(Status.BAD_REQUEST, "envelopes of type " + type + " are not accepted by Broadcast"
          + (type == HeaderType.CONFIG ? " (submit a CONFIG_UPDATE; the orderer writes CONFIG envelopes)" : ""));
    }
    Instant timestamp = view.header().timestampInstant();
    Instant now = clock.instant();
    if (timestamp.isBefore(now.minus(timestampWindow)) || timestamp.isAfter(now.plus(timestampWindow))) {
      return Admission.rejected(Status.BAD_REQUEST, "envelope timestamp " + timestamp + " is more than "
          + timestampWindow.toMinutes() + " minutes away from the orderer's time " + now);
    }
    if (!view.txId().isEmpty() && !TxIds.isWellFormed(view.txId())) {
      return Admission.rejected(Status.BAD_REQUEST, "tx id '" + abbreviate(view.txId())
          + "' is not 64 lowercase hex characters");
    }
    try {
      state.msp().validate(view.creator());
    } catch (IdentityValidationException e) {
      return Admission.rejected(Status.FORBIDDEN, "creator of tx '" + view.txId() + "' is not valid in channel '"
          + view.channelId() + "': " + e.getMessage());
    }
    SignedContent signed = view.signedContent();
    PolicyDecision writers = state.policies().evaluate(ChannelPolicies.WRITERS, List.of(signedData(signed)));
    if (!writers.satisfied()) {
      return Admission.rejected(Status.FORBIDDEN, "envelope of tx '" + view.txId()
          + "' does not satisfy the Writers policy of channel '" + view.channelId() + "': " + writers.reason());
    }
    if (type == HeaderType.CONFIG_UPDATE) {
      return checkConfigUpdate(view.envelope(), channel, state);
    }
    return Admission.accepted(channel, null);
  }

  private Admission checkConfigUpdate(Envelope envelope, ChannelRuntime channel, ChannelState state) {
    ConfigUpdateView update;
    try {
      update = ConfigBlocks.parseConfigUpdate(envelope);
    } catch (WireFormatException e) {
      return Admission.rejected(Status.BAD_REQUEST, "malformed config update: " + e.getMessage());
    }
    ConfigUpdate configUpdate = update.configUpdate();
    long current = state.config().getSequence();
    if (configUpdate.getBaseSequence() != current) {
      return Admission.rejected(Status.BAD_REQUEST, "config update is based on sequence "
          + configUpdate.getBaseSequence() + " but channel '" + channel.channel().id() + "' is at sequence " + current);
    }
    try {
      ChannelState.of(state.height(), state.lastHeaderHash(), state.lastConfigNumber(), configUpdate.getNewConfig());
    } catch (RuntimeException e) {
      return Admission.rejected(Status.BAD_REQUEST, "the new configuration is not valid: " + e.getMessage());
    }
    if (configUpdate.getNewConfig().getOrdering().getConsentersCount() == 0) {
      return Admission.rejected(Status.BAD_REQUEST, "the new configuration has no consenters");
    }
    List<SignedData> signatures = update.signatures().stream().map(EnvelopeAdmission::signedData).toList();
    PolicyDecision admins = state.policies().evaluate(ChannelPolicies.ADMINS, signatures);
    if (!admins.satisfied()) {
      return Admission.rejected(Status.FORBIDDEN, "config update does not satisfy the Admins policy of channel '"
          + channel.channel().id() + "': " + admins.reason());
    }
    return Admission.accepted(channel, configUpdate);
  }

  /** The largest envelope the channel accepts: max_envelope_bytes, else absolute_max_bytes. */
  static long maxEnvelopeBytes(ChannelState state) {
    long configured = Integer.toUnsignedLong(state.config().getOrdering().getMaxEnvelopeBytes());
    return configured > 0 ? Math.min(configured, state.limits().absoluteMaxBytes()) : state.limits().absoluteMaxBytes();
  }

  static SignedData signedData(SignedContent content) {
    return new SignedData(content.dataBytes(), content.identityBytes(), content.signatureBytes());
  }

  private static String abbreviate(String value) {
    return value.length() <= 80 ? value : value.substring(0, 80) + "…";
  }

}
