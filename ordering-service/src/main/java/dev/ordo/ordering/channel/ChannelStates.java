package dev.ordo.ordering.channel;

import dev.ordo.ordering.blockstore.BlockStore;
import dev.ordo.ordering.blockstore.BlockStoreException;
import dev.ordo.proto.v1.ChannelConfig;
import dev.ordo.proto.wire.Blocks;
import dev.ordo.proto.wire.ConfigBlocks;
import dev.ordo.proto.wire.WireFormatException;
import org.hyperledger.fabric.protos.common.Block;

/** Rebuilds a channel's state from its stored chain: the tip and the newest config block. */
public final class ChannelStates {
  private ChannelStates() {
  }

  public static ChannelState load(String channelId, BlockStore store) {
    long height = store.height();
    if (height == 0) {
      throw new BlockStoreException("channel " + channelId + " has no genesis block", null);
    }
    Block tip = required(store, height - 1, channelId);
    try {
      long lastConfig = tip.getHeader().getNumber() == 0 ? 0 : Blocks.lastConfigIndex(tip);
      ChannelConfig config = ConfigBlocks.configOf(required(store, lastConfig, channelId));
      return ChannelState.of(height, Blocks.headerHash(tip.getHeader()), lastConfig, config);
    } catch (WireFormatException e) {
      throw new BlockStoreException("channel " + channelId + ": stored chain is unreadable: " + e.getMessage(), e);
    }
  }

  private static Block required(BlockStore store, long number, String channelId) {
    return store.block(number).orElseThrow(
        () -> new BlockStoreException("channel " + channelId + ": block " + number + " missing from the store", null));
  }
}
