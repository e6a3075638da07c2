package dev.ordo.membership.policy;

import java.util.Objects;

/**
 * The outcome of evaluating a policy: whether it is satisfied and, in either case, a reason a
 * log line or an error response can carry (which signers counted, which were refused and why).
 */
public record PolicyDecision(boolean satisfied, String reason) {
    public PolicyDecision {
        Objects.requireNonNull(reason, "reason");
    }

    public static PolicyDecision granted(String reason) {
        return new PolicyDecision(true, reason);
    }

    public static PolicyDecision denied(String reason) {
        return new PolicyDecision(false, reason);
    }
}
