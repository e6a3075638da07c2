package dev.ordo.membership.tls;

import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * A TLS trust manager whose trusted roots can change while servers run: the roots a node
 * accepts clients from follow the channel configurations it serves (each organisation's TLS
 * root certificates), as Fabric's orderers and peers do, so adding an organisation to a
 * channel lets its clients connect without a restart. Roots are either set
 * ({@link #setTrustedRoots}) or read from a source at the start of every check
 * ({@link #following}); the JDK's PKIX trust manager behind them is rebuilt only when the set
 * of roots changes. Thread-safe.
 */
public final class ReloadableTrustManager extends X509ExtendedTrustManager {
    private final Supplier<? extends Collection<X509Certificate>> source;
    private volatile Trust current;

    private record Trust(Set<X509Certificate> roots, X509ExtendedTrustManager delegate) {
    }

    /**
     * A trust manager trusting {@code roots} until {@link #setTrustedRoots} replaces them.
     *
     * @throws IllegalArgumentException if {@code roots} is empty
     */
    public ReloadableTrustManager(Collection<X509Certificate> roots) {
        this(null, roots);
    }

    private ReloadableTrustManager(Supplier<? extends Collection<X509Certificate>> source,
            Collection<X509Certificate> roots) {
        this.source = source;
        this.current = trustOf(new LinkedHashSet<>(Objects.requireNonNull(roots, "roots")));
    }

    /**
     * A trust manager trusting, at every handshake, the roots {@code source} gives then (it must
     * be cheap: it runs once per check, e.g. a union of already parsed certificates).
     *
     * @throws IllegalArgumentException if {@code source} gives no root now
     */
    public static ReloadableTrustManager following(Supplier<? extends Collection<X509Certificate>> source) {
        return new ReloadableTrustManager(Objects.requireNonNull(source, "source"), source.get());
    }

    /**
     * Trusts exactly {@code roots} from the next handshake on (duplicates are dropped).
     *
     * @return whether the set of roots changed
     * @throws IllegalArgumentException if {@code roots} is empty
     */
    public synchronized boolean setTrustedRoots(Collection<X509Certificate> roots) {
        Set<X509Certificate> next = new LinkedHashSet<>(Objects.requireNonNull(roots, "roots"));
        if (next.equals(current.roots())) {
            return false;
        }
        current = trustOf(next);
        return true;
    }

    /** The roots trusted now. */
    public List<X509Certificate> trustedRoots() {
        return List.copyOf(trust().roots());
    }

    private Trust trust() {
        if (source != null) {
            setTrustedRoots(source.get());
        }
        return current;
    }

    private static Trust trustOf(Set<X509Certificate> roots) {
        if (roots.isEmpty()) {
            throw new IllegalArgumentException("at least one trusted root certificate is needed");
        }
        try {
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            int i = 0;
            for (X509Certificate root : roots) {
                store.setCertificateEntry("root-" + i++, root);
            }
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(store);
            for (TrustManager manager : factory.getTrustManagers()) {
                if (manager instanceof X509ExtendedTrustManager x509) {
                    return new Trust(Collections.unmodifiableSet(roots), x509);
                }
            }
            throw new IllegalStateException("the JDK's default TrustManagerFactory offers no X509ExtendedTrustManager");
        } catch (GeneralSecurityException | java.io.IOException e) {
            throw new IllegalStateException("cannot build a trust store: " + e.getMessage(), e);
        }
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        trust().delegate().checkClientTrusted(chain, authType);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        trust().delegate().checkClientTrusted(chain, authType, socket);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        trust().delegate().checkClientTrusted(chain, authType, engine);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        trust().delegate().checkServerTrusted(chain, authType);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        trust().delegate().checkServerTrusted(chain, authType, socket);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        trust().delegate().checkServerTrusted(chain, authType, engine);
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
