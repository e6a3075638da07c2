package dev.ordo.membership.ca;

import dev.ordo.membership.crypto.CertificateSignatures;
import java.security.KeyPair;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;

/** Builds PKCS#10 certificate signing requests, the client side of enrolment. */
public final class CertificateRequests {
    private CertificateRequests() {
    }

    /** A request for a certificate with subject {@code CN=commonName}, signed by the key pair. */
    public static PKCS10CertificationRequest create(KeyPair keyPair, String commonName) {
        X500Name subject = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, commonName).build();
        return create(keyPair, subject);
    }

    /** A request for a certificate with the given subject, signed by the key pair. */
    public static PKCS10CertificationRequest create(KeyPair keyPair, X500Name subject) {
        try {
            return new JcaPKCS10CertificationRequestBuilder(subject, keyPair.getPublic())
                    .build(CertificateSignatures.signer(keyPair.getPrivate()));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("cannot sign a certificate request with this key: " + e.getMessage(), e);
        }
    }
}
