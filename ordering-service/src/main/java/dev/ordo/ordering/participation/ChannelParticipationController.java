package dev.ordo.ordering.participation;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.ordo.ordering.ChannelJoinException;
import dev.ordo.ordering.OrdererNode;
import dev.ordo.ordering.channel.ChannelRuntime;
import dev.ordo.ordering.config.OrdererMetrics;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.hyperledger.fabric.protos.common.Block;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/**
 * Fabric's channel participation API ({@code osnadmin channel list|join|remove}) under
 * {@code /participation/v1/channels}. It is served on the admin port, where the web server
 * requires a client certificate issued by the admin TLS CA (mutual TLS).
 */
@RestController
@RequestMapping("/participation/v1/channels")
public class ChannelParticipationController {
  private static final String BASE = "/participation/v1/channels";

  private final OrdererNode node;
  private final OrdererMetrics metrics;

  public ChannelParticipationController(OrdererNode node, OrdererMetrics metrics) {
    this.node = node;
    this.metrics = metrics;
  }

  /** One channel as osnadmin shows it. */
  public record ChannelInfo(String name, String url, String consensusRelation, String status, long height) {
  }

  /** The channel list as osnadmin shows it. */
  public record ChannelList(Object systemChannel, List<Map<String, String>> channels) {
  }

  @GetMapping
  public ChannelList list() {
    return new ChannelList(null, node.channels().stream()
        .map(r -> Map.of("name", r.channel().id(), "url", BASE + "/" + r.channel().id()))
        .toList());
  }

  @GetMapping("/{channel}")
  public ResponseEntity<?> get(@PathVariable("channel") String channel) {
    return node.channel(channel).<ResponseEntity<?>>map(r -> ResponseEntity.ok(info(r)))
        .orElseGet(() -> error(HttpStatus.NOT_FOUND, "channel '" + channel + "' does not exist on this orderer"));
  }

  @PostMapping(consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
  public ResponseEntity<?> joinMultipart(@RequestPart("config-block") MultipartFile configBlock) throws IOException {
    return join(configBlock.getBytes());
  }

  @PostMapping(consumes = MediaType.APPLICATION_OCTET_STREAM_VALUE)
  public ResponseEntity<?> join(@RequestBody byte[] configBlock) {
    Block block;
    try {
      block = Block.parseFrom(configBlock);
    } catch (InvalidProtocolBufferException e) {
      return error(HttpStatus.BAD_REQUEST, "config-block is not a marshalled common.Block: " + e.getMessage());
    }
    String channel;
    try {
      channel = node.join(block).config().getChannelId();
    } catch (ChannelJoinException e) {
      HttpStatus status = switch (e.kind()) {
        case BAD_REQUEST -> HttpStatus.BAD_REQUEST;
        case CONFLICT -> HttpStatus.METHOD_NOT_ALLOWED;
        case INTERNAL -> HttpStatus.INTERNAL_SERVER_ERROR;
      };
      return error(status, e.getMessage());
    }
    metrics.bindChannels(node);
    ChannelRuntime runtime = node.channel(channel).orElseThrow();
    return ResponseEntity.status(HttpStatus.CREATED).header("Location", BASE + "/" + channel).body(info(runtime));
  }

  @DeleteMapping("/{channel}")
  public ResponseEntity<?> remove(@PathVariable("channel") String channel) throws IOException {
    if (!node.remove(channel)) {
      return error(HttpStatus.NOT_FOUND, "channel '" + channel + "' does not exist on this orderer");
    }
    return ResponseEntity.noContent().build();
  }

  private ChannelInfo info(ChannelRuntime runtime) {
    String id = runtime.channel().id();
    if (runtime.channel().isEvicted()) {
      // Fabric's words for a chain this orderer no longer takes part in.
      return new ChannelInfo(id, BASE + "/" + id, "other", "inactive", runtime.channel().height());
    }
    String status = node.leaderOf(runtime).isPresent() ? "active" : "onboarding";
    return new ChannelInfo(id, BASE + "/" + id, "consenter", status, runtime.channel().height());
  }

  private static ResponseEntity<Map<String, String>> error(HttpStatus status, String message) {
    return ResponseEntity.status(status).body(Map.of("error", message));
  }
}
