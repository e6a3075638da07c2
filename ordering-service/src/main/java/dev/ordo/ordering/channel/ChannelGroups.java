package dev.ordo.ordering.channel;

import dev.ordo.proto.v1.Consenter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import org.apache.ratis.protocol.RaftGroup;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.protocol.RaftPeer;
import org.apache.ratis.protocol.RaftPeerId;

/**
 * Maps a channel onto its Ratis group: the group id is derived from the channel id alone (so
 * every orderer computes the same one), the peers are the channel's consenters.
 */
public final class ChannelGroups {
  private ChannelGroups() {
  }

  public static RaftGroupId groupIdOf(String channelId) {
    return RaftGroupId.valueOf(UUID.nameUUIDFromBytes(("ordo-channel/" + channelId).getBytes(StandardCharsets.UTF_8)));
  }

  public static RaftPeer peerOf(Consenter consenter) {
    return RaftPeer.newBuilder()
        .setId(RaftPeerId.valueOf(consenter.getId()))
        .setAddress(consenter.getRaftEndpoint().getHost() + ":" + consenter.getRaftEndpoint().getPort())
        .build();
  }

  public static List<RaftPeer> peersOf(List<Consenter> consenters) {
    return consenters.stream().map(ChannelGroups::peerOf).toList();
  }

  public static RaftGroup groupOf(String channelId, List<Consenter> consenters) {
    return RaftGroup.valueOf(groupIdOf(channelId), peersOf(consenters));
  }
}
