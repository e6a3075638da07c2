package dev.ordo.ordering.broadcast;

import dev.ordo.ordering.channel.ChannelRuntime;
import dev.ordo.proto.v1.ConfigUpdate;
import org.hyperledger.fabric.protos.common.Status;

/**
 * The outcome of Broadcast's checks on one envelope: accepted for a channel (with the parsed
 * config update for a CONFIG_UPDATE), or rejected with a status and a reason.
 */
public record Admission(ChannelRuntime channel, ConfigUpdate configUpdate, Status status, String reason) {

  public static Admission accepted(ChannelRuntime channel, ConfigUpdate configUpdate) {
    return new Admission(channel, configUpdate, Status.SUCCESS, null);
  }

  public static Admission rejected(Status status, String reason) {
    return new Admission(null, null, status, reason);
  }

  public boolean isAccepted() {
    return status == Status.SUCCESS;
  }
}
