package dev.ordo.membership.cryptogen;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * Reads the cryptogen-style YAML described in {@link CryptoMaterialGenerator} into a
 * {@link NetworkSpec}. Errors name the path of the offending key, e.g.
 * {@code PeerOrgs[1].Template.Count}.
 */
public final class NetworkSpecYaml {
    private static final Set<String> TOP_KEYS = Set.of("OrdererOrgs", "PeerOrgs");
    private static final Set<String> ORG_KEYS = Set.of("Name", "Domain", "MspId", "IntermediateCA", "EnableNodeOUs",
            "Specs", "Template", "Users");
    private static final Set<String> SPEC_KEYS = Set.of("Hostname", "SANS");
    private static final Set<String> TEMPLATE_KEYS = Set.of("Count", "Start", "Prefix", "SANS");
    private static final Set<String> USERS_KEYS = Set.of("Count");

    private NetworkSpecYaml() {
    }

    /** Reads and checks a YAML file. */
    public static NetworkSpec read(Path file) throws IOException {
        try {
            return parse(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Parses YAML text.
     *
     * @throws IllegalArgumentException naming the key that is missing, unknown or wrong
     */
    public static NetworkSpec parse(String yaml) {
        Object document;
        try {
            document = new Yaml(new SafeConstructor(new LoaderOptions())).load(yaml);
        } catch (YAMLException e) {
            throw new IllegalArgumentException("not valid YAML: " + e.getMessage(), e);
        }
        if (document == null) {
            throw new IllegalArgumentException("empty network specification");
        }
        Map<?, ?> root = map(document, "top level", TOP_KEYS);
        List<OrganizationSpec> orderers = organizations(root.get("OrdererOrgs"), "OrdererOrgs", "orderer", 0);
        List<OrganizationSpec> peers = organizations(root.get("PeerOrgs"), "PeerOrgs", "peer", 1);
        if (orderers.isEmpty() && peers.isEmpty()) {
            throw new IllegalArgumentException("neither OrdererOrgs nor PeerOrgs lists an organisation");
        }
        return new NetworkSpec(orderers, peers);
    }

    private static List<OrganizationSpec> organizations(Object value, String path, String defaultPrefix, int defaultUsers) {
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof List<?> list)) {
            throw new IllegalArgumentException(path + " must be a list");
        }
        List<OrganizationSpec> organizations = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            organizations.add(organization(list.get(i), path + "[" + i + "]", defaultPrefix, defaultUsers));
        }
        return organizations;
    }

    private static OrganizationSpec organization(Object value, String path, String defaultPrefix, int defaultUsers) {
        Map<?, ?> org = map(value, path, ORG_KEYS);
        String name = string(org, "Name", path, null);
        String domain = string(org, "Domain", path, null);
        String mspId = string(org, "MspId", path, name + "MSP");
        boolean intermediate = bool(org, "IntermediateCA", path);
        if (org.containsKey("EnableNodeOUs") && !Boolean.TRUE.equals(org.get("EnableNodeOUs"))) {
            throw new IllegalArgumentException(path + ".EnableNodeOUs: Ordo always enables NodeOUs; remove the key or set it to true");
        }
        List<OrganizationSpec.NodeSpec> nodes = new ArrayList<>();
        Object specs = org.get("Specs");
        if (specs != null) {
            if (!(specs instanceof List<?> list)) {
                throw new IllegalArgumentException(path + ".Specs must be a list");
            }
            for (int i = 0; i < list.size(); i++) {
                String specPath = path + ".Specs[" + i + "]";
                Map<?, ?> spec = map(list.get(i), specPath, SPEC_KEYS);
                nodes.add(node(string(spec, "Hostname", specPath, null), strings(spec.get("SANS"), specPath + ".SANS"),
                        specPath));
            }
        }
        Object template = org.get("Template");
        if (template != null) {
            String templatePath = path + ".Template";
            Map<?, ?> t = map(template, templatePath, TEMPLATE_KEYS);
            int count = integer(t, "Count", templatePath, 0);
            int start = integer(t, "Start", templatePath, 0);
            String prefix = string(t, "Prefix", templatePath, defaultPrefix);
            List<String> sans = strings(t.get("SANS"), templatePath + ".SANS");
            for (OrganizationSpec.NodeSpec numbered : OrganizationSpec.numbered(prefix, start, count)) {
                nodes.add(node(numbered.hostname(), sans, templatePath));
            }
        }
        if (specs == null && template == null) {
            nodes.addAll(OrganizationSpec.numbered(defaultPrefix, 0, 1));
        }
        int users = defaultUsers;
        if (org.get("Users") != null) {
            users = integer(map(org.get("Users"), path + ".Users", USERS_KEYS), "Count", path + ".Users", defaultUsers);
        }
        try {
            OrganizationSpec spec = new OrganizationSpec(name, domain, mspId, nodes, users, false);
            return intermediate ? spec.withIntermediateCa() : spec;
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(path + ": " + e.getMessage(), e);
        }
    }

    private static OrganizationSpec.NodeSpec node(String hostname, List<String> sans, String path) {
        try {
            return new OrganizationSpec.NodeSpec(hostname, sans);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(path + ": " + e.getMessage(), e);
        }
    }

    private static Map<?, ?> map(Object value, String path, Set<String> allowed) {
        if (!(value instanceof Map<?, ?> map)) {
            throw new IllegalArgumentException(path + " must be a mapping");
        }
        for (Object key : map.keySet()) {
            if (!allowed.contains(String.valueOf(key))) {
                throw new IllegalArgumentException(path + ": unknown key '" + key + "', expected one of " + allowed);
            }
        }
        return map;
    }

    private static String string(Map<?, ?> map, String key, String path, String defaultValue) {
        Object value = map.get(key);
        if (value == null) {
            if (defaultValue == null) {
                throw new IllegalArgumentException(path + "." + key + " is required");
            }
            return defaultValue;
        }
        if (!(value instanceof String text) || text.isBlank()) {
            throw new IllegalArgumentException(path + "." + key + " must be a non-empty string");
        }
        return text;
    }

    private static int integer(Map<?, ?> map, String key, String path, int defaultValue) {
        Object value = map.get(key);
        if (value == null) {
            return defaultValue;
        }
        if (!(value instanceof Integer number) || number < 0 || number > OrganizationSpec.MAX_COUNT) {
            throw new IllegalArgumentException(path + "." + key + " must be an integer between 0 and "
                    + OrganizationSpec.MAX_COUNT + ", was " + value);
        }
        return number;
    }

    private static boolean bool(Map<?, ?> map, String key, String path) {
        Object value = map.get(key);
        if (value == null) {
            return false;
        }
        if (!(value instanceof Boolean flag)) {
            throw new IllegalArgumentException(path + "." + key + " must be true or false");
        }
        return flag;
    }

    private static List<String> strings(Object value, String path) {
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof List<?> list)) {
            throw new IllegalArgumentException(path + " must be a list of strings");
        }
        List<String> out = new ArrayList<>();
        for (Object item : list) {
            if (!(item instanceof String text) || text.isBlank()) {
                throw new IllegalArgumentException(path + " must be a list of non-empty strings");
            }
            out.add(text);
        }
        return out;
    }
}
