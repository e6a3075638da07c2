package dev.ordo.ledgernode.channel;

import dev.ordo.ledgernode.ledger.ChannelLedger;
import dev.ordo.ledgernode.validate.ChannelRules;
import java.io.IOException;

/**
 * One channel this node has joined: its ledger, the waiters for new blocks and for committed
 * transactions. What the endorser, gateway, deliver and intake stages share about a channel.
 */
public final class PeerChannel implements AutoCloseable {
    private final ChannelLedger ledger;
    private final BlockArrivals arrivals;
    private final CommitNotifications commits;

    public PeerChannel(ChannelLedger ledger) {
        this.ledger = ledger;
        this.arrivals = new BlockArrivals(ledger);
        this.commits = new CommitNotifications(ledger);
    }

    public String id() {
        return ledger.channelId();
    }

    public ChannelLedger ledger() {
        return ledger;
    }

    /** The channel's current rules; the genesis block is always committed before a channel is published. */
    public ChannelRules rules() {
        return ledger.rules().orElseThrow(() -> new IllegalStateException("channel " + id() + " has no configuration"));
    }

    public BlockArrivals arrivals() {
        return arrivals;
    }

    public CommitNotifications commits() {
        return commits;
    }

    @Override
    public void close() throws IOException {
        arrivals.close();
        commits.close();
        ledger.close();
    }
}
