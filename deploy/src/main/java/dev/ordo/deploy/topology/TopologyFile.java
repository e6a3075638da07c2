package dev.ordo.deploy.topology;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * {@code network.yaml}: the {@link NetworkTopology} of a local network, written by {@code up}
 * and read by {@code status}, {@code down} and a later {@code up}.
 */
public final class TopologyFile {
    private TopologyFile() {
    }

    public static void write(NetworkTopology topology, Path file) throws IOException {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("channel", topology.channelId());
        root.put("orderersOnly", topology.orderersOnly());
        List<Map<String, Object>> nodes = new ArrayList<>();
        for (NetworkNode node : topology.nodes()) {
            Map<String, Object> n = new LinkedHashMap<>();
            n.put("name", node.name());
            n.put("kind", node.kind().name());
            n.put("mspId", node.mspId());
            n.put("domain", node.domain());
            n.put("host", node.host());
            Map<String, Object> ports = new LinkedHashMap<>();
            ports.put("grpc", node.ports().grpc());
            if (node.ports().raft() != 0) {
                ports.put("raft", node.ports().raft());
            }
            ports.put("admin", node.ports().admin());
            ports.put("operations", node.ports().operations());
            n.put("ports", ports);
            nodes.add(n);
        }
        root.put("nodes", nodes);
        DumperOptions options = new DumperOptions();
        options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        String text = "# Written by 'ordo-network up': the nodes of this network and their loopback ports.\n"
                + new Yaml(options).dump(root);
        Path temp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(temp, text, StandardCharsets.UTF_8);
        Files.move(temp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    /**
     * Reads a topology file.
     *
     * @throws IOException if the file cannot be read or a field is missing or wrong, naming both
     */
    public static NetworkTopology read(Path file) throws IOException {
        Object parsed;
        try {
            parsed = new Yaml(new SafeConstructor(new LoaderOptions())).load(Files.readString(file));
        } catch (YAMLException e) {
            throw new IOException(file + ": not valid YAML: " + e.getMessage(), e);
        }
        try {
            Map<?, ?> root = map(parsed, "the document");
            List<NetworkNode> nodes = new ArrayList<>();
            Object list = root.get("nodes");
            if (!(list instanceof List<?> entries)) {
                throw new IllegalArgumentException("nodes: a list is required");
            }
            for (int i = 0; i < entries.size(); i++) {
                String where = "nodes[" + i + "]";
                Map<?, ?> n = map(entries.get(i), where);
                Map<?, ?> ports = map(n.get("ports"), where + ".ports");
                NodeKind kind;
                try {
                    kind = NodeKind.valueOf(string(n, "kind", where));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(where + ".kind: must be ORDERER or PEER");
                }
                nodes.add(new NetworkNode(string(n, "name", where), kind, string(n, "mspId", where),
                        string(n, "domain", where), string(n, "host", where),
                        new NodePorts(port(ports, "grpc", where, true), port(ports, "raft", where, false),
                                port(ports, "admin", where, true), port(ports, "operations", where, true))));
            }
            Object orderersOnly = root.get("orderersOnly");
            return new NetworkTopology(string(root, "channel", "the document"), Boolean.TRUE.equals(orderersOnly),
                    nodes);
        } catch (IllegalArgumentException e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        }
    }

    private static Map<?, ?> map(Object value, String where) {
        if (!(value instanceof Map<?, ?> m)) {
            throw new IllegalArgumentException(where + ": a mapping is required");
        }
        return m;
    }

    private static String string(Map<?, ?> map, String key, String where) {
        if (!(map.get(key) instanceof String s) || s.isBlank()) {
            throw new IllegalArgumentException(where + "." + key + ": a non-empty string is required");
        }
        return s;
    }

    private static int port(Map<?, ?> map, String key, String where, boolean required) {
        Object value = map.get(key);
        if (value == null && !required) {
            return 0;
        }
        if (!(value instanceof Integer port)) {
            throw new IllegalArgumentException(where + ".ports." + key + ": a port number is required");
        }
        return port;
    }
}
