package dev.ordo.ledgernode.remote;

import dev.ordo.ledgernode.channel.ChannelDirectory;
import dev.ordo.ledgernode.channel.PeerChannel;
import dev.ordo.membership.tls.ReloadableTrustManager;
import java.security.cert.X509Certificate;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Which TLS client certificates the node's gRPC server accepts: those chaining to its own TLS
 * roots, the extra roots it is configured with, or the TLS roots of any organisation of a
 * channel it has joined, as the channels are at each handshake (a joined channel or a config
 * update takes effect at the next one).
 */
public final class ChannelTlsTrust {
    private ChannelTlsTrust() {
    }

    /** A trust manager following the channels of {@code channels} (which may not exist yet), on top of {@code fixedRoots}. */
    public static ReloadableTrustManager of(List<X509Certificate> fixedRoots, Supplier<ChannelDirectory> channels) {
        List<X509Certificate> fixed = List.copyOf(fixedRoots);
        return ReloadableTrustManager.following(() -> {
            Set<X509Certificate> roots = new LinkedHashSet<>(fixed);
            ChannelDirectory directory = channels.get();
            if (directory != null) {
                for (PeerChannel channel : directory.channels()) {
                    roots.addAll(channel.rules().msp().tlsRoots());
                }
            }
            return roots;
        });
    }
}
