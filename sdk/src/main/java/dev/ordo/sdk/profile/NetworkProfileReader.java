package dev.ordo.sdk.profile;

import dev.ordo.membership.crypto.EcKeys;
import dev.ordo.membership.crypto.Pem;
import dev.ordo.membership.crypto.PemException;
import dev.ordo.proto.wire.ChannelIds;
import dev.ordo.sdk.DurationText;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/** Reads the YAML/JSON format documented on {@link NetworkProfile}; every error names the field. */
final class NetworkProfileReader {
    private static final long MAX_PROFILE_BYTES = 1 << 20;
    private static final long MAX_PEM_BYTES = 1 << 20;
    private static final Set<String> TOP_KEYS = Set.of("channel", "timeouts", "organizations");
    private static final Set<String> TIMEOUT_KEYS = Set.of("evaluate", "endorse", "submit", "commitStatus");
    private static final Set<String> ORG_KEYS = Set.of("peers", "user", "clientTls");
    private static final Set<String> PEER_KEYS = Set.of("name", "address", "tlsHostOverride", "tlsCaCert");
    private static final Set<String> USER_KEYS = Set.of("mspDir", "certificate", "privateKey");
    private static final Set<String> CREDENTIAL_KEYS = Set.of("certificate", "privateKey");
    private static final Pattern MSP_ID = Pattern.compile("[A-Za-z0-9.-]+");
    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)*");
    private static final Pattern HOST_PORT = Pattern.compile("(?:\\[([0-9A-Fa-f:.]+)]|([^:\\[\\]]+)):([0-9]+)");

    private final Path file;
    private final Path base;

    NetworkProfileReader(Path file) {
        this.file = file.toAbsolutePath().normalize();
        this.base = this.file.getParent();
    }

    NetworkProfile read() throws NetworkProfileException {
        Map<?, ?> root = map(parse(), null, TOP_KEYS);
        Optional<String> channel = Optional.empty();
        if (root.get("channel") != null) {
            String name = string(root, "channel", null);
            if (!ChannelIds.isValid(name)) {
                throw error("channel", "'" + name + "' is not a valid channel name (lowercase letter first, then "
                        + "lowercase letters, digits, '.' or '-')");
            }
            channel = Optional.of(name);
        }
        GatewayTimeouts timeouts = timeouts(root.get("timeouts"));
        Object organizations = root.get("organizations");
        if (organizations == null) {
            throw error("organizations", "is required");
        }
        if (!(organizations instanceof Map<?, ?> byMspId) || byMspId.isEmpty()) {
            throw error("organizations", "must be a non-empty mapping from MSP id to organisation");
        }
        List<OrganizationProfile> orgs = new ArrayList<>();
        for (Map.Entry<?, ?> entry : byMspId.entrySet()) {
            String mspId = String.valueOf(entry.getKey());
            String path = "organizations." + mspId;
            if (!MSP_ID.matcher(mspId).matches()) {
                throw error(path, "MSP id may only hold letters, digits, '.' and '-'");
            }
            orgs.add(organization(mspId, entry.getValue(), path));
        }
        return new NetworkProfile(file, channel, timeouts, orgs);
    }

    private Object parse() throws NetworkProfileException {
        if (!Files.exists(file)) {
            throw error(null, "profile file does not exist");
        }
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw error(null, "profile is not a readable file");
        }
        String text;
        try {
            if (Files.size(file) > MAX_PROFILE_BYTES) {
                throw error(null, "profile is larger than " + MAX_PROFILE_BYTES + " bytes");
            }
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw error(null, "cannot read the profile: " + e.getMessage(), e);
        }
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        options.setMaxAliasesForCollections(20);
        Object document;
        try {
            document = new Yaml(new SafeConstructor(options)).load(text);
        } catch (YAMLException e) {
            throw error(null, "not valid YAML or JSON: " + e.getMessage(), e);
        }
        if (document == null) {
            throw error(null, "profile is empty");
        }
        return document;
    }

    private GatewayTimeouts timeouts(Object value) throws NetworkProfileException {
        GatewayTimeouts timeouts = GatewayTimeouts.DEFAULTS;
        if (value == null) {
            return timeouts;
        }
        Map<?, ?> map = map(value, "timeouts", TIMEOUT_KEYS);
        if (map.get("evaluate") != null) {
            timeouts = timeouts.withEvaluate(duration(map.get("evaluate"), "timeouts.evaluate"));
        }
        if (map.get("endorse") != null) {
            timeouts = timeouts.withEndorse(duration(map.get("endorse"), "timeouts.endorse"));
        }
        if (map.get("submit") != null) {
            timeouts = timeouts.withSubmit(duration(map.get("submit"), "timeouts.submit"));
        }
        if (map.get("commitStatus") != null) {
            timeouts = timeouts.withCommitStatus(duration(map.get("commitStatus"), "timeouts.commitStatus"));
        }
        return timeouts;
    }

    private Duration duration(Object value, String path) throws NetworkProfileException {
        Duration duration = null;
        if (value instanceof Integer seconds) {
            duration = Duration.ofSeconds(seconds);
        } else if (value instanceof String text) {
            duration = DurationText.parse(text).orElse(null);
        }
        if (duration == null || duration.isZero() || duration.isNegative()) {
            throw error(path, "must be a positive duration such as 500ms, 5s, 2m or 1h (or whole seconds), was '"
                    + value + "'");
        }
        return duration;
    }

    private OrganizationProfile organization(String mspId, Object value, String path) throws NetworkProfileException {
        Map<?, ?> org = map(value, path, ORG_KEYS);
        Object peersValue = org.get("peers");
        if (!(peersValue instanceof List<?> peerList) || peerList.isEmpty()) {
            throw error(path + ".peers", peersValue == null ? "is required" : "must be a non-empty list of peers");
        }
        List<PeerProfile> peers = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < peerList.size(); i++) {
            PeerProfile peer = peer(peerList.get(i), path + ".peers[" + i + "]");
            if (!names.add(peer.name())) {
                throw error(path + ".peers[" + i + "].name", "peer name '" + peer.name() + "' is used twice");
            }
            peers.add(peer);
        }
        if (org.get("user") == null) {
            throw error(path + ".user", "is required");
        }
        Credential user = user(org.get("user"), path + ".user");
        Optional<Credential> clientTls = Optional.empty();
        if (org.get("clientTls") != null) {
            Map<?, ?> tls = map(org.get("clientTls"), path + ".clientTls", CREDENTIAL_KEYS);
            clientTls = Optional.of(credential(tls, path + ".clientTls"));
        }
        return new OrganizationProfile(mspId, peers, user, clientTls);
    }

    private PeerProfile peer(Object value, String path) throws NetworkProfileException {
        Map<?, ?> peer = map(value, path, PEER_KEYS);
        String name = string(peer, "name", path);
        String address = string(peer, "address", path);
        String rest = address.trim();
        if (rest.startsWith("grpcs://")) {
            rest = rest.substring("grpcs://".length());
        } else if (rest.contains("://")) {
            throw error(path + ".address", "'" + address + "': only grpcs:// (TLS) addresses are supported");
        }
        Matcher m = HOST_PORT.matcher(rest);
        if (!m.matches()) {
            throw error(path + ".address", "'" + address + "' is not host:port");
        }
        String host = m.group(1) != null ? m.group(1) : m.group(2);
        if (m.group(1) == null && !HOST.matcher(host).matches()) {
            throw error(path + ".address", "'" + host + "' is not a host name or IP address");
        }
        int port = m.group(3).length() > 5 ? -1 : Integer.parseInt(m.group(3));
        if (port < 1 || port > 65_535) {
            throw error(path + ".address", "port " + m.group(3) + " is not between 1 and 65535");
        }
        Optional<String> override = Optional.empty();
        if (peer.get("tlsHostOverride") != null) {
            String hostName = string(peer, "tlsHostOverride", path);
            if (!HOST.matcher(hostName).matches()) {
                throw error(path + ".tlsHostOverride", "'" + hostName + "' is not a host name");
            }
            override = Optional.of(hostName);
        }
        Path caFile = existingFile(peer, "tlsCaCert", path);
        List<X509Certificate> roots;
        try {
            roots = Pem.decodeCertificates(readPem(caFile, path + ".tlsCaCert"));
        } catch (PemException e) {
            throw error(path + ".tlsCaCert", caFile + ": " + e.getMessage(), e);
        }
        return new PeerProfile(name, host, port, override, caFile, roots);
    }

    private Credential user(Object value, String path) throws NetworkProfileException {
        Map<?, ?> user = map(value, path, USER_KEYS);
        boolean hasMspDir = user.get("mspDir") != null;
        boolean hasFiles = user.get("certificate") != null || user.get("privateKey") != null;
        if (hasMspDir == hasFiles) {
            throw error(path, "give either mspDir or certificate and privateKey");
        }
        return hasMspDir ? mspFolder(user, path) : credential(user, path);
    }

    /** A certificate and key given as two files. */
    private Credential credential(Map<?, ?> map, String path) throws NetworkProfileException {
        Path certificateFile = existingFile(map, "certificate", path);
        Path keyFile = existingFile(map, "privateKey", path);
        X509Certificate certificate = certificate(certificateFile, path + ".certificate");
        PrivateKey key = privateKey(keyFile, path + ".privateKey");
        if (!keyMatches(key, certificate)) {
            throw error(path + ".privateKey", keyFile + " is not the key of certificate " + certificateFile);
        }
        return new Credential(certificateFile, certificate, keyFile, key);
    }

    /** Fabric's MSP folder: the one certificate in signcerts/ and its key in keystore/. */
    private Credential mspFolder(Map<?, ?> map, String path) throws NetworkProfileException {
        String field = path + ".mspDir";
        Path dir = resolve(string(map, "mspDir", path));
        if (!Files.isDirectory(dir)) {
            throw error(field, dir + " is not a folder");
        }
        List<Path> signcerts = files(dir.resolve("signcerts"), field);
        if (signcerts.size() != 1) {
            throw error(field, dir.resolve("signcerts") + " must hold exactly one certificate file, found "
                    + signcerts.size());
        }
        X509Certificate certificate = certificate(signcerts.get(0), field);
        List<Path> keys = files(dir.resolve("keystore"), field);
        if (keys.isEmpty()) {
            throw error(field, dir.resolve("keystore") + " holds no private key file");
        }
        List<String> problems = new ArrayList<>();
        for (Path keyFile : keys) {
            try {
                PrivateKey key = Pem.decodePrivateKey(readPem(keyFile, field));
                if (keyMatches(key, certificate)) {
                    return new Credential(signcerts.get(0), certificate, keyFile, key);
                }
                problems.add(keyFile.getFileName() + ": not the key of " + signcerts.get(0).getFileName());
            } catch (PemException e) {
                problems.add(keyFile.getFileName() + ": " + e.getMessage());
            }
        }
        throw error(field, dir.resolve("keystore") + " holds no key for the certificate: " + problems);
    }

    private X509Certificate certificate(Path file, String field) throws NetworkProfileException {
        try {
            return Pem.decodeCertificate(readPem(file, field));
        } catch (PemException e) {
            throw error(field, file + ": " + e.getMessage(), e);
        }
    }

    private PrivateKey privateKey(Path file, String field) throws NetworkProfileException {
        try {
            return Pem.decodePrivateKey(readPem(file, field));
        } catch (PemException e) {
            throw error(field, file + ": " + e.getMessage(), e);
        }
    }

    private static boolean keyMatches(PrivateKey key, X509Certificate certificate) {
        try {
            return EcKeys.matches(key, certificate.getPublicKey());
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private byte[] readPem(Path file, String field) throws NetworkProfileException {
        try {
            if (Files.size(file) > MAX_PEM_BYTES) {
                throw error(field, file + " is larger than " + MAX_PEM_BYTES + " bytes; not a PEM file");
            }
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw error(field, "cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private Path existingFile(Map<?, ?> map, String key, String path) throws NetworkProfileException {
        Path resolved = resolve(string(map, key, path));
        if (!Files.exists(resolved)) {
            throw error(path + "." + key, resolved + " does not exist");
        }
        if (!Files.isRegularFile(resolved) || !Files.isReadable(resolved)) {
            throw error(path + "." + key, resolved + " is not a readable file");
        }
        return resolved;
    }

    private Path resolve(String value) {
        return base.resolve(value).normalize();
    }

    private List<Path> files(Path dir, String field) throws NetworkProfileException {
        if (!Files.isDirectory(dir)) {
            throw error(field, dir + " is missing");
        }
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.filter(Files::isRegularFile)
                    .filter(p -> !p.getFileName().toString().startsWith("."))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw error(field, "cannot list " + dir + ": " + e.getMessage(), e);
        }
    }

    private Map<?, ?> map(Object value, String path, Set<String> allowed) throws NetworkProfileException {
        if (!(value instanceof Map<?, ?> map)) {
            throw error(path, path == null ? "the profile must be a mapping at the top level" : "must be a mapping");
        }
        for (Object key : map.keySet()) {
            if (!allowed.contains(String.valueOf(key))) {
                throw error(path == null ? String.valueOf(key) : path + "." + key,
                        "unknown key; expected one of " + new java.util.TreeSet<>(allowed));
            }
        }
        return map;
    }

    private String string(Map<?, ?> map, String key, String path) throws NetworkProfileException {
        String field = path == null ? key : path + "." + key;
        Object value = map.get(key);
        if (value == null) {
            throw error(field, "is required");
        }
        if (!(value instanceof String text) || text.isBlank()) {
            throw error(field, "must be a non-empty string");
        }
        return text;
    }

    private NetworkProfileException error(String field, String problem) {
        return new NetworkProfileException(file, field, problem);
    }

    private NetworkProfileException error(String field, String problem, Throwable cause) {
        return new NetworkProfileException(file, field, problem, cause);
    }
}
