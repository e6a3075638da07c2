package dev.ordo.membership.msp;

import dev.ordo.membership.crypto.CertificateNames;
import dev.ordo.membership.identity.Role;
import dev.ordo.proto.v1.NodeOUs;
import java.security.cert.X509Certificate;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads an identity's {@link Role} from its certificate's OU, as Fabric NodeOUs do.
 *
 * <p>An organisation's {@code NodeOUs} names the OU value of each role; empty names, and
 * organisations that do not enable NodeOUs, use the defaults ({@code client}, {@code peer},
 * {@code orderer}, {@code admin}): Ordo always has roles. A certificate whose OUs match no
 * role, or more than one role, has none.
 */
public final class NodeOuRoles {
    private final Map<String, Role> rolesByOu;

    private NodeOuRoles(Map<String, Role> rolesByOu) {
        this.rolesByOu = rolesByOu;
    }

    /** The default identifiers (Fabric's {@code client}, {@code peer}, {@code orderer}, {@code admin}). */
    public static NodeOuRoles defaults() {
        return of(NodeOUs.getDefaultInstance());
    }

    /** The roles an organisation's NodeOUs configuration defines. */
    public static NodeOuRoles of(NodeOUs nodeOus) {
        Map<String, Role> roles = new LinkedHashMap<>();
        boolean enabled = nodeOus != null && nodeOus.getEnable();
        put(roles, Role.CLIENT, enabled ? nodeOus.getClientOu() : "");
        put(roles, Role.PEER, enabled ? nodeOus.getPeerOu() : "");
        put(roles, Role.ORDERER, enabled ? nodeOus.getOrdererOu() : "");
        put(roles, Role.ADMIN, enabled ? nodeOus.getAdminOu() : "");
        return new NodeOuRoles(roles);
    }

    private static void put(Map<String, Role> roles, Role role, String ou) {
        String value = ou == null || ou.isBlank() ? role.defaultOu() : ou;
        Role previous = roles.putIfAbsent(value, role);
        if (previous != null) {
            throw new MspConfigurationException("NodeOUs gives OU '" + value + "' to both " + previous + " and " + role);
        }
    }

    /** The one role the certificate's OUs name, or empty if none or several match. */
    public Optional<Role> roleOf(X509Certificate certificate) {
        List<String> ous = CertificateNames.organizationalUnits(certificate);
        Set<Role> found = EnumSet.noneOf(Role.class);
        for (String ou : ous) {
            Role role = rolesByOu.get(ou);
            if (role != null) {
                found.add(role);
            }
        }
        return found.size() == 1 ? Optional.of(found.iterator().next()) : Optional.empty();
    }

    /** The OU value that marks {@code role}. */
    public String ouOf(Role role) {
        for (Map.Entry<String, Role> entry : rolesByOu.entrySet()) {
            if (entry.getValue() == role) {
                return entry.getKey();
            }
        }
        throw new IllegalStateException("no OU for " + role);
    }

    /** Human-readable reason why {@link #roleOf} is empty for this certificate. */
    String whyNoRole(X509Certificate certificate) {
        return "certificate OUs " + CertificateNames.organizationalUnits(certificate)
                + " must name exactly one of the roles " + rolesByOu;
    }
}
