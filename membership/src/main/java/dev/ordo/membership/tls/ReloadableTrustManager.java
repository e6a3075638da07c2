package dev.ordo.membership.tls;

import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * A TLS trust manager whose trusted roots can be replaced while servers run: the roots a node
 * accepts clients from follow the channel configurations it serves (each organisation's TLS
 * root certificates), as Fabric's orderers and peers do, so adding an organisation to a
 * channel lets its clients connect without a restart. Each handshake uses the roots in force
 * when it starts; checks are the JDK's PKIX validation. Thread-safe.
 */
public final class ReloadableTrustManager extends X509ExtendedTrustManager {
    private volatile Trust current;

    private record Trust(List<X509Certificate> roots, X509ExtendedTrustManager delegate) {
    }

    /**
     * A trust manager trusting {@code roots}.
     *
     * @throws IllegalArgumentException if {@code roots} is empty
     */
    public ReloadableTrustManager(Collection<X509Certificate> roots) {
        this.current = trustOf(roots);
    }

    /**
     * Trusts exactly {@code roots} from the next handshake on (duplicates are dropped).
     *
     * @return whether the set of roots changed
     * @throws IllegalArgumentException if {@code roots} is empty
     */
    public synchronized boolean setTrustedRoots(Collection<X509Certificate> roots) {
        Trust next = trustOf(roots);
        if (new LinkedHashSet<>(next.roots()).equals(new LinkedHashSet<>(current.roots()))) {
            return false;
        }
        current = next;
        return true;
    }

    /** The roots trusted now. */
    public List<X509Certificate> trustedRoots() {
        return current.roots();
    }

    private static Trust trustOf(Collection<X509Certificate> roots) {
        List<X509Certificate> unique = List.copyOf(new LinkedHashSet<>(Objects.requireNonNull(roots, "roots")));
        if (unique.isEmpty()) {
            throw new IllegalArgumentException("at least one trusted root certificate is needed");
        }
        try {
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            for (int i = 0; i < unique.size(); i++) {
                store.setCertificateEntry("root-" + i, unique.get(i));
            }
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(store);
            for (TrustManager manager : factory.getTrustManagers()) {
                if (manager instanceof X509ExtendedTrustManager x509) {
                    return new Trust(unique, x509);
                }
            }
            throw new IllegalStateException("the JDK's default TrustManagerFactory offers no X509ExtendedTrustManager");
        } catch (GeneralSecurityException | java.io.IOException e) {
            throw new IllegalStateException("cannot build a trust store: " + e.getMessage(), e);
        }
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        current.delegate().checkClientTrusted(chain, authType);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        current.delegate().checkClientTrusted(chain, authType, socket);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        current.delegate().checkClientTrusted(chain, authType, engine);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        current.delegate().checkServerTrusted(chain, authType);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        current.delegate().checkServerTrusted(chain, authType, socket);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        current.delegate().checkServerTrusted(chain, authType, engine);
    }

    /**
     * None: a server advertises these CA names to clients, and Netty's OpenSSL engine fixes that
     * list when the TLS context is built, so a client of a root added later would withhold its
     * certificate. An empty list makes every client present its certificate, which is then
     * judged against the current roots.
     */
    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return new X509Certificate[0];
    }
}
