package dev.ordo.deploy.health;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * Asks a node's operations port for {@code /actuator/health} (plain HTTP on loopback) and
 * reads the overall status and the channel heights from its details: orderers report
 * {@code channels.<id>.height}, ledger nodes {@code <id>.height}; any map under a channel's id
 * with a {@code height} counts.
 */
public final class HealthProbe {
    private static final Duration TIMEOUT = Duration.ofSeconds(3);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

    public NodeHealth probe(int operationsPort) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + operationsPort
                + "/actuator/health")).timeout(TIMEOUT).GET().build();
        String body;
        try {
            body = http.send(request, HttpResponse.BodyHandlers.ofString()).body();
        } catch (IOException e) {
            return NodeHealth.unreachable("port " + operationsPort + ": " + e.getClass().getSimpleName()
                    + (e.getMessage() != null ? " " + e.getMessage() : ""));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return NodeHealth.unreachable("interrupted");
        }
        return parse(body);
    }

    /** Reads a health document (JSON). */
    static NodeHealth parse(String body) {
        Object document;
        try {
            document = new Yaml(new SafeConstructor(new LoaderOptions())).load(body);
        } catch (YAMLException e) {
            return NodeHealth.unreachable("health answer is not JSON: " + abbreviate(body));
        }
        if (!(document instanceof Map<?, ?> root) || !(root.get("status") instanceof String status)) {
            return NodeHealth.unreachable("health answer has no status: " + abbreviate(body));
        }
        Map<String, Long> heights = new HashMap<>();
        Map<String, String> stateHashes = new HashMap<>();
        collectChannels(root, heights, stateHashes);
        return new NodeHealth(status, heights, stateHashes, Optional.empty());
    }

    private static void collectChannels(Map<?, ?> map, Map<String, Long> heights, Map<String, String> stateHashes) {
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            if (entry.getValue() instanceof Map<?, ?> child) {
                if (child.get("height") instanceof Number height && entry.getKey() instanceof String channel) {
                    heights.merge(channel, height.longValue(), Math::max);
                    if (child.get("stateHash") instanceof String stateHash) {
                        stateHashes.put(channel, stateHash);
                    }
                }
                collectChannels(child, heights, stateHashes);
            }
        }
    }

    private static String abbreviate(String text) {
        return text.length() <= 200 ? text : text.substring(0, 200) + "...";
    }
}
