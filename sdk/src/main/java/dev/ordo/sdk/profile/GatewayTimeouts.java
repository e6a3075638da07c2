package dev.ordo.sdk.profile;

import java.time.Duration;
import java.util.Objects;

/**
 * Deadlines of the four Gateway calls a transaction makes. The defaults are those of the
 * Fabric Gateway samples: evaluate 5 s, endorse 15 s, submit 5 s, commit status 1 min (the
 * commit-status call waits for the block, so it is the longest).
 *
 * @param evaluate deadline of an Evaluate call
 * @param endorse deadline of an Endorse call
 * @param submit deadline of a Submit call
 * @param commitStatus deadline of a CommitStatus call
 */
public record GatewayTimeouts(Duration evaluate, Duration endorse, Duration submit, Duration commitStatus) {
    /** Fabric's sample defaults. */
    public static final GatewayTimeouts DEFAULTS = new GatewayTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(15),
            Duration.ofSeconds(5), Duration.ofMinutes(1));

    /** @throws IllegalArgumentException if a deadline is not positive */
    public GatewayTimeouts {
        requirePositive(evaluate, "evaluate");
        requirePositive(endorse, "endorse");
        requirePositive(submit, "submit");
        requirePositive(commitStatus, "commitStatus");
    }

    public GatewayTimeouts withEvaluate(Duration timeout) {
        return new GatewayTimeouts(timeout, endorse, submit, commitStatus);
    }

    public GatewayTimeouts withEndorse(Duration timeout) {
        return new GatewayTimeouts(evaluate, timeout, submit, commitStatus);
    }

    public GatewayTimeouts withSubmit(Duration timeout) {
        return new GatewayTimeouts(evaluate, endorse, timeout, commitStatus);
    }

    public GatewayTimeouts withCommitStatus(Duration timeout) {
        return new GatewayTimeouts(evaluate, endorse, submit, timeout);
    }

    private static void requirePositive(Duration timeout, String name) {
        Objects.requireNonNull(timeout, name);
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException(name + " timeout must be positive, was " + timeout);
        }
    }
}
