package dev.ordo.ordering.consensus;

import dev.ordo.ordering.channel.OrderingChannel;
import dev.ordo.proto.v1.ChannelConfig;

/** Told, on the apply thread, when a config block has been applied (must not block). */
public interface ConfigChangeListener {
  void configApplied(OrderingChannel channel, ChannelConfig previous, ChannelConfig current);
}
