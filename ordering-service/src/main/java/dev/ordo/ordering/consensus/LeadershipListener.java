package dev.ordo.ordering.consensus;

import dev.ordo.ordering.channel.OrderingChannel;
import org.apache.ratis.protocol.RaftPeerId;

/** Told when a channel's Raft leadership moves; the sequencer runs only on the leader. */
public interface LeadershipListener {
  /** @param leader the new leader, null when unknown; {@code self} when this orderer leads */
  void leaderChanged(OrderingChannel channel, RaftPeerId leader, boolean self);

  /** This orderer leads and has committed an entry of its term: its chain state is current. */
  void leaderReady(OrderingChannel channel);
}
