package dev.ordo.sdk;

import dev.ordo.membership.crypto.EcKeys;
import dev.ordo.membership.tls.TlsMaterial;
import dev.ordo.sdk.profile.Credential;
import dev.ordo.sdk.profile.GatewayTimeouts;
import dev.ordo.sdk.profile.NetworkProfile;
import dev.ordo.sdk.profile.NetworkProfileException;
import dev.ordo.sdk.profile.OrganizationProfile;
import dev.ordo.sdk.profile.PeerProfile;
import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContext;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContextBuilder;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLException;
import org.hyperledger.fabric.client.Gateway;
import org.hyperledger.fabric.client.Network;
import org.hyperledger.fabric.client.identity.Signer;

/**
 * The official Fabric Gateway client ({@link Gateway}) connected to one organisation's
 * gateway peer as a {@link NetworkProfile} describes it, together with the gRPC channel it
 * runs on; {@link #close()} closes both.
 *
 * <pre>
 * NetworkProfile profile = NetworkProfile.load(Path.of("network.yaml"));
 * try (OrdoGateway connection = OrdoGateway.connect(profile, "Org1MSP")) {
 *     Contract contract = connection.getNetwork("mychannel").getContract("basic");
 *     byte[] result = contract.submitTransaction("CreateAsset", "asset1", "blue");
 * }
 * </pre>
 *
 * <p>What it sets up: TLS trusting only the peer's TLS CA from the profile (and presenting the
 * organisation's client TLS certificate if the profile has one, with the certificate hash the
 * client puts into Deliver requests); the TLS host-name override for test networks whose
 * certificates name {@code peer0.org1.example.com} while you connect to {@code localhost};
 * an inbound message limit of 100 MiB as Fabric's (gRPC Java's default of 4 MiB is too small
 * for large blocks); the profile's call deadlines; the user's {@code X509Identity} and a fast
 * signer from {@link dev.ordo.sdk.identity.OrdoSigners}. The connection is made lazily on the first call, as the
 * Fabric client does. Optional settings go through {@link #newInstance(NetworkProfile, String)}.
 */
public final class OrdoGateway implements AutoCloseable {
    /** Fabric's gRPC message size limit. */
    public static final int DEFAULT_MAX_INBOUND_MESSAGE_BYTES = 100 * 1024 * 1024;
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(5);
    private static final String[] TLS_PROTOCOLS = {"TLSv1.3", "TLSv1.2"};

    private final Gateway gateway;
    private final ManagedChannel channel;
    private final NetworkProfile profile;
    private final OrganizationProfile organization;
    private final PeerProfile peer;

    private OrdoGateway(Gateway gateway, ManagedChannel channel, NetworkProfile profile,
                        OrganizationProfile organization, PeerProfile peer) {
        this.gateway = gateway;
        this.channel = channel;
        this.profile = profile;
        this.organization = organization;
        this.peer = peer;
    }

    /**
     * Connects to the default (first) peer of organisation {@code mspId} with the profile's
     * settings.
     *
     * @throws GatewayConnectException if the profile has no such organisation or its TLS
     *     material cannot be used
     */
    public static OrdoGateway connect(NetworkProfile profile, String mspId) throws GatewayConnectException {
        return newInstance(profile, mspId).connect();
    }

    /** A builder for a connection with optional settings (peer, deadlines, signer, message limit). */
    public static Builder newInstance(NetworkProfile profile, String mspId) {
        return new Builder(profile, mspId);
    }

    /** The Fabric client, for everything the client offers. */
    public Gateway gateway() {
        return gateway;
    }

    /** The network (channel) of that name, as {@code gateway().getNetwork(name)}. */
    public Network getNetwork(String channelName) {
        return gateway.getNetwork(channelName);
    }

    /**
     * The profile's default channel.
     *
     * @throws IllegalStateException if the profile names no channel
     */
    public Network getNetwork() {
        return gateway.getNetwork(profile.channel().orElseThrow(() -> new IllegalStateException(
                profile.source() + " names no default channel; pass a channel name")));
    }

    /** The gRPC channel to the peer, for Fabric services the Gateway client does not wrap. */
    public ManagedChannel grpcChannel() {
        return channel;
    }

    /** The organisation this connection acts for. */
    public OrganizationProfile organization() {
        return organization;
    }

    /** The peer this connection talks to. */
    public PeerProfile peer() {
        return peer;
    }

