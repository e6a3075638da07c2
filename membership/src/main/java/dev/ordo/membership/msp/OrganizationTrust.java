package dev.ordo.membership.msp;

import com.google.protobuf.ByteString;
import dev.ordo.membership.crypto.CertificateSignatures;
import dev.ordo.membership.crypto.Pem;
import dev.ordo.membership.crypto.PemException;
import dev.ordo.membership.msp.IdentityValidationException.Reason;
import dev.ordo.proto.v1.Organization;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * One organisation's trust anchors as a channel sees them: roots, intermediates that chain
 * to those roots, CRLs whose signature was checked against one of them, and NodeOU roles.
 * Built once per channel configuration; immutable.
 */
final class OrganizationTrust {
    private static final int MAX_CHAIN_LENGTH = 8;

    private final String mspId;
    private final List<X509Certificate> roots;
    private final List<X509Certificate> intermediates;
    private final List<IssuedCrl> crls;
    private final NodeOuRoles roles;
    private final List<X509Certificate> tlsRoots;

    /** A CRL with the CA certificate that signed it. */
    private record IssuedCrl(X509CRL crl, X509Certificate issuer) {
    }

    /** A certificate path from a leaf (index 0) to a root (last), all signatures checked. */
    record Chain(List<X509Certificate> certificates, Instant notBefore, Instant notAfter) {
    }

    private OrganizationTrust(String mspId, List<X509Certificate> roots, List<X509Certificate> intermediates,
                              List<IssuedCrl> crls, NodeOuRoles roles, List<X509Certificate> tlsRoots) {
        this.mspId = mspId;
        this.roots = roots;
        this.intermediates = intermediates;
        this.crls = crls;
        this.roles = roles;
        this.tlsRoots = tlsRoots;
    }

    /** Parses and checks an organisation definition; throws {@link MspConfigurationException}. */
    static OrganizationTrust of(Organization organization) {
        String mspId = organization.getMspId();
        if (mspId.isBlank()) {
            throw new MspConfigurationException("organisation without an MSP id");
        }
        if (organization.getRootCertsCount() == 0) {
            throw new MspConfigurationException("organisation " + mspId + " has no root certificates");
        }
        List<X509Certificate> roots = new ArrayList<>();
        for (int i = 0; i < organization.getRootCertsCount(); i++) {
            X509Certificate root = certificates(mspId, "root_certs[" + i + "]", organization.getRootCerts(i));
            requireCa(mspId, "root_certs[" + i + "]", root);
            if (!root.getSubjectX500Principal().equals(root.getIssuerX500Principal()) || !signedBy(root, root)) {
                throw new MspConfigurationException("organisation " + mspId + ": root_certs[" + i + "] ("
                        + root.getSubjectX500Principal().getName() + ") is not a self-signed ECDSA certificate");
            }
            roots.add(root);
        }
        List<X509Certificate> intermediates = new ArrayList<>();
        for (int i = 0; i < organization.getIntermediateCertsCount(); i++) {
            intermediates.add(certificates(mspId, "intermediate_certs[" + i + "]", organization.getIntermediateCerts(i)));
        }
        OrganizationTrust withIntermediates = new OrganizationTrust(mspId, List.copyOf(roots), List.copyOf(intermediates),
                List.of(), NodeOuRoles.defaults(), List.of());
        for (int i = 0; i < intermediates.size(); i++) {
            X509Certificate intermediate = intermediates.get(i);
            requireCa(mspId, "intermediate_certs[" + i + "]", intermediate);
            if (withIntermediates.buildChain(intermediate) == null) {
                throw new MspConfigurationException("organisation " + mspId + ": intermediate_certs[" + i + "] ("
                        + intermediate.getSubjectX500Principal().getName() + ") does not chain to a root");
            }
        }
        List<X509Certificate> cas = new ArrayList<>(roots);
        cas.addAll(intermediates);
        List<IssuedCrl> crls = new ArrayList<>();
        for (int index = 0; index < organization.getCrlsCount(); index++) {
            int i = index;
            X509CRL crl;
            try {
                crl = Pem.decodeCrl(organization.getCrls(i).toByteArray());
            } catch (PemException e) {
                throw new MspConfigurationException("organisation " + mspId + ": crls[" + i + "]: " + e.getMessage(), e);
            }
            X509Certificate issuer = cas.stream()
                    .filter(ca -> ca.getSubjectX500Principal().equals(crl.getIssuerX500Principal()))
                    .filter(ca -> crlSignedBy(crl, ca))
                    .findFirst()
                    .orElseThrow(() -> new MspConfigurationException("organisation " + mspId + ": crls[" + i
                            + "] (issuer " + crl.getIssuerX500Principal().getName()
                            + ") is not signed by any of its CAs"));
            crls.add(new IssuedCrl(crl, issuer));
        }
        List<X509Certificate> tlsRoots = new ArrayList<>();
        for (int i = 0; i < organization.getTlsRootCertsCount(); i++) {
            tlsRoots.add(certificates(mspId, "tls_root_certs[" + i + "]", organization.getTlsRootCerts(i)));
        }
        NodeOuRoles roles = NodeOuRoles.of(organization.getNodeOus());
        return new OrganizationTrust(mspId, List.copyOf(roots), List.copyOf(intermediates), List.copyOf(crls), roles,
                List.copyOf(tlsRoots));
    }

