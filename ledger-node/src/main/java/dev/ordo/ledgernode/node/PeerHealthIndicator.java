package dev.ordo.ledgernode.node;

import dev.ordo.ledgernode.channel.PeerChannel;
import dev.ordo.ledgernode.ledger.LedgerTip;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;

/** Up when every joined channel's ledger is open and its block intake is connected to an orderer. */
public final class PeerHealthIndicator implements HealthIndicator {
    private final Channels channels;

    public PeerHealthIndicator(Channels channels) {
        this.channels = channels;
    }

    @Override
    public Health health() {
        boolean up = true;
        Map<String, Object> details = new LinkedHashMap<>();
        for (PeerChannel channel : channels.channels()) {
            boolean connected = channels.intakeConnected(channel.id());
            up &= connected;
            LedgerTip tip = channel.ledger().tip();
            details.put(channel.id(), Map.of(
                    "height", tip.height(),
                    "stateHash", tip.stateHash().hex(),
                    "intake", connected ? "connected to " + channels.intakeOrderer(channel.id()).orElse("?")
                            : "not connected"));
        }
        return (up ? Health.up() : Health.down()).withDetails(details).build();
    }
}
