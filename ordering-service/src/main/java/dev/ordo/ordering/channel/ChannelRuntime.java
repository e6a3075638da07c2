package dev.ordo.ordering.channel;

import dev.ordo.ordering.consensus.ChainAppender;
import dev.ordo.ordering.consensus.ChannelStateMachine;
import dev.ordo.ordering.cutter.ChannelSequencer;
import org.apache.ratis.protocol.RaftPeerId;

/** Everything this orderer runs for one channel. */
public final class ChannelRuntime implements AutoCloseable {
  private final OrderingChannel channel;
  private final ChainAppender appender;
  private final ChannelStateMachine stateMachine;
  private final ChannelSequencer sequencer;
  private volatile RaftPeerId leader;

  public ChannelRuntime(OrderingChannel channel, ChainAppender appender, ChannelStateMachine stateMachine,
      ChannelSequencer sequencer) {
    this.channel = channel;
    this.appender = appender;
    this.stateMachine = stateMachine;
    this.sequencer = sequencer;
  }

  public OrderingChannel channel() {
    return channel;
  }

  public ChainAppender appender() {
    return appender;
  }

  public ChannelStateMachine stateMachine() {
    return stateMachine;
  }

  public ChannelSequencer sequencer() {
    return sequencer;
  }

  /** The Raft leader this orderer last heard of, or null. */
  public RaftPeerId leader() {
    return leader;
  }

  public void setLeader(RaftPeerId leader) {
    this.leader = leader;
  }

  @Override
  public void close() {
    sequencer.close();
    channel.close();
  }
}
