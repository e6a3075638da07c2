package dev.ordo.ordering.config;

import dev.ordo.ordering.OrdererNode;
import dev.ordo.ordering.channel.ChannelRuntime;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;

/** Up only when every channel of this orderer knows its Raft leader. */
@Component("ordering")
public class LeaderHealthIndicator implements HealthIndicator {
  private final OrdererNode node;

  public LeaderHealthIndicator(OrdererNode node) {
    this.node = node;
  }

  @Override
  public Health health() {
    Map<String, Object> leaders = new LinkedHashMap<>();
    boolean allKnown = true;
    for (ChannelRuntime runtime : node.channels()) {
      if (runtime.channel().isEvicted()) {
        // Not ordered here any more: no leader to know, nothing to be unhealthy about.
        leaders.put(runtime.channel().id(), Map.of("evicted", true, "height", runtime.channel().height()));
        continue;
      }
      var leader = node.leaderOf(runtime);
      allKnown &= leader.isPresent();
      leaders.put(runtime.channel().id(), Map.of(
          "leader", leader.map(Object::toString).orElse("unknown"),
          "height", runtime.channel().height(),
          "self", node.isLeader(runtime)));
    }
    Health.Builder health = allKnown ? Health.up() : Health.down();
    return health.withDetail("orderer", node.ordererId()).withDetail("channels", leaders).build();
  }
}
