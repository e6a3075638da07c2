package dev.ordo.ordering.cutter;

import com.google.protobuf.ByteString;
import dev.ordo.proto.v1.ConfigUpdate;

/** Wraps an accepted config update into the signed CONFIG envelope the leader proposes. */
public interface ConfigEnvelopeFactory {
  ByteString configEnvelope(ConfigUpdate update, ByteString configUpdateEnvelope);
}
