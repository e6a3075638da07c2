package dev.ordo.membership.policy;

import java.util.Objects;
import java.util.function.Supplier;

/**
 * The outcome of evaluating a policy: whether it is satisfied and, in either case, a reason a
 * log line or an error response can carry (which signers counted, which were refused and why).
 * The reason is written only when someone asks for it: Broadcast and block validation decide
 * on every envelope and read it almost only when a policy fails.
 */
public final class PolicyDecision {
    private final boolean satisfied;
    private Supplier<String> reasonSource;
    private String reason;

    public PolicyDecision(boolean satisfied, String reason) {
        this.satisfied = satisfied;
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    private PolicyDecision(boolean satisfied, Supplier<String> reasonSource) {
        this.satisfied = satisfied;
        this.reasonSource = Objects.requireNonNull(reasonSource, "reasonSource");
    }

    public static PolicyDecision granted(String reason) {
        return new PolicyDecision(true, reason);
    }

    public static PolicyDecision denied(String reason) {
        return new PolicyDecision(false, reason);
    }

    /** A decision whose reason is built on first use; the supplier must only read immutable state. */
    public static PolicyDecision deferred(boolean satisfied, Supplier<String> reason) {
        return new PolicyDecision(satisfied, reason);
    }

    public boolean satisfied() {
        return satisfied;
    }

    public synchronized String reason() {
        if (reason == null) {
            reason = Objects.requireNonNull(reasonSource.get(), "reason");
            reasonSource = null;
        }
        return reason;
    }

    @Override
    public String toString() {
        return "PolicyDecision[satisfied=" + satisfied + ", reason=" + reason() + "]";
    }
}
