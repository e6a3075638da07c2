package dev.ordo.membership.ca;

import dev.ordo.membership.crypto.BouncyCastle;
import dev.ordo.membership.crypto.CertificateNames;
import dev.ordo.membership.crypto.CertificateSignatures;
import dev.ordo.membership.crypto.EcKeys;
import dev.ordo.membership.identity.Role;
import dev.ordo.membership.crypto.Pem;
import dev.ordo.membership.crypto.PemException;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Stream;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.CRLNumber;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CRLConverter;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.util.IPAddress;

/**
 * An organisation's certificate authority (root or intermediate), with Bouncy Castle.
 *
 * <p>Issues ECDSA P-256 certificates the way Fabric's {@code cryptogen} and Fabric CA do:
 * <ul>
 *   <li>identity certificates with the role as the subject OU ({@code client}, {@code peer},
 *       {@code orderer}, {@code admin}), key usage digitalSignature, not a CA;</li>
 *   <li>TLS server certificates (serverAuth and clientAuth, since nodes also dial each other
 *       with them) whose SANs hold the host name, {@code localhost} and {@code 127.0.0.1};
 *       TLS client certificates (clientAuth);</li>
 *   <li>intermediate CAs, and CRLs of the certificates it revoked.</li>
 * </ul>
 * Every certificate carries basicConstraints, keyUsage, subject and authority key
 * identifiers, so stock OpenSSL verifies the chains. Subjects copy C, ST, L and O from the
 * CA's subject. Thread-safe.
 */
public final class CertificateAuthority {
    /** Default lifetime of CA and leaf certificates (cryptogen uses ten years). */
    public static final Duration DEFAULT_VALIDITY = Duration.ofDays(3650);
    /** Lifetime of a CRL before its nextUpdate. */
    public static final Duration CRL_VALIDITY = Duration.ofDays(365);

    private static final ASN1ObjectIdentifier[] INHERITED_NAME_PARTS = {BCStyle.C, BCStyle.ST, BCStyle.L, BCStyle.O};

    private final X509Certificate certificate;
    private final PrivateKey privateKey;
    private final List<X509Certificate> chain;
    private final Map<BigInteger, Instant> revoked = new LinkedHashMap<>();
    private long crlNumber;

    private CertificateAuthority(X509Certificate certificate, PrivateKey privateKey, List<X509Certificate> parents) {
        this.certificate = certificate;
        this.privateKey = privateKey;
        List<X509Certificate> all = new ArrayList<>();
        all.add(certificate);
        all.addAll(parents);
        this.chain = List.copyOf(all);
    }

    /**
     * A CA over an existing certificate and key (e.g. read from {@code ca/priv_sk}).
     *
     * @param parents the CAs above it, issuer first, root last; empty for a root
     * @throws IllegalArgumentException if the certificate is not a CA or the key does not match
     */
    public static CertificateAuthority of(X509Certificate certificate, PrivateKey privateKey, List<X509Certificate> parents) {
        if (certificate.getBasicConstraints() < 0) {
            throw new IllegalArgumentException(certificate.getSubjectX500Principal().getName() + " is not a CA certificate");
        }
        if (!EcKeys.matches(privateKey, certificate.getPublicKey())) {
            throw new IllegalArgumentException("private key does not belong to CA " + certificate.getSubjectX500Principal().getName());
        }
        return new CertificateAuthority(certificate, privateKey, List.copyOf(parents));
    }

    /**
     * A CA from a folder as the generator writes it ({@code ca/} or {@code tlsca/}): the key in
     * {@code priv_sk} and exactly one {@code *-cert.pem}.
     *
     * @param parents the CAs above it, issuer first, root last; empty for a root
     * @throws IOException naming the file that is missing or unusable
     */
    public static CertificateAuthority load(Path caDir, List<X509Certificate> parents) throws IOException {
        List<Path> certificates;
        try (Stream<Path> files = Files.list(caDir)) {
            certificates = files.filter(f -> f.getFileName().toString().endsWith("-cert.pem")).sorted().toList();
        } catch (NoSuchFileException e) {
            throw new IOException("CA folder " + caDir + " does not exist", e);
        }
        if (certificates.size() != 1) {
            throw new IOException(caDir + ": expected exactly one *-cert.pem, found " + certificates.size());
        }
        Path keyFile = caDir.resolve("priv_sk");
        if (!Files.isRegularFile(keyFile)) {
            throw new IOException("missing CA key " + keyFile);
        }
        try {
            X509Certificate certificate = Pem.decodeCertificate(Files.readAllBytes(certificates.get(0)));
            PrivateKey key = Pem.decodePrivateKey(Files.readAllBytes(keyFile));
            return of(certificate, key, parents);
        } catch (PemException | IllegalArgumentException e) {
            throw new IOException(caDir + ": " + e.getMessage(), e);
        }
    }

