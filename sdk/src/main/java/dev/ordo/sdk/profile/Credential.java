package dev.ordo.sdk.profile;

import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Objects;

/**
 * An X.509 certificate with its private key, and the files they were read from (for messages).
 * Used for a user's signing identity and for a client TLS certificate. The key is checked to
 * belong to the certificate when the profile is loaded. {@link #toString()} never shows the key.
 *
 * @param certificateFile where the certificate came from
 * @param certificate the certificate
 * @param privateKeyFile where the key came from
 * @param privateKey the certificate's private key
 */
public record Credential(Path certificateFile, X509Certificate certificate, Path privateKeyFile, PrivateKey privateKey) {
    public Credential {
        Objects.requireNonNull(certificateFile, "certificateFile");
        Objects.requireNonNull(certificate, "certificate");
        Objects.requireNonNull(privateKeyFile, "privateKeyFile");
        Objects.requireNonNull(privateKey, "privateKey");
    }

    @Override
    public String toString() {
        return "Credential[" + certificate.getSubjectX500Principal().getName() + " from " + certificateFile
                + ", key " + privateKeyFile + "]";
    }
}
