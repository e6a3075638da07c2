package dev.ordo.ledgernode.remote;

import dev.ordo.ledgernode.channel.ChannelDirectory;
import dev.ordo.ledgernode.channel.PeerChannel;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * Which TLS client certificates the node's gRPC server accepts: those chaining to its own TLS
 * roots, the extra roots it is configured with, or the TLS roots of any organisation of a
 * channel it has joined, as the channels are now (a joined channel or a config update takes
 * effect at the next handshake).
 */
public final class ChannelTlsTrust implements X509TrustManager {
    private final List<X509Certificate> fixedRoots;
    private final Supplier<ChannelDirectory> channels;

    public ChannelTlsTrust(List<X509Certificate> fixedRoots, Supplier<ChannelDirectory> channels) {
        this.fixedRoots = List.copyOf(fixedRoots);
        this.channels = channels;
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        current().checkClientTrusted(chain, authType);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        current().checkServerTrusted(chain, authType);
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return roots().toArray(new X509Certificate[0]);
    }

    private Set<X509Certificate> roots() {
        Set<X509Certificate> roots = new LinkedHashSet<>(fixedRoots);
        ChannelDirectory directory = channels.get();
        if (directory != null) {
            for (PeerChannel channel : directory.channels()) {
                roots.addAll(channel.rules().msp().tlsRoots());
            }
        }
        return roots;
    }

    private X509TrustManager current() throws CertificateException {
        try {
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            int i = 0;
            for (X509Certificate root : roots()) {
                store.setCertificateEntry("root-" + i++, root);
            }
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(store);
            for (TrustManager manager : factory.getTrustManagers()) {
                if (manager instanceof X509TrustManager x509) {
                    return x509;
                }
            }
            throw new CertificateException("no X.509 trust manager available");
        } catch (GeneralSecurityException | java.io.IOException e) {
            throw new CertificateException("cannot build the TLS trust store: " + e.getMessage(), e);
        }
    }
}
