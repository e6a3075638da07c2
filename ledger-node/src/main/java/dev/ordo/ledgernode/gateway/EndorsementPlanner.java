package dev.ordo.ledgernode.gateway;

import dev.ordo.ledgernode.validate.ChannelRules;
import dev.ordo.membership.identity.Role;
import dev.ordo.membership.policy.PolicyParser;
import dev.ordo.membership.policy.PolicySyntaxException;
import dev.ordo.membership.policy.SignaturePolicy;
import dev.ordo.proto.v1.ImplicitMetaPolicy;
import dev.ordo.proto.v1.Policy;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Chooses which organisations' peers endorse a proposal: the smallest set of organisations
 * (one peer each) whose peers together satisfy the endorsement policy, preferring
 * organisations earlier in the candidate list (the gateway's own organisation first).
 * Signature policies count a principal {@code Org.peer} or {@code Org.member} as met by a peer
 * of that organisation; ImplicitMeta policies count organisations whose own sub-policy is met.
 */
final class EndorsementPlanner {
    /** Beyond this many candidate organisations the search only tries prefixes of the list. */
    private static final int EXHAUSTIVE_LIMIT = 12;

    private EndorsementPlanner() {
    }

    /** The organisations to ask, in candidate order, or empty if no subset of candidates suffices. */
    static Optional<List<String>> plan(Policy policy, ChannelRules rules, List<String> candidates) {
        int n = candidates.size();
        if (n <= EXHAUSTIVE_LIMIT) {
            for (int size = 1; size <= n; size++) {
                Optional<List<String>> found = firstOfSize(policy, rules, candidates, size, 0, new ArrayList<>());
                if (found.isPresent()) {
                    return found;
                }
            }
            return Optional.empty();
        }
        for (int size = 1; size <= n; size++) {
            List<String> prefix = candidates.subList(0, size);
            if (satisfied(policy, rules, new HashSet<>(prefix))) {
                return Optional.of(List.copyOf(prefix));
            }
        }
        return Optional.empty();
    }

    private static Optional<List<String>> firstOfSize(Policy policy, ChannelRules rules, List<String> candidates,
            int size, int from, List<String> chosen) {
        if (chosen.size() == size) {
            return satisfied(policy, rules, new HashSet<>(chosen)) ? Optional.of(List.copyOf(chosen)) : Optional.empty();
        }
        for (int i = from; i <= candidates.size() - (size - chosen.size()); i++) {
            chosen.add(candidates.get(i));
            Optional<List<String>> found = firstOfSize(policy, rules, candidates, size, i + 1, chosen);
            chosen.remove(chosen.size() - 1);
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }

    static boolean satisfied(Policy policy, ChannelRules rules, Set<String> orgs) {
        switch (policy.getTypeCase()) {
            case SIGNATURE -> {
                try {
                    return satisfied(PolicyParser.parse(policy.getSignature()), orgs);
                } catch (PolicySyntaxException e) {
                    return false;
                }
            }
            case IMPLICIT_META -> {
                ImplicitMetaPolicy meta = policy.getImplicitMeta();
                Collection<String> all = rules.msp().mspIds();
                int needed = switch (meta.getRule()) {
                    case ANY -> 1;
                    case ALL -> all.size();
                    case MAJORITY -> all.size() / 2 + 1;
                    default -> Integer.MAX_VALUE;
                };
                int met = 0;
                for (String mspId : all) {
                    Optional<SignaturePolicy> sub = rules.policies().organizationPolicy(mspId, meta.getSubPolicy());
                    if (sub.isPresent() && satisfied(sub.get(), orgs)) {
                        met++;
                    }
                }
                return met >= needed;
            }
            default -> {
                return false;
            }
        }
    }

    private static boolean satisfied(SignaturePolicy policy, Set<String> orgs) {
        if (policy instanceof SignaturePolicy.SignedBy signedBy) {
            return orgs.contains(signedBy.mspId()) && signedBy.role().admits(Role.PEER);
        }
        SignaturePolicy.NOutOf outOf = (SignaturePolicy.NOutOf) policy;
        int met = 0;
        for (SignaturePolicy rule : outOf.rules()) {
            if (satisfied(rule, orgs)) {
                met++;
            }
        }
        return met >= outOf.n();
    }
}
