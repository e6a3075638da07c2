package dev.ordo.ordering.consensus;

import dev.ordo.ordering.channel.OrderingChannel;
import dev.ordo.ordering.cutter.BlockProposer;
import dev.ordo.proto.v1.BlockProposal;
import dev.ordo.proto.v1.OrderingLogEntry;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.apache.ratis.protocol.Message;
import org.apache.ratis.server.RaftServer;
import org.apache.ratis.thirdparty.com.google.protobuf.UnsafeByteOperations;

/** Proposes blocks of one channel through this orderer's Raft server (the leader). */
public final class RaftBlockProposer implements BlockProposer {
  private final Supplier<OrdererRaftServer> raft;
  private final OrderingChannel channel;
  private final int maxEntryBytes;

  public RaftBlockProposer(Supplier<OrdererRaftServer> raft, OrderingChannel channel, int maxEntryBytes) {
    this.raft = raft;
    this.channel = channel;
    this.maxEntryBytes = maxEntryBytes;
  }

  @Override
  public CompletableFuture<Long> propose(BlockProposal proposal) {
    byte[] entry = OrderingLogEntry.newBuilder().setBlock(proposal).build().toByteArray();
    if (entry.length > maxEntryBytes) {
      // Ratis would make the leader step down on an entry over its byte limit (RATIS-NOTES).
      return CompletableFuture.failedFuture(new IllegalStateException("block " + proposal.getNumber() + " is "
          + entry.length + " bytes, over the Raft entry limit of " + maxEntryBytes + " bytes"));
    }
    return raft.get().submit(channel.groupId(), Message.valueOf(UnsafeByteOperations.unsafeWrap(entry)))
        .thenApply(reply -> {
          if (!reply.isSuccess()) {
            throw new IllegalStateException(reply.getNotLeaderException() != null
                ? "this orderer is no longer the Raft leader" : String.valueOf(reply.getException()));
          }
          ApplyResult result = ApplyResult.fromMessage(reply.getMessage());
          if (!result.isApplied()) {
            throw new IllegalStateException(result.ignoredBecause());
          }
          return result.blockNumber();
        });
  }

  @Override
  public boolean readyToPropose() {
    RaftServer.Division division = division();
    if (division == null || !division.getInfo().isLeader() || !division.getInfo().isLeaderReady()) {
      return false;
    }
    return division.getInfo().getLastAppliedIndex() >= division.getRaftLog().getLastCommittedIndex();
  }

  @Override
  public Role role() {
    RaftServer.Division division = division();
    if (division == null || !division.getInfo().isAlive()) {
      return Role.NO_GROUP;
    }
    return division.getInfo().isLeader() ? Role.LEADER : Role.NOT_LEADER;
  }

  /**
   * This channel's Raft division, or null while there is none: the group is not added yet, or
   * the Raft server is not created yet (an orderer registers the channels it finds on disk, and
   * starts their sequencers, before it creates the server that will load their groups).
   */
  private RaftServer.Division division() {
    OrdererRaftServer server = raft.get();
    return server == null ? null : server.division(channel.groupId());
  }
}
