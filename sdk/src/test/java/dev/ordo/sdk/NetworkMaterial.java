package dev.ordo.sdk;

import dev.ordo.membership.cryptogen.CryptoLayout;
import dev.ordo.membership.cryptogen.CryptoMaterialGenerator;
import dev.ordo.membership.cryptogen.NetworkSpec;
import dev.ordo.membership.cryptogen.OrganizationSpec;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Real crypto material for two peer organisations (Org1MSP, Org2MSP; one peer and User1 each),
 * written by membership's generator into a folder, plus the sample network profile from the
 * test resources copied next to it so that its relative paths resolve.
 */
public final class NetworkMaterial {
    public static final String ORG1 = "Org1MSP";
    public static final String ORG2 = "Org2MSP";
    public static final String ORG1_DOMAIN = "org1.example.com";
    public static final String ORG2_DOMAIN = "org2.example.com";

    private final Path dir;
    private final CryptoLayout layout;

    private NetworkMaterial(Path dir) {
        this.dir = dir;
        this.layout = CryptoLayout.of(dir);
    }

    /** Generates the material below {@code dir}. */
    public static NetworkMaterial generate(Path dir) {
        try {
            CryptoMaterialGenerator.generate(NetworkSpec.of(List.of(), List.of(
                    OrganizationSpec.peers("Org1", ORG1_DOMAIN, 1, 1),
                    OrganizationSpec.peers("Org2", ORG2_DOMAIN, 1, 1))), dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new NetworkMaterial(dir);
    }

    public Path dir() {
        return dir;
    }

    public CryptoLayout layout() {
        return layout;
    }

    public Path peerDir(String domain) {
        return layout.peer(domain, "peer0");
    }

    public Path userDir(String domain) {
        return layout.peerUser(domain, "User1");
    }

    public Path orgMsp(String domain) {
        return layout.peerOrganization(domain).resolve("msp");
    }

    /** The sample profile text from the test resources. */
    public static String sampleProfile() {
        try (InputStream in = NetworkMaterial.class.getResourceAsStream("/network-profile.yaml")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A profile for Org1MSP (and Org2MSP's identity, for a second organisation) pointing at a
     * gateway on 127.0.0.1:{@code port}.
     *
     * @param tlsCaDomain whose TLS CA the client trusts
     * @param tlsHostOverride the TLS name to verify, or null to verify the address host
     * @param clientTls whether to present User1's TLS client certificate
     */
    public Path gatewayProfile(String name, int port, String tlsCaDomain, String tlsHostOverride, boolean clientTls) {
        Path user = userDir(ORG1_DOMAIN);
        StringBuilder yaml = new StringBuilder()
                .append("channel: mychannel\n")
                .append("organizations:\n")
                .append("  Org1MSP:\n")
                .append("    peers:\n")
                .append("      - name: peer0.org1.example.com\n")
                .append("        address: 127.0.0.1:").append(port).append('\n');
        if (tlsHostOverride != null) {
            yaml.append("        tlsHostOverride: ").append(tlsHostOverride).append('\n');
        }
        yaml.append("        tlsCaCert: ").append(layout.peerOrganization(tlsCaDomain).resolve("tlsca")
                        .resolve("tlsca." + tlsCaDomain + "-cert.pem")).append('\n')
                .append("    user:\n")
                .append("      mspDir: ").append(user.resolve("msp")).append('\n');
        if (clientTls) {
            yaml.append("    clientTls:\n")
                    .append("      certificate: ").append(user.resolve("tls/client.crt")).append('\n')
                    .append("      privateKey: ").append(user.resolve("tls/client.key")).append('\n');
        }
        return writeProfile(name, yaml.toString());
    }

    /** Writes {@code text} as a profile file in the material folder. */
    public Path writeProfile(String name, String text) {
        try {
            return Files.writeString(dir.resolve(name), text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
