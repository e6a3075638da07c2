package dev.ordo.deploy.health;

import java.util.Map;
import java.util.Optional;

/**
 * What a node's operations endpoint ({@code /actuator/health}) said.
 *
 * @param status {@code UP}, {@code DOWN}, ... or {@code UNREACHABLE} when nothing answered
 * @param channelHeights the height of each channel the node reports
 * @param channelStateHashes the world state hash (hex) at that height, for each channel a ledger
 *     node reports (orderers keep no world state)
 * @param problem why the probe failed, if it did
 */
public record NodeHealth(String status, Map<String, Long> channelHeights, Map<String, String> channelStateHashes,
        Optional<String> problem) {
    public static final String UP = "UP";
    public static final String UNREACHABLE = "UNREACHABLE";

    public NodeHealth {
        channelHeights = Map.copyOf(channelHeights);
        channelStateHashes = Map.copyOf(channelStateHashes);
    }

    /** A node that is not running. */
    public static NodeHealth stopped() {
        return new NodeHealth("STOPPED", Map.of(), Map.of(), Optional.empty());
    }

    static NodeHealth unreachable(String problem) {
        return new NodeHealth(UNREACHABLE, Map.of(), Map.of(), Optional.of(problem));
    }

    public boolean isUp() {
        return UP.equals(status);
    }

    /** The channel's height, if the node reported one. */
    public Optional<Long> height(String channelId) {
        return Optional.ofNullable(channelHeights.get(channelId));
    }

    /** The channel's state hash (hex) at {@link #height}, if the node reported one. */
    public Optional<String> stateHash(String channelId) {
        return Optional.ofNullable(channelStateHashes.get(channelId));
    }
}
