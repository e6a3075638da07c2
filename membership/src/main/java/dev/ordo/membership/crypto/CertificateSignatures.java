package dev.ordo.membership.crypto;

import java.io.IOException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.cert.X509CRLHolder;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.crypto.util.PrivateKeyFactory;
import org.bouncycastle.crypto.util.PublicKeyFactory;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.ContentVerifierProvider;
import org.bouncycastle.operator.DefaultDigestAlgorithmIdentifierFinder;
import org.bouncycastle.operator.DefaultSignatureAlgorithmIdentifierFinder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.bc.BcECContentSignerBuilder;
import org.bouncycastle.operator.bc.BcECContentVerifierProviderBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;

/**
 * Signs and checks the signatures of certificates, CRLs and certificate requests with
 * Bouncy Castle's lightweight ECDSA operators (no JCA provider to load). These signatures
 * follow X.509, not Fabric: any S is accepted here, since CAs outside Ordo do not
 * normalise it.
 */
public final class CertificateSignatures {
    private static final AlgorithmIdentifier SHA256_WITH_ECDSA =
            new DefaultSignatureAlgorithmIdentifierFinder().find("SHA256withECDSA");

    private CertificateSignatures() {
    }

    /** A SHA256withECDSA content signer over an EC private key. */
    public static ContentSigner signer(PrivateKey key) {
        try {
            AlgorithmIdentifier digest = new DefaultDigestAlgorithmIdentifierFinder().find(SHA256_WITH_ECDSA);
            return new BcECContentSignerBuilder(SHA256_WITH_ECDSA, digest)
                    .build(PrivateKeyFactory.createKey(key.getEncoded()));
        } catch (IOException | OperatorCreationException | RuntimeException e) {
            throw new IllegalArgumentException("cannot sign with this key: " + e.getMessage(), e);
        }
    }

    /** Whether {@code issuerKey} verifies the certificate's signature. */
    public static boolean isSignedBy(X509Certificate certificate, PublicKey issuerKey) {
        try {
            return new X509CertificateHolder(certificate.getEncoded()).isSignatureValid(verifier(issuerKey));
        } catch (Exception e) {
            return false;
        }
    }

    /** Whether {@code issuerKey} verifies the CRL's signature. */
    public static boolean isSignedBy(X509CRL crl, PublicKey issuerKey) {
        try {
            return new X509CRLHolder(crl.getEncoded()).isSignatureValid(verifier(issuerKey));
        } catch (Exception e) {
            return false;
        }
    }

    /** Whether the request is signed by the key it asks a certificate for. */
    public static boolean isSelfSigned(PKCS10CertificationRequest request) {
        try {
            return request.isSignatureValid(new BcECContentVerifierProviderBuilder(new DefaultDigestAlgorithmIdentifierFinder())
                    .build(PublicKeyFactory.createKey(request.getSubjectPublicKeyInfo())));
        } catch (Exception e) {
            return false;
        }
    }

    private static ContentVerifierProvider verifier(PublicKey key) throws IOException, OperatorCreationException {
        return new BcECContentVerifierProviderBuilder(new DefaultDigestAlgorithmIdentifierFinder())
                .build(PublicKeyFactory.createKey(key.getEncoded()));
    }
}
