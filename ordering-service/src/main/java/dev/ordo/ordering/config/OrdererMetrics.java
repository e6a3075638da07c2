package dev.ordo.ordering.config;

import dev.ordo.ordering.OrdererNode;
import dev.ordo.ordering.channel.ChannelRuntime;
import dev.ordo.ordering.cutter.ChannelSequencer;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;
import org.apache.ratis.server.RaftServer;

/**
 * Prometheus metrics of the orderer: blocks cut and envelopes ordered (rate = tx/s), block
 * propose-to-apply latency, and per channel the chain height, Raft term, whether this orderer
 * leads, the last applied log index and the apply lag (committed minus applied).
 */
public final class OrdererMetrics implements ChannelSequencer.SequencerMetrics {
  private final MeterRegistry registry;
  private final Counter blocks;
  private final Counter envelopes;
  private final DistributionSummary blockSize;
  private final Timer latency;
  private final Set<String> bound = ConcurrentHashMap.newKeySet();

  public OrdererMetrics(MeterRegistry registry) {
    this.registry = registry;
    this.blocks = Counter.builder("ordo.orderer.blocks.cut").description("blocks proposed and applied").register(registry);
    this.envelopes = Counter.builder("ordo.orderer.envelopes.ordered").description("envelopes acknowledged SUCCESS")
        .register(registry);
    this.blockSize = DistributionSummary.builder("ordo.orderer.block.envelopes").description("envelopes per block")
        .register(registry);
    this.latency = Timer.builder("ordo.orderer.block.latency").description("block proposal to applied on the leader")
        .publishPercentiles(0.5, 0.99).register(registry);
  }

  @Override
  public void blockCut(int envelopeCount, long bytes, long proposeToApplyNanos) {
    blocks.increment();
    envelopes.increment(envelopeCount);
    blockSize.record(envelopeCount);
    latency.record(proposeToApplyNanos, TimeUnit.NANOSECONDS);
  }

  /** Registers the per-channel gauges of channels not seen before. */
  public void bindChannels(OrdererNode node) {
    for (ChannelRuntime runtime : node.channels()) {
      String channel = runtime.channel().id();
      if (!bound.add(channel)) {
        continue;
      }
      gauge("ordo.orderer.chain.height", channel, node, n -> n.channel(channel).map(r -> (double) r.channel().height())
          .orElse(Double.NaN));
      gauge("ordo.orderer.raft.term", channel, node, n -> division(n, channel, d -> d.getInfo().getCurrentTerm()));
      gauge("ordo.orderer.raft.leader", channel, node, n -> division(n, channel, d -> d.getInfo().isLeader() ? 1 : 0));
      gauge("ordo.orderer.raft.applied.index", channel, node,
          n -> division(n, channel, d -> d.getInfo().getLastAppliedIndex()));
      gauge("ordo.orderer.raft.apply.lag", channel, node, n -> division(n, channel,
          d -> d.getRaftLog().getLastCommittedIndex() - d.getInfo().getLastAppliedIndex()));
    }
  }

  private void gauge(String name, String channel, OrdererNode node, ToDoubleFunction<OrdererNode> value) {
    Gauge.builder(name, node, value).tag("channel", channel).register(registry);
  }

  private static double division(OrdererNode node, String channel, ToDoubleFunction<RaftServer.Division> value) {
    return node.channel(channel)
        .map(r -> node.raft().division(r.channel().groupId()))
        .map(value::applyAsDouble)
        .orElse(Double.NaN);
  }
}
