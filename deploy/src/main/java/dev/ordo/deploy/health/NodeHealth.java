package dev.ordo.deploy.health;

import java.util.Map;
import java.util.Optional;

/**
 * What a node's operations endpoint ({@code /actuator/health}) said.
 *
 * @param status {@code UP}, {@code DOWN}, ... or {@code UNREACHABLE} when nothing answered
 * @param channelHeights the height of each channel the node reports
 * @param problem why the probe failed, if it did
 */
public record NodeHealth(String status, Map<String, Long> channelHeights, Optional<String> problem) {
    public static final String UP = "UP";
    public static final String UNREACHABLE = "UNREACHABLE";

    public NodeHealth {
        channelHeights = Map.copyOf(channelHeights);
    }

    static NodeHealth unreachable(String problem) {
        return new NodeHealth(UNREACHABLE, Map.of(), Optional.of(problem));
    }

    public boolean isUp() {
        return UP.equals(status);
    }

    /** The channel's height, if the node reported one. */
    public Optional<Long> height(String channelId) {
        return Optional.ofNullable(channelHeights.get(channelId));
    }
}
