package dev.ordo.membership.policy;

import dev.ordo.membership.identity.Identity;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * Decides whether a set of distinct, already validated signers satisfies a
 * {@link SignaturePolicy}, each signer standing for at most one principal.
 *
 * <p>The search assigns signers to principals with backtracking, so an identity that could
 * satisfy two principals is tried for each in turn and never counted twice (in
 * {@code AND('A.member','A.peer')} one peer satisfies only one of the two). Only signers
 * that match some principal take part; at most {@value #MAX_SIGNERS} of them are considered
 * and the search gives up (not satisfied) after {@value #MAX_STEPS} steps, which bounds the
 * work a hostile signature set can cause. Stateless and thread-safe.
 */
public final class SignaturePolicyEvaluator {
    static final int MAX_SIGNERS = 64;
    static final int MAX_STEPS = 1_000_000;

    private SignaturePolicyEvaluator() {
    }

    /** Whether distinct {@code signers} satisfy {@code policy}. Duplicates are counted once. */
    public static boolean satisfiedBy(SignaturePolicy policy, List<Identity> signers) {
        if (policy instanceof SignaturePolicy.SignedBy principal) {
            // One principal (every organisation's default Readers/Writers/Admins): no search needed.
            for (Identity signer : signers) {
                if (principal.matches(signer)) {
                    return true;
                }
            }
            return false;
        }
        List<Identity> relevant = new ArrayList<>();
        List<SignaturePolicy.SignedBy> principals = new ArrayList<>();
        collectPrincipals(policy, principals);
        for (Identity signer : new LinkedHashSet<>(signers)) {
            if (relevant.size() == MAX_SIGNERS) {
                break;
            }
            for (SignaturePolicy.SignedBy principal : principals) {
                if (principal.matches(signer)) {
                    relevant.add(signer);
                    break;
                }
            }
        }
        return new Search(relevant).satisfy(policy, 0L, used -> true);
    }

    private static void collectPrincipals(SignaturePolicy policy, List<SignaturePolicy.SignedBy> out) {
        if (policy instanceof SignaturePolicy.SignedBy signedBy) {
            out.add(signedBy);
        } else if (policy instanceof SignaturePolicy.NOutOf nOutOf) {
            for (SignaturePolicy rule : nOutOf.rules()) {
                collectPrincipals(rule, out);
            }
        }
    }

    /** What remains to be satisfied once some signers are used. */
    @FunctionalInterface
    private interface Continuation {
        boolean accept(long used);
    }

    /** One backtracking search; {@code used} is a bit mask over {@code signers}. */
    private static final class Search {
        private final List<Identity> signers;
        private int steps;

        Search(List<Identity> signers) {
            this.signers = signers;
        }

        boolean satisfy(SignaturePolicy policy, long used, Continuation next) {
            if (++steps > MAX_STEPS) {
                return false;
            }
            if (policy instanceof SignaturePolicy.SignedBy principal) {
                for (int i = 0; i < signers.size(); i++) {
                    long bit = 1L << i;
                    if ((used & bit) == 0 && principal.matches(signers.get(i)) && next.accept(used | bit)) {
                        return true;
                    }
                }
                return false;
            }
            SignaturePolicy.NOutOf nOutOf = (SignaturePolicy.NOutOf) policy;
            return pick(nOutOf.rules(), 0, nOutOf.n(), used, next);
        }

        /** Satisfies {@code needed} of {@code rules[index..]}, then the continuation. */
        private boolean pick(List<SignaturePolicy> rules, int index, int needed, long used, Continuation next) {
            if (needed == 0) {
                return next.accept(used);
            }
            if (rules.size() - index < needed || ++steps > MAX_STEPS) {
                return false;
            }
            if (satisfy(rules.get(index), used, after -> pick(rules, index + 1, needed - 1, after, next))) {
                return true;
            }
            return pick(rules, index + 1, needed, used, next);
        }
    }
}
