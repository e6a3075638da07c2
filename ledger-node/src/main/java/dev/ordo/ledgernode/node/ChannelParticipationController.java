package dev.ordo.ledgernode.node;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.ordo.ledgernode.channel.PeerChannel;
import dev.ordo.ledgernode.ledger.LedgerTip;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.hyperledger.fabric.protos.common.Block;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/**
 * Channel participation on the admin port, shaped like the orderer's (and Fabric's osnadmin):
 * list, show and join ({@code POST /participation/v1/channels} with the genesis block as
 * {@code application/octet-stream} or as the multipart part {@code config-block}).
 */
@RestController
@RequestMapping("/participation/v1/channels")
public class ChannelParticipationController {
    private static final String BASE = "/participation/v1/channels";

    private final Channels channels;

    public ChannelParticipationController(Channels channels) {
        this.channels = channels;
    }

    /**
     * One joined channel; {@code stateHash} is the world state's hash at {@code height}, so two
     * peers at the same height can show they agree.
     */
    public record ChannelInfo(String name, String url, long height, String stateHash, String intake) {
    }

    @GetMapping
    public Map<String, List<ChannelInfo>> list() {
        return Map.of("channels", channels.channels().stream().map(this::info).toList());
    }

    @GetMapping("/{channel}")
    public ResponseEntity<?> get(@PathVariable("channel") String channel) {
        return channels.channel(channel).<ResponseEntity<?>>map(c -> ResponseEntity.ok(info(c)))
                .orElseGet(() -> error(HttpStatus.NOT_FOUND, "channel '" + channel + "' is not joined by this peer"));
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
        try {
            PeerChannel channel = channels.join(block);
            return ResponseEntity.status(HttpStatus.CREATED).body(info(channel));
        } catch (ChannelJoinException e) {
            HttpStatus status = switch (e.kind()) {
                case BAD_REQUEST -> HttpStatus.BAD_REQUEST;
                case CONFLICT -> HttpStatus.CONFLICT;
                case FAILED -> HttpStatus.INTERNAL_SERVER_ERROR;
            };
            return error(status, e.getMessage());
        }
    }

    private ChannelInfo info(PeerChannel channel) {
        LedgerTip tip = channel.ledger().tip();
        return new ChannelInfo(channel.id(), BASE + "/" + channel.id(), tip.height(), tip.stateHash().hex(),
                channels.intakeConnected(channel.id()) ? "connected" : "not connected");
    }

    private static ResponseEntity<Map<String, String>> error(HttpStatus status, String message) {
        return ResponseEntity.status(status).body(Map.of("error", message));
    }
}