    /** Closes the Fabric client, then the gRPC channel (waiting up to 5 s for calls in flight). */
    @Override
    public void close() {
        try {
            gateway.close();
        } finally {
            channel.shutdown();
            try {
                if (!channel.awaitTermination(CLOSE_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                    channel.shutdownNow();
                }
            } catch (InterruptedException e) {
                channel.shutdownNow();
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public String toString() {
        return "OrdoGateway[" + organization.mspId() + " via " + peer + "]";
    }

    /**
     * Optional settings of a connection; unset ones come from the profile or Fabric's
     * defaults. Not thread-safe; build one connection per builder.
     */
    public static final class Builder {
        private final NetworkProfile profile;
        private final String mspId;
        private String peerName;
        private GatewayTimeouts timeouts;
        private Signer signer;
        private int maxInboundMessageBytes = DEFAULT_MAX_INBOUND_MESSAGE_BYTES;

        private Builder(NetworkProfile profile, String mspId) {
            this.profile = Objects.requireNonNull(profile, "profile");
            this.mspId = Objects.requireNonNull(mspId, "mspId");
        }

        /** Talk to this peer of the organisation instead of the first one listed. */
        public Builder peer(String name) {
            this.peerName = Objects.requireNonNull(name, "name");
            return this;
        }

        /** Call deadlines instead of the profile's. */
        public Builder timeouts(GatewayTimeouts timeouts) {
            this.timeouts = Objects.requireNonNull(timeouts, "timeouts");
            return this;
        }

        /**
         * Sign with this signer (an HSM, say) instead of one over the profile user's private
         * key; it must sign for the user's certificate.
         */
        public Builder signer(Signer signer) {
            this.signer = Objects.requireNonNull(signer, "signer");
            return this;
        }

        /** The largest gRPC message accepted from the peer (default 100 MiB, Fabric's). */
        public Builder maxInboundMessageBytes(int bytes) {
            if (bytes < 4 * 1024 * 1024) {
                throw new IllegalArgumentException("inbound message limit " + bytes + " is below gRPC's 4 MiB default");
            }
            this.maxInboundMessageBytes = bytes;
            return this;
        }

        /**
         * Builds the channel and the Fabric client. No network traffic happens yet.
         *
         * @throws GatewayConnectException if the organisation or peer is not in the profile,
         *     or its TLS or signing material cannot be used
         */
        public OrdoGateway connect() throws GatewayConnectException {
            OrganizationProfile organization;
            try {
                organization = profile.organization(mspId);
            } catch (NetworkProfileException e) {
                throw new GatewayConnectException(e.getMessage(), e);
            }
            PeerProfile peer = peerName == null ? organization.defaultPeer()
                    : organization.peer(peerName).orElseThrow(() -> new GatewayConnectException(profile.source()
                            + ": organisation " + mspId + " has no peer '" + peerName + "'; it has "
                            + organization.peers().stream().map(PeerProfile::name).toList()));
            Signer userSigner;
            try {
                userSigner = signer != null ? signer : organization.signer();
            } catch (IllegalArgumentException e) {
                throw new GatewayConnectException(organization.user().privateKeyFile() + ": " + e.getMessage(), e);
            }
            GatewayTimeouts deadlines = timeouts != null ? timeouts : profile.timeouts();

            ManagedChannel channel = channel(peer, organization);
            try {
                Gateway.Builder builder = Gateway.newInstance()
                        .identity(organization.identity())
                        .signer(userSigner)
                        .connection(channel)
                        .evaluateOptions(options -> options.withDeadlineAfter(deadlines.evaluate().toMillis(), TimeUnit.MILLISECONDS))
                        .endorseOptions(options -> options.withDeadlineAfter(deadlines.endorse().toMillis(), TimeUnit.MILLISECONDS))
                        .submitOptions(options -> options.withDeadlineAfter(deadlines.submit().toMillis(), TimeUnit.MILLISECONDS))
                        .commitStatusOptions(options -> options.withDeadlineAfter(deadlines.commitStatus().toMillis(),
                                TimeUnit.MILLISECONDS));
                organization.clientTls().ifPresent(tls -> builder.tlsClientCertificateHash(
                        TlsMaterial.certificateHash(tls.certificate())));
                return new OrdoGateway(builder.connect(), channel, profile, organization, peer);
            } catch (RuntimeException e) {
                channel.shutdownNow();
                throw new GatewayConnectException("cannot set up the gateway client for " + mspId + ": " + e.getMessage(), e);
            }
        }

        private ManagedChannel channel(PeerProfile peer, OrganizationProfile organization) throws GatewayConnectException {
            NettyChannelBuilder builder = NettyChannelBuilder.forAddress(peer.host(), peer.port())
                    .sslContext(sslContext(peer, organization))
                    .maxInboundMessageSize(maxInboundMessageBytes);
            peer.tlsHostOverride().ifPresent(builder::overrideAuthority);
            return builder.build();
        }

        private static SslContext sslContext(PeerProfile peer, OrganizationProfile organization)
                throws GatewayConnectException {
            try {
                SslContextBuilder tls = GrpcSslContexts.forClient()
                        .trustManager(peer.tlsRootCertificates().toArray(X509Certificate[]::new))
                        .protocols(TLS_PROTOCOLS);
                if (organization.clientTls().isPresent()) {
                    Credential client = organization.clientTls().get();
                    tls.keyManager(EcKeys.toJdkPrivateKey(client.privateKey()), client.certificate());
                }
                return tls.build();
            } catch (SSLException | IllegalArgumentException e) {
                throw new GatewayConnectException("cannot build the TLS context for peer " + peer + " (CA "
                        + peer.tlsCaCertFile() + "): " + e.getMessage(), e);
            }
        }
    }
}
