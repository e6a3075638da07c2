package dev.ordo.membership.identity;

/**
 * The role of an identity, read from its certificate's OU as Fabric NodeOUs do.
 *
 * <p>{@link #defaultOu()} is the OU value Ordo's CAs write and the one assumed when an
 * organisation does not configure its own identifiers.
 */
public enum Role {
    CLIENT("client"),
    PEER("peer"),
    ORDERER("orderer"),
    ADMIN("admin");

    private final String defaultOu;

    Role(String defaultOu) {
        this.defaultOu = defaultOu;
    }

    /** The OU value Fabric's default NodeOUs configuration uses for this role. */
    public String defaultOu() {
        return defaultOu;
    }
}
