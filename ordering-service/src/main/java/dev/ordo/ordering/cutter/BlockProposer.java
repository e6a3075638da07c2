package dev.ordo.ordering.cutter;

import dev.ordo.proto.v1.BlockProposal;
import java.util.concurrent.CompletableFuture;

/** Puts one block proposal into the channel's Raft log (consensus implements it). */
public interface BlockProposer {
  /**
   * Completes with the block number once the entry is committed and applied here; fails
   * when it was not (lost leadership, stale proposal...), with a message a person understands.
   */
  CompletableFuture<Long> propose(BlockProposal proposal);

  /** True when this orderer leads the channel and has applied everything committed so far. */
  boolean readyToPropose();

  /** This orderer's role in the channel's consensus group as the consensus layer sees it now. */
  Role role();

  /** A member's role; NO_GROUP while the group is not (or no longer) running here. */
  enum Role { LEADER, NOT_LEADER, NO_GROUP }
}
