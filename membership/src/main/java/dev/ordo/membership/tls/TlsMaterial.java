package dev.ordo.membership.tls;

import dev.ordo.membership.crypto.EcKeys;
import dev.ordo.membership.crypto.EcdsaSignatures;
import dev.ordo.membership.crypto.Pem;
import dev.ordo.membership.crypto.PemException;
import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.netty.handler.ssl.ClientAuth;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContext;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContextBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.UnaryOperator;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;

/**
 * A node's or client's TLS key, certificate chain and trusted root CAs, turned into gRPC
 * (netty-shaded) {@link SslContext}s limited to TLS 1.3 and 1.2.
 *
 * <p>{@link #load(Path)} reads Fabric's {@code tls/} folder: {@code server.crt} +
 * {@code server.key} (or, for users, {@code client.crt} + {@code client.key}) and
 * {@code ca.crt} as the trusted roots. A node that talks to other organisations trusts more
 * roots: see {@link #withTrustedRoots(List)}. Immutable.
 */
public final class TlsMaterial {
    private static final String[] PROTOCOLS = {"TLSv1.3", "TLSv1.2"};

    private final PrivateKey privateKey;
    private final List<X509Certificate> certificateChain;
    private final List<X509Certificate> trustedRoots;

    /**
     * @param privateKey the key of {@code certificateChain.get(0)}
     * @param certificateChain the certificate first, then any intermediates
     * @param trustedRoots the CAs peers' certificates must chain to
     * @throws IllegalArgumentException if the chain is empty, no root is given, or the key
     *     does not match the certificate
     */
    public TlsMaterial(PrivateKey privateKey, List<X509Certificate> certificateChain, List<X509Certificate> trustedRoots) {
        Objects.requireNonNull(privateKey, "privateKey");
        if (certificateChain.isEmpty()) {
            throw new IllegalArgumentException("TLS material needs a certificate");
        }
        if (trustedRoots.isEmpty()) {
            throw new IllegalArgumentException("TLS material needs at least one trusted root");
        }
        if (!EcKeys.matches(privateKey, certificateChain.get(0).getPublicKey())) {
            throw new IllegalArgumentException("TLS key does not belong to certificate "
                    + certificateChain.get(0).getSubjectX500Principal().getName());
        }
        this.privateKey = EcKeys.toJdkPrivateKey(privateKey);
        this.certificateChain = List.copyOf(certificateChain);
        this.trustedRoots = List.copyOf(trustedRoots);
    }

    /**
     * Reads a Fabric {@code tls/} folder: {@code server.crt}/{@code server.key} if present,
     * else {@code client.crt}/{@code client.key}; {@code ca.crt} is trusted.
     *
     * @throws IOException if a file is missing or unreadable, naming the file
     */
    public static TlsMaterial load(Path tlsDir) throws IOException {
        String base = Files.exists(tlsDir.resolve("server.crt")) ? "server" : "client";
        Path certificateFile = tlsDir.resolve(base + ".crt");
        Path keyFile = tlsDir.resolve(base + ".key");
        Path caFile = tlsDir.resolve("ca.crt");
        List<X509Certificate> chain = readCertificates(certificateFile);
        List<X509Certificate> roots = readCertificates(caFile);
        PrivateKey key;
        try {
            key = Pem.decodePrivateKey(readRequired(keyFile));
        } catch (PemException e) {
            throw new IOException(keyFile + ": " + e.getMessage(), e);
        }
        try {
            return new TlsMaterial(key, chain, roots);
        } catch (IllegalArgumentException e) {
            throw new IOException(tlsDir + ": " + e.getMessage(), e);
        }
    }

