package dev.ordo.ordering.channel;

import com.google.protobuf.ByteString;
import dev.ordo.membership.msp.ChannelMsp;
import dev.ordo.membership.policy.ChannelPolicies;
import dev.ordo.ordering.cutter.BatchLimits;
import dev.ordo.proto.v1.ChannelConfig;

/**
 * What an orderer knows about one channel after applying its chain up to {@code height}: the
 * head of the hash chain and the configuration in force, with the policies built from it.
 *
 * @param height number of blocks in the chain (the number of the next block)
 * @param lastHeaderHash header hash of block {@code height - 1}
 * @param lastConfigNumber number of the newest config block
 */
public record ChannelState(long height, ByteString lastHeaderHash, long lastConfigNumber, ChannelConfig config,
    ChannelMsp msp, ChannelPolicies policies, BatchLimits limits) {

  /** The state with a configuration (policies and limits derived from it). */
  public static ChannelState of(long height, ByteString lastHeaderHash, long lastConfigNumber, ChannelConfig config) {
    ChannelMsp msp = ChannelMsp.of(config.getOrganizationsList());
    return new ChannelState(height, lastHeaderHash, lastConfigNumber, config, msp, ChannelPolicies.of(config, msp),
        BatchLimits.of(config.getOrdering()));
  }

  /** The state after appending a block that does not change the configuration. */
  public ChannelState next(ByteString headerHash) {
    return new ChannelState(height + 1, headerHash, lastConfigNumber, config, msp, policies, limits);
  }
}
