package dev.ordo.membership.msp;

import dev.ordo.proto.v1.NodeOUs;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * Fabric's MSP {@code config.yaml}, of which Ordo reads and writes the {@code NodeOUs}
 * section:
 *
 * <pre>
 * NodeOUs:
 *   Enable: true
 *   ClientOUIdentifier:
 *     Certificate: cacerts/ca.org1.example.com-cert.pem
 *     OrganizationalUnitIdentifier: client
 *   PeerOUIdentifier: ...
 *   AdminOUIdentifier: ...
 *   OrdererOUIdentifier: ...
 * </pre>
 */
public final class NodeOuConfigFile {
    public static final String FILE_NAME = "config.yaml";

    private NodeOuConfigFile() {
    }

    /** Fabric's default NodeOUs (enabled, OUs client/peer/admin/orderer). */
    public static NodeOUs defaults() {
        return NodeOUs.newBuilder().setEnable(true).setClientOu("client").setPeerOu("peer")
                .setAdminOu("admin").setOrdererOu("orderer").build();
    }

    /**
     * The NodeOUs of an MSP folder's {@code config.yaml}; a folder without one, or a file
     * without a {@code NodeOUs} section, gives NodeOUs that are not enabled.
     *
     * @throws IOException if the file is unreadable or not the expected YAML, naming the key
     */
    public static NodeOUs read(Path mspDir) throws IOException {
        Path file = mspDir.resolve(FILE_NAME);
        if (!Files.isRegularFile(file)) {
            return NodeOUs.getDefaultInstance();
        }
        Object document;
        try {
            document = new Yaml(new SafeConstructor(new LoaderOptions())).load(Files.readString(file, StandardCharsets.UTF_8));
        } catch (YAMLException e) {
            throw new IOException(file + ": not valid YAML: " + e.getMessage(), e);
        }
        if (document == null) {
            return NodeOUs.getDefaultInstance();
        }
        if (!(document instanceof Map<?, ?> root)) {
            throw new IOException(file + ": expected a mapping at the top level");
        }
        Object section = root.get("NodeOUs");
        if (section == null) {
            return NodeOUs.getDefaultInstance();
        }
        if (!(section instanceof Map<?, ?> nodeOus)) {
            throw new IOException(file + ": NodeOUs must be a mapping");
        }
        Object enable = nodeOus.get("Enable");
        if (enable != null && !(enable instanceof Boolean)) {
            throw new IOException(file + ": NodeOUs.Enable must be true or false");
        }
        return NodeOUs.newBuilder()
                .setEnable(Boolean.TRUE.equals(enable))
                .setClientOu(identifier(file, nodeOus, "ClientOUIdentifier"))
                .setPeerOu(identifier(file, nodeOus, "PeerOUIdentifier"))
                .setAdminOu(identifier(file, nodeOus, "AdminOUIdentifier"))
                .setOrdererOu(identifier(file, nodeOus, "OrdererOUIdentifier"))
                .build();
    }

    /** Writes {@code config.yaml} with NodeOUs enabled, each identifier bound to {@code caCertificatePath}. */
    public static void write(Path mspDir, NodeOUs nodeOus, String caCertificatePath) throws IOException {
        String yaml = "NodeOUs:\n"
                + "  Enable: " + nodeOus.getEnable() + "\n"
                + entry("ClientOUIdentifier", caCertificatePath, nodeOus.getClientOu())
                + entry("PeerOUIdentifier", caCertificatePath, nodeOus.getPeerOu())
                + entry("AdminOUIdentifier", caCertificatePath, nodeOus.getAdminOu())
                + entry("OrdererOUIdentifier", caCertificatePath, nodeOus.getOrdererOu());
        Files.writeString(mspDir.resolve(FILE_NAME), yaml, StandardCharsets.UTF_8);
    }

    private static String entry(String key, String certificate, String ou) {
        return "  " + key + ":\n"
                + "    Certificate: " + certificate + "\n"
                + "    OrganizationalUnitIdentifier: " + ou + "\n";
    }

    private static String identifier(Path file, Map<?, ?> nodeOus, String key) throws IOException {
        Object value = nodeOus.get(key);
        if (value == null) {
            return "";
        }
        if (!(value instanceof Map<?, ?> identifier)) {
            throw new IOException(file + ": NodeOUs." + key + " must be a mapping");
        }
        Object ou = identifier.get("OrganizationalUnitIdentifier");
        if (ou != null && !(ou instanceof String)) {
            throw new IOException(file + ": NodeOUs." + key + ".OrganizationalUnitIdentifier must be a string");
        }
        return ou == null ? "" : (String) ou;
    }
}
