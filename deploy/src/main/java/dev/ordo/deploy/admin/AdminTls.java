package dev.ordo.deploy.admin;

import dev.ordo.membership.crypto.EcKeys;
import dev.ordo.membership.crypto.Pem;
import dev.ordo.membership.crypto.PemException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * The JDK TLS context an organisation admin uses on a node's admin port (mutual TLS): the
 * admin's TLS client certificate and key from its Fabric {@code tls/} folder
 * ({@code client.crt}, {@code client.key}), trusting only the given CA certificates.
 */
public final class AdminTls {
    private static final char[] IN_MEMORY = new char[0];

    private AdminTls() {
    }

    public static SSLContext context(Path adminTlsDir, List<X509Certificate> trustedRoots) throws IOException {
        Path certificateFile = adminTlsDir.resolve("client.crt");
        Path keyFile = adminTlsDir.resolve("client.key");
        try {
            List<X509Certificate> chain = Pem.decodeCertificates(Files.readAllBytes(certificateFile));
            PrivateKey key = EcKeys.toJdkPrivateKey(Pem.decodePrivateKey(Files.readAllBytes(keyFile)));
            KeyStore keys = KeyStore.getInstance("PKCS12");
            keys.load(null, null);
            keys.setKeyEntry("admin", key, IN_MEMORY, chain.toArray(X509Certificate[]::new));
            KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keyManagers.init(keys, IN_MEMORY);
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            for (int i = 0; i < trustedRoots.size(); i++) {
                trust.setCertificateEntry("root-" + i, trustedRoots.get(i));
            }
            TrustManagerFactory trustManagers = TrustManagerFactory.getInstance(
                    TrustManagerFactory.getDefaultAlgorithm());
            trustManagers.init(trust);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keyManagers.getKeyManagers(), trustManagers.getTrustManagers(), new SecureRandom());
            return context;
        } catch (PemException e) {
            throw new IOException(adminTlsDir + ": " + e.getMessage(), e);
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot build the admin TLS context from " + adminTlsDir + ": " + e.getMessage(), e);
        }
    }

    /** The certificates of a PEM file. */
    public static List<X509Certificate> certificates(Path pemFile) throws IOException {
        try {
            return Pem.decodeCertificates(Files.readAllBytes(pemFile));
        } catch (PemException e) {
            throw new IOException(pemFile + ": " + e.getMessage(), e);
        }
    }
}