    /**
     * As {@link #load(Path)}, additionally trusting the CA certificates in each of
     * {@code extraTrustedCaFiles} (PEM, one or more certificates per file): how a node trusts
     * the TLS CAs of organisations other than its own.
     *
     * @throws IOException if a file is missing or holds no PEM certificate, naming the file
     */
    public static TlsMaterial load(Path tlsDir, List<Path> extraTrustedCaFiles) throws IOException {
        TlsMaterial own = load(tlsDir);
        List<X509Certificate> roots = new ArrayList<>(own.trustedRoots);
        for (Path file : extraTrustedCaFiles) {
            List<X509Certificate> certificates = readCertificates(file);
            if (certificates.isEmpty()) {
                throw new IOException(file + " holds no certificate");
            }
            roots.addAll(certificates);
        }
        return own.withTrustedRoots(roots);
    }

    /** The same key and certificate, trusting {@code roots} instead. */
    public TlsMaterial withTrustedRoots(List<X509Certificate> roots) {
        return new TlsMaterial(privateKey, certificateChain, roots);
    }

    /**
     * A server context. With {@code requireClientAuth} clients must present a certificate
     * chaining to a trusted root; without it a client certificate is requested and, if
     * presented, must still chain to one.
     */
    public SslContext forServer(boolean requireClientAuth) {
        return forServer(builder -> builder.trustManager(trustedRoots), requireClientAuth);
    }

    /**
     * A server context that judges client certificates with {@code clientTrust} (whose roots
     * may change while the server runs) instead of this material's fixed roots; client
     * certificates are required or, without {@code requireClientAuth}, requested.
     */
    public SslContext forServer(ReloadableTrustManager clientTrust, boolean requireClientAuth) {
        return forServer(builder -> builder.trustManager(clientTrust), requireClientAuth);
    }

    private SslContext forServer(UnaryOperator<SslContextBuilder> trust, boolean requireClientAuth) {
        try {
            return trust.apply(GrpcSslContexts.configure(SslContextBuilder.forServer(privateKey, certificateChain)))
                    .clientAuth(requireClientAuth ? ClientAuth.REQUIRE : ClientAuth.OPTIONAL)
                    .protocols(PROTOCOLS)
                    .build();
        } catch (SSLException e) {
            throw new IllegalStateException("cannot build a TLS server context for "
                    + certificate().getSubjectX500Principal().getName() + ": " + e.getMessage(), e);
        }
    }

    /** A client context that presents this certificate and trusts the configured roots. */
    public SslContext forClient() {
        try {
            return GrpcSslContexts.forClient()
                    .keyManager(privateKey, certificateChain)
                    .trustManager(trustedRoots)
                    .protocols(PROTOCOLS)
                    .build();
        } catch (SSLException e) {
            throw new IllegalStateException("cannot build a TLS client context for "
                    + certificate().getSubjectX500Principal().getName() + ": " + e.getMessage(), e);
        }
    }

    /** This side's certificate. */
    public X509Certificate certificate() {
        return certificateChain.get(0);
    }

    public List<X509Certificate> certificateChain() {
        return certificateChain;
    }

    public List<X509Certificate> trustedRoots() {
        return trustedRoots;
    }

    /** The certificate the other side of a TLS session authenticated with, or null if none. */
    public static X509Certificate peerCertificate(SSLSession session) {
        if (session == null) {
            return null;
        }
        try {
            Certificate[] certificates = session.getPeerCertificates();
            if (certificates.length > 0 && certificates[0] instanceof X509Certificate x509) {
                return x509;
            }
            return null;
        } catch (SSLPeerUnverifiedException e) {
            return null;
        }
    }

    /** SHA-256 of a certificate's DER: Fabric's {@code tls_cert_hash} binding. */
    public static byte[] certificateHash(X509Certificate certificate) {
        try {
            return EcdsaSignatures.sha256(certificate.getEncoded());
        } catch (CertificateEncodingException e) {
            throw new IllegalArgumentException("certificate cannot be encoded: " + e.getMessage(), e);
        }
    }

    private static List<X509Certificate> readCertificates(Path file) throws IOException {
        try {
            return new ArrayList<>(Pem.decodeCertificates(readRequired(file)));
        } catch (PemException e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        }
    }

    private static byte[] readRequired(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException("missing TLS file " + file);
        }
        return Files.readAllBytes(file);
    }
}
