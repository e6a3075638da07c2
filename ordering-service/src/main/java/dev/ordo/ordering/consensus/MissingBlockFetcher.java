package dev.ordo.ordering.consensus;

import dev.ordo.ordering.channel.OrderingChannel;
import java.util.concurrent.CompletableFuture;
import org.apache.ratis.protocol.RaftPeerId;
import org.apache.ratis.server.protocol.TermIndex;

/** Fetches blocks another orderer has and this one lacks because the leader purged its log. */
public interface MissingBlockFetcher {
  /**
   * Appends (through {@code appender}) the blocks produced by log entries before
   * {@code firstInLeaderLog}, and completes with the Raft term and index of the entry that
   * produced the last appended block, which must be at or after {@code firstInLeaderLog}.
   */
  CompletableFuture<TermIndex> fetchMissingBlocks(OrderingChannel channel, ChainAppender appender, RaftPeerId leader,
      TermIndex firstInLeaderLog);
}
