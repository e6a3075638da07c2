package dev.ordo.ordering.broadcast;

import dev.ordo.membership.tls.ReloadableTrustManager;
import dev.ordo.ordering.OrdererNode;
import dev.ordo.ordering.channel.ChannelRuntime;
import java.security.cert.X509Certificate;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The TLS client roots of the Broadcast/Deliver server, as Fabric orderers keep them: the
 * orderer's own TLS roots and the configured {@code client-root-cas}, plus the TLS root
 * certificates of every organisation in every channel this orderer serves, as the channels are
 * at each handshake. A client of an organisation added by a config update can connect at once,
 * without a restart; one whose organisation left every channel cannot open new connections.
 */
public final class ClientTlsTrust {
  private ClientTlsTrust() {
  }

  /** A trust manager following {@code node}'s channels, on top of {@code staticRoots}. */
  public static ReloadableTrustManager of(List<X509Certificate> staticRoots, OrdererNode node) {
    List<X509Certificate> fixed = List.copyOf(staticRoots);
    return ReloadableTrustManager.following(() -> {
      Set<X509Certificate> roots = new LinkedHashSet<>(fixed);
      for (ChannelRuntime runtime : node.channels()) {
        // Parsed and checked when the channel's config was loaded.
        roots.addAll(runtime.channel().state().msp().tlsRoots());
      }
      return roots;
    });
  }
}
