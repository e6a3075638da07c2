package dev.ordo.deploy.profile;

import dev.ordo.sdk.profile.NetworkProfile;
import dev.ordo.sdk.profile.NetworkProfileException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * Writes the network profile ({@link NetworkProfile}'s YAML format, paths relative to the
 * profile's folder) that the {@code ordo} CLI and {@code OrdoGateway} connect with, and checks it
 * by loading it back.
 */
public final class NetworkProfileWriter {
    private NetworkProfileWriter() {
    }

    /**
     * @return the profile as the SDK reads it
     * @throws IOException if it cannot be written or does not load back
     */
    public static NetworkProfile write(Path file, String channelId, List<OrganizationAccess> organizations)
            throws IOException {
        Path base = file.toAbsolutePath().getParent();
        Map<String, Object> orgs = new LinkedHashMap<>();
        for (OrganizationAccess access : organizations) {
            Map<String, Object> peer = new LinkedHashMap<>();
            peer.put("name", access.peerName());
            peer.put("address", access.endpoint());
            // The peer's TLS certificate names peer0.orgN.example.com (and 127.0.0.1).
            peer.put("tlsHostOverride", access.peerName());
            peer.put("tlsCaCert", relative(base, access.tlsCaCertificate()));
            Map<String, Object> org = new LinkedHashMap<>();
            org.put("peers", List.of(peer));
            org.put("user", Map.of("mspDir", relative(base, access.userMspDir())));
            Map<String, Object> clientTls = new LinkedHashMap<>();
            clientTls.put("certificate", relative(base, access.clientTlsCertificate()));
            clientTls.put("privateKey", relative(base, access.clientTlsKey()));
            org.put("clientTls", clientTls);
            orgs.put(access.mspId(), org);
        }
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("channel", channelId);
        // Generous deadlines: the whole network shares one machine with whatever else runs on it.
        Map<String, Object> timeouts = new LinkedHashMap<>();
        timeouts.put("evaluate", "30s");
        timeouts.put("endorse", "60s");
        timeouts.put("submit", "30s");
        timeouts.put("commitStatus", "2m");
        root.put("timeouts", timeouts);
        root.put("organizations", orgs);
        DumperOptions options = new DumperOptions();
        options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        Files.writeString(file, "# Network profile of the local Ordo network, written by 'ordo-network up'.\n"
                + "# e.g. java -jar sdk/target/ordo-cli.jar evaluate --profile " + file
                + " --org Org1MSP --contract basic GetAllAssets\n"
                + new Yaml(options).dump(root), StandardCharsets.UTF_8);
        try {
            return NetworkProfile.load(file);
        } catch (NetworkProfileException e) {
            throw new IOException("the network profile just written does not load: " + e.getMessage(), e);
        }
    }

    private static String relative(Path base, Path target) {
        return base.relativize(target.toAbsolutePath()).toString();
    }
}