    /** A new self-signed root with subject {@code O=organization, CN=commonName}, valid ten years. */
    public static CertificateAuthority createRoot(String commonName, String organization) {
        return createRoot(name(organization, commonName), CertificateValidity.startingNow(DEFAULT_VALIDITY));
    }

    /** A new self-signed root CA with a fresh P-256 key. */
    public static CertificateAuthority createRoot(X500Name subject, CertificateValidity validity) {
        KeyPair keys = EcKeys.generateP256();
        BigInteger serial = serialNumber();
        X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(subject, serial,
                Date.from(validity.notBefore()), Date.from(validity.notAfter()), subject, keys.getPublic());
        try {
            JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
            builder.addExtension(Extension.keyUsage, true,
                    new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyCertSign | KeyUsage.cRLSign));
            builder.addExtension(Extension.subjectKeyIdentifier, false,
                    extensions.createSubjectKeyIdentifier(keys.getPublic()));
            builder.addExtension(Extension.authorityKeyIdentifier, false,
                    extensions.createAuthorityKeyIdentifier(keys.getPublic()));
            X509Certificate root = convert(builder, CertificateSignatures.signer(keys.getPrivate()));
            return new CertificateAuthority(root, keys.getPrivate(), List.of());
        } catch (GeneralSecurityException | java.io.IOException e) {
            throw new IllegalStateException("cannot create root CA " + subject, e);
        }
    }

    /** A new intermediate CA below this one with subject C/ST/L/O of this CA and {@code CN=commonName}. */
    public CertificateAuthority createIntermediate(String commonName) {
        return createIntermediate(inheritedName(null, commonName), CertificateValidity.startingNow(DEFAULT_VALIDITY));
    }

    /** A new intermediate CA below this one with a fresh P-256 key. */
    public CertificateAuthority createIntermediate(X500Name subject, CertificateValidity validity) {
        KeyPair keys = EcKeys.generateP256();
        X509Certificate issued = issue(subject, keys.getPublic(), validity, builder -> {
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(0));
            builder.addExtension(Extension.keyUsage, true,
                    new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyCertSign | KeyUsage.cRLSign));
        });
        return new CertificateAuthority(issued, keys.getPrivate(), chain);
    }

    /** A new key and an identity certificate for {@code commonName} with {@code role} in its OU. */
    public IssuedCredential issueIdentity(String commonName, Role role) {
        return issueIdentity(commonName, role, CertificateValidity.startingNow(DEFAULT_VALIDITY));
    }

    /** As {@link #issueIdentity(String, Role)} with an explicit validity window. */
    public IssuedCredential issueIdentity(String commonName, Role role, CertificateValidity validity) {
        KeyPair keys = EcKeys.generateP256();
        X509Certificate issued = issue(inheritedName(role.defaultOu(), commonName), keys.getPublic(), validity,
                CertificateAuthority::identityExtensions);
        return new IssuedCredential(keys.getPrivate(), issued, chain);
    }

    /**
     * Enrolment: an identity certificate for the key and common name of a PKCS#10 request.
     * The role is the CA's decision: OUs the request asks for are ignored.
     *
     * @throws CertificateRequestException if the request's signature does not verify, its key
     *     is not an EC key, or it has no common name
     */
    public X509Certificate issueIdentity(PKCS10CertificationRequest request, Role role) throws CertificateRequestException {
        return issueIdentity(request, role, CertificateValidity.startingNow(DEFAULT_VALIDITY));
    }

    /** As {@link #issueIdentity(PKCS10CertificationRequest, Role)} with an explicit validity window. */
    public X509Certificate issueIdentity(PKCS10CertificationRequest request, Role role, CertificateValidity validity)
            throws CertificateRequestException {
        PublicKey publicKey;
        try {
            publicKey = EcKeys.publicKeyFromEncoded(request.getSubjectPublicKeyInfo().getEncoded());
            EcKeys.publicParameters(publicKey);
        } catch (java.io.IOException | RuntimeException e) {
            throw new CertificateRequestException("certificate request does not hold a usable EC public key: "
                    + e.getMessage(), e);
        }
        if (!CertificateSignatures.isSelfSigned(request)) {
            throw new CertificateRequestException("certificate request signature does not verify");
        }
        List<String> commonNames = CertificateNames.values(request.getSubject(), BCStyle.CN);
        if (commonNames.size() != 1 || commonNames.get(0).isBlank()) {
            throw new CertificateRequestException("certificate request subject must have exactly one non-empty CN, has "
                    + commonNames);
        }
        return issue(inheritedName(role.defaultOu(), commonNames.get(0)), publicKey, validity,
                CertificateAuthority::identityExtensions);
    }

    /**
     * A new key and a TLS server certificate for {@code hostName}; SANs are the host name,
     * {@code extraNames} (DNS names or IP literals), {@code localhost} and {@code 127.0.0.1}.
     */
    public IssuedCredential issueTlsServer(String hostName, Collection<String> extraNames) {
        Set<String> names = new LinkedHashSet<>();
        names.add(hostName);
        names.addAll(extraNames);
        names.add("localhost");
        names.add("127.0.0.1");
        KeyPair keys = EcKeys.generateP256();
        X509Certificate issued = issue(inheritedName(null, hostName), keys.getPublic(),
                CertificateValidity.startingNow(DEFAULT_VALIDITY), builder -> {
                    builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
                    builder.addExtension(Extension.keyUsage, true,
                            new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment));
                    builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(
                            new KeyPurposeId[] {KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth}));
                    builder.addExtension(Extension.subjectAlternativeName, false, subjectAltNames(names));
                });
        return new IssuedCredential(keys.getPrivate(), issued, chain);
    }

    /** A new key and a TLS client certificate with subject {@code CN=commonName}. */
    public IssuedCredential issueTlsClient(String commonName) {
        KeyPair keys = EcKeys.generateP256();
        X509Certificate issued = issue(inheritedName(null, commonName), keys.getPublic(),
                CertificateValidity.startingNow(DEFAULT_VALIDITY), builder -> {
                    builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
                    builder.addExtension(Extension.keyUsage, true,
                            new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment));
                    builder.addExtension(Extension.extendedKeyUsage, false,
                            new ExtendedKeyUsage(KeyPurposeId.id_kp_clientAuth));
                });
        return new IssuedCredential(keys.getPrivate(), issued, chain);
    }

    /**
     * Revokes a certificate this CA issued; it appears on every later {@link #crl()}.
     *
     * @throws IllegalArgumentException if this CA did not sign the certificate
     */
    public void revoke(X509Certificate issued) {
        if (!issued.getIssuerX500Principal().equals(certificate.getSubjectX500Principal())) {
            throw new IllegalArgumentException("certificate " + issued.getSubjectX500Principal().getName()
                    + " was not issued by " + certificate.getSubjectX500Principal().getName());
        }
        if (!CertificateSignatures.isSignedBy(issued, certificate.getPublicKey())) {
            throw new IllegalArgumentException("certificate " + issued.getSubjectX500Principal().getName()
                    + " was not signed by " + certificate.getSubjectX500Principal().getName());
        }
        synchronized (revoked) {
            revoked.putIfAbsent(issued.getSerialNumber(), Instant.now());
        }
    }

    /** A freshly signed CRL listing every certificate revoked so far (possibly none). */
    public X509CRL crl() {
        Instant now = Instant.now();
        X509v2CRLBuilder builder = new X509v2CRLBuilder(subjectOf(certificate), Date.from(now));
        builder.setNextUpdate(Date.from(now.plus(CRL_VALIDITY)));
        long number;
        synchronized (revoked) {
            for (Map.Entry<BigInteger, Instant> entry : revoked.entrySet()) {
                builder.addCRLEntry(entry.getKey(), Date.from(entry.getValue()), CRLReason.unspecified);
            }
            number = ++crlNumber;
        }
        try {
            builder.addExtension(Extension.authorityKeyIdentifier, false,
                    new JcaX509ExtensionUtils().createAuthorityKeyIdentifier(certificate));
            builder.addExtension(Extension.cRLNumber, false, new CRLNumber(BigInteger.valueOf(number)));
            return new JcaX509CRLConverter().getCRL(builder.build(CertificateSignatures.signer(privateKey)));
        } catch (GeneralSecurityException | java.io.IOException e) {
            throw new IllegalStateException("cannot sign a CRL for " + certificate.getSubjectX500Principal().getName(), e);
        }
    }

    /** This CA's certificate. */
    public X509Certificate certificate() {
        return certificate;
    }

    /** This CA's private key. */
    public PrivateKey privateKey() {
        return privateKey;
    }

    /** This CA's certificate followed by the CAs above it; the root is last. */
    public List<X509Certificate> chain() {
        return chain;
    }

    /** The root at the top of this CA's chain. */
    public X509Certificate root() {
        return chain.get(chain.size() - 1);
    }

    /** Extensions of an identity (signing) certificate. */
    private static void identityExtensions(X509v3CertificateBuilder builder) throws java.io.IOException {
        builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
        builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
    }

    @FunctionalInterface
    private interface Extensions {
        void addTo(X509v3CertificateBuilder builder) throws java.io.IOException;
    }

    private X509Certificate issue(X500Name subject, PublicKey publicKey, CertificateValidity validity, Extensions extensions) {
        Instant notAfter = validity.notAfter();
        Instant caNotAfter = certificate.getNotAfter().toInstant();
        if (notAfter.isAfter(caNotAfter)) {
            notAfter = caNotAfter;
        }
        if (!notAfter.isAfter(validity.notBefore())) {
            throw new IllegalArgumentException("validity " + validity + " does not fit in the CA's validity ending "
                    + caNotAfter);
        }
        X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(certificate, serialNumber(),
                Date.from(validity.notBefore()), Date.from(notAfter), subject, publicKey);
        try {
            JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
            extensions.addTo(builder);
            builder.addExtension(Extension.subjectKeyIdentifier, false, utils.createSubjectKeyIdentifier(publicKey));
            builder.addExtension(Extension.authorityKeyIdentifier, false, utils.createAuthorityKeyIdentifier(certificate));
            return convert(builder, CertificateSignatures.signer(privateKey));
        } catch (GeneralSecurityException | java.io.IOException e) {
            throw new IllegalStateException("cannot issue a certificate for " + subject, e);
        }
    }

    /** C, ST, L, O of this CA's subject, then the OU (if any) and CN. */
    private X500Name inheritedName(String organizationalUnit, String commonName) {
        if (commonName == null || commonName.isBlank()) {
            throw new IllegalArgumentException("a certificate needs a common name");
        }
        X500Name caSubject = subjectOf(certificate);
        X500NameBuilder builder = new X500NameBuilder(BCStyle.INSTANCE);
        for (ASN1ObjectIdentifier part : INHERITED_NAME_PARTS) {
            for (String value : CertificateNames.values(caSubject, part)) {
                builder.addRDN(part, value);
            }
        }
        if (organizationalUnit != null) {
            builder.addRDN(BCStyle.OU, organizationalUnit);
        }
        return builder.addRDN(BCStyle.CN, commonName).build();
    }

    private static X500Name name(String organization, String commonName) {
        X500NameBuilder builder = new X500NameBuilder(BCStyle.INSTANCE);
        if (organization != null && !organization.isBlank()) {
            builder.addRDN(BCStyle.O, organization);
        }
        return builder.addRDN(BCStyle.CN, Objects.requireNonNull(commonName, "commonName")).build();
    }

    private static GeneralNames subjectAltNames(Collection<String> names) {
        List<GeneralName> generalNames = new ArrayList<>();
        for (String name : names) {
            if (IPAddress.isValid(name)) {
                generalNames.add(new GeneralName(GeneralName.iPAddress, name));
            } else {
                generalNames.add(new GeneralName(GeneralName.dNSName, name));
            }
        }
        return new GeneralNames(generalNames.toArray(new GeneralName[0]));
    }

    private static X500Name subjectOf(X509Certificate certificate) {
        return X500Name.getInstance(certificate.getSubjectX500Principal().getEncoded());
    }

    private static BigInteger serialNumber() {
        return new BigInteger(127, BouncyCastle.random()).add(BigInteger.ONE);
    }

    private static X509Certificate convert(X509v3CertificateBuilder builder, ContentSigner signer)
            throws GeneralSecurityException {
        return new JcaX509CertificateConverter().getCertificate(builder.build(signer));
    }
}
