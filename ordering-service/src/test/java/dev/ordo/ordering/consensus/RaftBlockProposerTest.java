package dev.ordo.ordering.consensus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.ordo.ordering.cutter.BlockProposer;
import org.junit.jupiter.api.Test;

class RaftBlockProposerTest {
  /**
   * An orderer restarting from its disk starts the sequencers of its channels before it creates
   * its Raft server; until then a sequencer asking about leadership must hear "no group", not
   * fail (it used to log a NullPointerException every 200 ms of every restart).
   */
  @Test
  void beforeTheRaftServerExistsTheChannelHasNoGroup() {
    // The channel is not consulted while there is no server, so none is needed here.
    RaftBlockProposer proposer = new RaftBlockProposer(() -> null, null, 1 << 20);
    assertEquals(BlockProposer.Role.NO_GROUP, proposer.role());
    assertFalse(proposer.readyToPropose());
  }
}