    String mspId() {
        return mspId;
    }

    NodeOuRoles roles() {
        return roles;
    }

    List<X509Certificate> tlsRoots() {
        return tlsRoots;
    }

    /**
     * The verified chain of a leaf certificate, or an exception saying why there is none or
     * why it is revoked. Time is not checked here: the caller compares the returned window
     * with the current time on every use.
     */
    Chain chainOf(X509Certificate leaf) throws IdentityValidationException {
        if (leaf.getBasicConstraints() >= 0) {
            throw new IdentityValidationException(Reason.UNTRUSTED_CHAIN, "MSP " + mspId + ": "
                    + leaf.getSubjectX500Principal().getName() + " is a CA certificate and cannot be an identity");
        }
        List<X509Certificate> path = buildChain(leaf);
        if (path == null) {
            throw new IdentityValidationException(Reason.UNTRUSTED_CHAIN, "MSP " + mspId + ": certificate "
                    + leaf.getSubjectX500Principal().getName() + " issued by "
                    + leaf.getIssuerX500Principal().getName() + " does not chain to a root of the organisation");
        }
        for (int i = 0; i + 1 < path.size(); i++) {
            X509Certificate certificate = path.get(i);
            X509Certificate issuer = path.get(i + 1);
            for (IssuedCrl issued : crls) {
                if (issued.issuer().equals(issuer) && issued.crl().getRevokedCertificate(certificate.getSerialNumber()) != null) {
                    throw new IdentityValidationException(Reason.REVOKED, "MSP " + mspId + ": certificate "
                            + certificate.getSubjectX500Principal().getName() + " (serial "
                            + certificate.getSerialNumber().toString(16) + ") is revoked by "
                            + issuer.getSubjectX500Principal().getName());
                }
            }
        }
        Instant notBefore = Instant.MIN;
        Instant notAfter = Instant.MAX;
        for (X509Certificate certificate : path) {
            Instant from = certificate.getNotBefore().toInstant();
            Instant to = certificate.getNotAfter().toInstant();
            notBefore = from.isAfter(notBefore) ? from : notBefore;
            notAfter = to.isBefore(notAfter) ? to : notAfter;
        }
        return new Chain(Collections.unmodifiableList(path), notBefore, notAfter);
    }

    /** Depth-first search from {@code certificate} up to a root; null if there is none. */
    private List<X509Certificate> buildChain(X509Certificate certificate) {
        List<X509Certificate> path = new ArrayList<>();
        path.add(certificate);
        return extend(path) ? path : null;
    }

    private boolean extend(List<X509Certificate> path) {
        X509Certificate last = path.get(path.size() - 1);
        for (X509Certificate root : roots) {
            if (issues(root, last)) {
                path.add(root);
                return true;
            }
        }
        if (path.size() >= MAX_CHAIN_LENGTH) {
            return false;
        }
        for (X509Certificate intermediate : intermediates) {
            if (!path.contains(intermediate) && issues(intermediate, last)) {
                path.add(intermediate);
                if (extend(path)) {
                    return true;
                }
                path.remove(path.size() - 1);
            }
        }
        return false;
    }

    private static boolean issues(X509Certificate ca, X509Certificate certificate) {
        if (!ca.getSubjectX500Principal().equals(certificate.getIssuerX500Principal())) {
            return false;
        }
        if (ca.getBasicConstraints() < 0) {
            return false;
        }
        boolean[] keyUsage = ca.getKeyUsage();
        if (keyUsage != null && (keyUsage.length <= 5 || !keyUsage[5])) {
            return false;
        }
        return signedBy(certificate, ca);
    }

    private static boolean signedBy(X509Certificate certificate, X509Certificate issuer) {
        return CertificateSignatures.isSignedBy(certificate, issuer.getPublicKey());
    }

    private static boolean crlSignedBy(X509CRL crl, X509Certificate issuer) {
        return CertificateSignatures.isSignedBy(crl, issuer.getPublicKey());
    }

    private static void requireCa(String mspId, String field, X509Certificate certificate) {
        if (certificate.getBasicConstraints() < 0) {
            throw new MspConfigurationException("organisation " + mspId + ": " + field + " ("
                    + certificate.getSubjectX500Principal().getName() + ") is not a CA certificate");
        }
    }

    private static X509Certificate certificates(String mspId, String field, ByteString pem) {
        try {
            return Pem.decodeCertificate(pem.toByteArray());
        } catch (PemException e) {
            throw new MspConfigurationException("organisation " + mspId + ": " + field + ": " + e.getMessage(), e);
        }
    }
}
