package dev.ordo.deploy.admin;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import org.hyperledger.fabric.protos.common.Block;

/**
 * The channel participation API of a node's admin port ({@code /participation/v1/channels},
 * Fabric's osnadmin API) over mutual TLS on loopback.
 */
public final class ParticipationClient {
    private static final String CHANNELS = "/participation/v1/channels";
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final HttpClient http;

    public ParticipationClient(SSLContext adminTls) {
        this.http = HttpClient.newBuilder().sslContext(adminTls).connectTimeout(Duration.ofSeconds(5)).build();
    }

    /** Whether the node at {@code adminPort} is a member of {@code channelId}. */
    public boolean isMember(int adminPort, String channelId) throws IOException {
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri(adminPort, CHANNELS + "/" + channelId))
                .timeout(TIMEOUT).GET().build());
        return switch (response.statusCode()) {
            case 200 -> true;
            case 404 -> false;
            default -> throw new IOException("GET " + CHANNELS + "/" + channelId + " on port " + adminPort
                    + " answered " + response.statusCode() + ": " + response.body());
        };
    }

    /**
     * Joins the node at {@code adminPort} to the channel of {@code genesis}.
     *
     * @throws IOException with the node's answer if it refuses
     */
    public void join(int adminPort, Block genesis) throws IOException {
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri(adminPort, CHANNELS))
                .timeout(TIMEOUT)
                .header("Content-Type", "application/octet-stream")
                .POST(HttpRequest.BodyPublishers.ofByteArray(genesis.toByteArray()))
                .build());
        if (response.statusCode() != 201) {
            throw new IOException("joining the channel on port " + adminPort + " failed: HTTP "
                    + response.statusCode() + " " + response.body());
        }
    }

    private HttpResponse<String> send(HttpRequest request) throws IOException {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while calling " + request.uri(), e);
        }
    }

    private static URI uri(int port, String path) {
        return URI.create("https://127.0.0.1:" + port + path);
    }
}
