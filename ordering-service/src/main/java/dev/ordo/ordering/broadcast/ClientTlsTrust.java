package dev.ordo.ordering.broadcast;

import com.google.protobuf.ByteString;
import dev.ordo.membership.crypto.Pem;
import dev.ordo.membership.crypto.PemException;
import dev.ordo.membership.tls.ReloadableTrustManager;
import dev.ordo.ordering.OrdererNode;
import dev.ordo.ordering.channel.ChannelRuntime;
import dev.ordo.proto.v1.ChannelConfig;
import dev.ordo.proto.v1.Organization;
import java.security.cert.X509Certificate;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The TLS client roots of the Broadcast/Deliver server, as Fabric orderers keep them: the
 * orderer's own TLS roots and the configured {@code client-root-cas}, plus the TLS root
 * certificates of every organisation in every channel this orderer serves, recomputed when a
 * channel is joined or removed and when a config block changes a channel. A client of an
 * organisation added by a config update can connect at once, without a restart; one whose
 * organisation left every channel cannot open new connections.
 */
public final class ClientTlsTrust {
  private static final Logger log = LoggerFactory.getLogger(ClientTlsTrust.class);

  private final List<X509Certificate> staticRoots;
  private final OrdererNode node;
  private final ReloadableTrustManager trustManager;

  public ClientTlsTrust(List<X509Certificate> staticRoots, OrdererNode node) {
    this.staticRoots = List.copyOf(staticRoots);
    this.node = node;
    this.trustManager = new ReloadableTrustManager(rootsNow());
    node.onChannelConfigChange(this::refresh);
    refresh(); // a change between the two lines above is not lost
  }

  /** The trust manager the server's TLS context uses. */
  public ReloadableTrustManager trustManager() {
    return trustManager;
  }

  /** Recomputes the roots from the channels served now. */
  public synchronized void refresh() {
    Set<X509Certificate> roots = rootsNow();
    if (trustManager.setTrustedRoots(roots)) {
      log.info("Broadcast/Deliver TLS: trusting {} client root CA(s) from {} channel(s) and the static configuration",
          roots.size(), node.channels().size());
    }
  }

  private Set<X509Certificate> rootsNow() {
    Set<X509Certificate> roots = new LinkedHashSet<>(staticRoots);
    for (ChannelRuntime runtime : node.channels()) {
      ChannelConfig config = runtime.channel().state().config();
      for (Organization org : config.getOrganizationsList()) {
        for (ByteString pem : org.getTlsRootCertsList()) {
          try {
            roots.addAll(Pem.decodeCertificates(pem.toByteArray()));
          } catch (PemException e) {
            // Config updates are validated before they apply; a bad entry here came from a
            // genesis block and must not take every other organisation's clients down.
            log.warn("channel {}: a TLS root certificate of {} is unreadable and not trusted: {}",
                config.getChannelId(), org.getMspId(), e.getMessage());
          }
        }
      }
    }
    return roots;
  }
}
