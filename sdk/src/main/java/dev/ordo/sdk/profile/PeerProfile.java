package dev.ordo.sdk.profile;

import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One gateway peer of an organisation: its name, network address, the TLS CA certificates
 * its TLS certificate must chain to, and optionally the host name to verify that certificate
 * against when it differs from the address's host (Fabric's {@code ssl-target-name-override};
 * e.g. connecting to {@code localhost:7051} a peer whose certificate names
 * {@code peer0.org1.example.com}).
 *
 * @param name the peer's name (for messages and {@code --peer})
 * @param host the host to connect to
 * @param port the TCP port to connect to
 * @param tlsHostOverride the TLS authority to use instead of {@code host}, if any
 * @param tlsCaCertFile the PEM file of the trusted TLS CA certificates
 * @param tlsRootCertificates the certificates read from it (at least one)
 */
public record PeerProfile(String name, String host, int port, Optional<String> tlsHostOverride, Path tlsCaCertFile,
                          List<X509Certificate> tlsRootCertificates) {
    public PeerProfile {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(tlsHostOverride, "tlsHostOverride");
        Objects.requireNonNull(tlsCaCertFile, "tlsCaCertFile");
        tlsRootCertificates = List.copyOf(tlsRootCertificates);
        if (port < 1 || port > 65_535) {
            throw new IllegalArgumentException("port " + port + " is not between 1 and 65535");
        }
        if (tlsRootCertificates.isEmpty()) {
            throw new IllegalArgumentException("peer " + name + " has no TLS CA certificate");
        }
    }

    /** {@code host:port} (IPv6 hosts in brackets). */
    public String address() {
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }

    /** The host name the peer's TLS certificate is verified against. */
    public String tlsAuthority() {
        return tlsHostOverride.orElse(host);
    }

    @Override
    public String toString() {
        return name + " (" + address() + (tlsHostOverride.isPresent() ? ", TLS name " + tlsHostOverride.get() : "") + ")";
    }
}
