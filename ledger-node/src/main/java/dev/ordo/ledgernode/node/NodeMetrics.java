package dev.ordo.ledgernode.node;

import dev.ordo.ledgernode.channel.PeerChannel;
import dev.ordo.ledgernode.validate.ValidatedTransaction;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.TimeUnit;

/**
 * The node's Prometheus metrics: {@code ordo_ledger_height{channel}},
 * {@code ordo_transactions_total{channel,code}} (rate = tx/s by validation code),
 * {@code ordo_endorsement_seconds} and {@code ordo_block_commit_seconds{channel}}.
 */
public final class NodeMetrics {
    private final MeterRegistry registry;
    private final Timer endorsement;

    public NodeMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.endorsement = Timer.builder("ordo.endorsement")
                .description("time to check a proposal, run the contract and sign the result")
                .publishPercentileHistogram()
                .register(registry);
    }

    public void endorsed(long nanos) {
        endorsement.record(nanos, TimeUnit.NANOSECONDS);
    }

    /** A recorder of one channel's block commit latency. */
    public java.util.function.LongConsumer commitLatency(String channelId) {
        Timer timer = Timer.builder("ordo.block.commit")
                .description("time to validate and durably commit a block")
                .tag("channel", channelId)
                .publishPercentileHistogram()
                .register(registry);
        return nanos -> timer.record(nanos, TimeUnit.NANOSECONDS);
    }

    void bind(PeerChannel channel) {
        String id = channel.id();
        Gauge.builder("ordo.ledger.height", channel.ledger(), ledger -> ledger.height())
                .description("committed blocks of the channel")
                .tag("channel", id)
                .register(registry);
        channel.ledger().addListener((channelId, block) -> {
            for (ValidatedTransaction tx : block.transactions()) {
                Counter.builder("ordo.transactions")
                        .description("committed transactions by validation code")
                        .tag("channel", channelId)
                        .tag("code", tx.code().name())
                        .register(registry)
                        .increment();
            }
        });
    }
}
