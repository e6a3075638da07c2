package dev.ordo.membership.ca;

import dev.ordo.membership.identity.Identity;
import dev.ordo.membership.identity.Role;
import dev.ordo.membership.identity.SigningIdentity;
import dev.ordo.membership.tls.TlsMaterial;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;

/**
 * A key pair's private key with the certificate a CA issued for it and the CA chain above it
 * (issuing CA first, root last).
 */
public record IssuedCredential(PrivateKey privateKey, X509Certificate certificate, List<X509Certificate> issuerChain) {
    public IssuedCredential {
        Objects.requireNonNull(privateKey, "privateKey");
        Objects.requireNonNull(certificate, "certificate");
        issuerChain = List.copyOf(issuerChain);
    }

    /** This credential as a signing identity of {@code mspId} with {@code role}. */
    public SigningIdentity signingIdentity(String mspId, Role role) {
        return SigningIdentity.of(new Identity(mspId, certificate, role), privateKey);
    }

    /** This credential as TLS material trusting {@code trustedRoots}. */
    public TlsMaterial tlsMaterial(List<X509Certificate> trustedRoots) {
        return new TlsMaterial(privateKey, List.of(certificate), trustedRoots);
    }

    /** The root of the issuing chain. */
    public X509Certificate root() {
        return issuerChain.isEmpty() ? certificate : issuerChain.get(issuerChain.size() - 1);
    }
}
