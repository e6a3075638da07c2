package dev.ordo.membership.crypto;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.cert.CRLException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.cert.X509CRLHolder;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CRLConverter;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemReader;

/**
 * PEM encoding and decoding of certificates, CRLs, CSRs and private keys, as Fabric writes
 * them: 64-character Base64 lines, {@code \n} line ends, one trailing newline.
 *
 * <p>Every decoder checks the PEM type and throws {@link PemException} naming what was
 * wrong; nothing here returns {@code null}.
 */
public final class Pem {
    public static final String CERTIFICATE = "CERTIFICATE";
    public static final String X509_CRL = "X509 CRL";
    public static final String PRIVATE_KEY = "PRIVATE KEY";
    public static final String CERTIFICATE_REQUEST = "CERTIFICATE REQUEST";

    private static final Base64.Encoder LINES = Base64.getMimeEncoder(64, new byte[] {'\n'});

    private Pem() {
    }

    /** PEM text of one object of the given type. */
    public static String encode(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + LINES.encodeToString(der) + "\n-----END " + type + "-----\n";
    }

    public static String encodeCertificate(X509Certificate certificate) {
        try {
            return encode(CERTIFICATE, certificate.getEncoded());
        } catch (CertificateEncodingException e) {
            throw new IllegalArgumentException("certificate cannot be encoded: " + e.getMessage(), e);
        }
    }

    public static String encodeCrl(X509CRL crl) {
        try {
            return encode(X509_CRL, crl.getEncoded());
        } catch (CRLException e) {
            throw new IllegalArgumentException("CRL cannot be encoded: " + e.getMessage(), e);
        }
    }

    /** PKCS#8 ({@code PRIVATE KEY}) PEM of the key, the format of Fabric's {@code keystore/priv_sk}. */
    public static String encodePrivateKey(PrivateKey key) {
        return encode(PRIVATE_KEY, key.getEncoded());
    }

    public static String encodeCsr(PKCS10CertificationRequest csr) {
        try {
            return encode(CERTIFICATE_REQUEST, csr.getEncoded());
        } catch (IOException e) {
            throw new IllegalArgumentException("CSR cannot be encoded: " + e.getMessage(), e);
        }
    }

    /** Exactly one certificate; anything else in the input (a second object, a key) is an error. */
    public static X509Certificate decodeCertificate(byte[] pem) throws PemException {
        List<PemObject> objects = readAll(pem);
        if (objects.size() != 1) {
            throw new PemException("expected exactly one PEM object, found " + objects.size());
        }
        return certificateOf(objects.get(0));
    }

    /** One or more certificates (a bundle file). */
    public static List<X509Certificate> decodeCertificates(byte[] pem) throws PemException {
        List<PemObject> objects = readAll(pem);
        if (objects.isEmpty()) {
            throw new PemException("no PEM certificate found");
        }
        List<X509Certificate> certificates = new ArrayList<>(objects.size());
        for (PemObject object : objects) {
            certificates.add(certificateOf(object));
        }
        return certificates;
    }

    /** A certificate from its DER bytes. */
    public static X509Certificate certificateFromDer(byte[] der) throws PemException {
        try {
            return new JcaX509CertificateConverter().getCertificate(new X509CertificateHolder(der));
        } catch (IOException | CertificateException | RuntimeException e) {
            throw new PemException("not a DER X.509 certificate: " + e.getMessage(), e);
        }
    }

    public static X509CRL decodeCrl(byte[] pem) throws PemException {
        List<PemObject> objects = readAll(pem);
        if (objects.size() != 1) {
            throw new PemException("expected exactly one PEM CRL, found " + objects.size() + " PEM objects");
        }
        PemObject object = objects.get(0);
        requireType(object, X509_CRL);
        try {
            return new JcaX509CRLConverter().getCRL(new X509CRLHolder(object.getContent()));
        } catch (IOException | CRLException | RuntimeException e) {
            throw new PemException("not a DER X.509 CRL: " + e.getMessage(), e);
        }
    }

    public static PKCS10CertificationRequest decodeCsr(byte[] pem) throws PemException {
        List<PemObject> objects = readAll(pem);
        if (objects.size() != 1) {
            throw new PemException("expected exactly one PEM certificate request, found " + objects.size() + " PEM objects");
        }
        PemObject object = objects.get(0);
        if (!object.getType().equals(CERTIFICATE_REQUEST) && !object.getType().equals("NEW CERTIFICATE REQUEST")) {
            throw new PemException("expected PEM type " + CERTIFICATE_REQUEST + ", found " + object.getType());
        }
        try {
            return new PKCS10CertificationRequest(object.getContent());
        } catch (IOException | RuntimeException e) {
            throw new PemException("not a DER PKCS#10 request: " + e.getMessage(), e);
        }
    }

    /** A private key in PKCS#8 ({@code PRIVATE KEY}) or SEC1 ({@code EC PRIVATE KEY}) PEM. */
    public static PrivateKey decodePrivateKey(byte[] pem) throws PemException {
        try (PEMParser parser = new PEMParser(new StringReader(new String(pem, StandardCharsets.US_ASCII)))) {
            Object object = parser.readObject();
            if (object == null) {
                throw new PemException("no PEM private key found");
            }
            if (parser.readObject() != null) {
                throw new PemException("expected exactly one PEM private key, found more objects");
            }
            PrivateKeyInfo info;
            if (object instanceof PrivateKeyInfo pkcs8) {
                info = pkcs8;
            } else if (object instanceof PEMKeyPair pair) {
                info = pair.getPrivateKeyInfo();
            } else {
                throw new PemException("expected an unencrypted private key, found " + object.getClass().getSimpleName());
            }
            if (!X9ObjectIdentifiers.id_ecPublicKey.equals(info.getPrivateKeyAlgorithm().getAlgorithm())) {
                throw new PemException("expected an EC private key, found algorithm "
                        + info.getPrivateKeyAlgorithm().getAlgorithm());
            }
            return KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(info.getEncoded()));
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            throw new PemException("malformed PEM private key: " + e.getMessage(), e);
        }
    }

    private static X509Certificate certificateOf(PemObject object) throws PemException {
        requireType(object, CERTIFICATE);
        return certificateFromDer(object.getContent());
    }

    private static void requireType(PemObject object, String type) throws PemException {
        if (!object.getType().equals(type)) {
            throw new PemException("expected PEM type " + type + ", found " + object.getType());
        }
    }

    private static List<PemObject> readAll(byte[] pem) throws PemException {
        if (pem == null || pem.length == 0) {
            throw new PemException("empty PEM input");
        }
        List<PemObject> objects = new ArrayList<>();
        try (PemReader reader = new PemReader(new StringReader(new String(pem, StandardCharsets.US_ASCII)))) {
            PemObject object;
            while ((object = reader.readPemObject()) != null) {
                objects.add(object);
            }
        } catch (IOException | RuntimeException e) {
            throw new PemException("malformed PEM: " + e.getMessage(), e);
        }
        return objects;
    }
}
