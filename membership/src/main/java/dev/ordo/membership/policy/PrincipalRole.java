package dev.ordo.membership.policy;

import dev.ordo.membership.identity.Role;
import java.util.Locale;
import java.util.Optional;

/**
 * The role part of a policy principal ({@code 'Org1MSP.peer'}): {@code member} matches any
 * valid identity of the MSP, the others match identities of that NodeOU role only.
 */
public enum PrincipalRole {
    MEMBER(null),
    ADMIN(Role.ADMIN),
    CLIENT(Role.CLIENT),
    PEER(Role.PEER),
    ORDERER(Role.ORDERER);

    private final Role role;

    PrincipalRole(Role role) {
        this.role = role;
    }

    /** Whether an identity of {@code identityRole} has this principal role. */
    public boolean admits(Role identityRole) {
        return role == null || role == identityRole;
    }

    /** The keyword as written in policies, e.g. {@code peer}. */
    public String keyword() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The principal role written as {@code keyword} (lower case, as Fabric requires). */
    public static Optional<PrincipalRole> ofKeyword(String keyword) {
        for (PrincipalRole value : values()) {
            if (value.keyword().equals(keyword)) {
                return Optional.of(value);
            }
        }
        return Optional.empty();
    }
}
