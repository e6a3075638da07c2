package dev.ordo.ordering.consensus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import org.apache.ratis.conf.RaftProperties;
import org.apache.ratis.server.RaftServerConfigKeys;
import org.junit.jupiter.api.Test;

class OrdererRaftServerPropertiesTest {
  @Test
  void logMemoryPerGroupFollowsTheSettingsNotRatissDefaults() {
    Path dir = Path.of("unused");
    RaftSettings settings = new RaftSettings("orderer0", "127.0.0.1", 7051, dir,
        new RaftSettings.TlsFiles(dir, dir, dir), 1000, 16 << 20, Duration.ofMillis(150), Duration.ofMillis(300),
        8L << 20, 12L << 20);
    RaftProperties p = OrdererRaftServer.properties(settings);
    assertEquals(8L << 20, RaftServerConfigKeys.Log.segmentSizeMax(p).getSize());
    assertEquals(12L << 20, RaftServerConfigKeys.Log.segmentCacheSizeMax(p).getSize());
    assertEquals(2, RaftServerConfigKeys.Log.segmentCacheNumMax(p));
    assertTrue(RaftServerConfigKeys.Log.StateMachineData.cachingEnabled(p),
        "the proposals are state machine data that ChannelStateMachine caches, not Ratis's log cache");
    assertEquals((16L << 20) + (1 << 20), RaftServerConfigKeys.Log.writeBufferSize(p).getSize(),
        "the write buffer must take the largest entry");
  }
}
