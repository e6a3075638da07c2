package dev.ordo.ledgernode.channel;

import java.util.Collection;
import java.util.Optional;

/** The channels this node has joined, by id. */
public interface ChannelDirectory {
    Optional<PeerChannel> channel(String channelId);

    Collection<PeerChannel> channels();
}
