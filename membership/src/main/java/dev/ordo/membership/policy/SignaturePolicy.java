package dev.ordo.membership.policy;

import dev.ordo.membership.identity.Identity;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * A parsed signature policy: either a single principal ({@code 'Org1MSP.peer'}) or
 * "at least n of these rules" ({@code AND} is n = all, {@code OR} is n = 1, {@code OutOf}
 * gives n). {@link #toString()} writes the policy back in the policy language.
 */
public sealed interface SignaturePolicy permits SignaturePolicy.SignedBy, SignaturePolicy.NOutOf {

    /** A signature by an identity of {@code mspId} with {@code role}. */
    record SignedBy(String mspId, PrincipalRole role) implements SignaturePolicy {
        public SignedBy {
            Objects.requireNonNull(mspId, "mspId");
            Objects.requireNonNull(role, "role");
        }

        /** Whether a validated identity is this principal. */
        public boolean matches(Identity identity) {
            return identity.mspId().equals(mspId) && role.admits(identity.role());
        }

        @Override
        public String toString() {
            return "'" + mspId + "." + role.keyword() + "'";
        }
    }

    /** At least {@code n} of {@code rules}, each satisfied by distinct signers. */
    record NOutOf(int n, List<SignaturePolicy> rules) implements SignaturePolicy {
        public NOutOf {
            rules = List.copyOf(rules);
            if (rules.isEmpty()) {
                throw new IllegalArgumentException("a policy needs at least one rule");
            }
            if (n < 1 || n > rules.size()) {
                throw new IllegalArgumentException("n must be between 1 and " + rules.size() + ", was " + n);
            }
        }

        @Override
        public String toString() {
            String inner = rules.stream().map(Object::toString).collect(Collectors.joining(", "));
            if (n == rules.size() && n > 1) {
                return "AND(" + inner + ")";
            }
            if (n == 1) {
                return "OR(" + inner + ")";
            }
            return "OutOf(" + n + ", " + inner + ")";
        }
    }
}
