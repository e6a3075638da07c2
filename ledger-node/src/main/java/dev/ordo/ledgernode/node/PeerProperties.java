package dev.ordo.ledgernode.node;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The {@code ordo.peer.*} settings of one ledger node.
 *
 * @param id the node's name, e.g. {@code peer0.org1.example.com} (logs, error details)
 * @param mspId the organisation's MSP id
 * @param mspDir the node's MSP folder (signcerts, keystore), Fabric layout
 * @param tlsDir the node's TLS folder (server.crt, server.key, ca.crt)
 * @param dataDir everything the node writes: {@code ledgers/<channel>}, {@code contract-runtime}
 * @param host the address the gRPC port binds to
 * @param port gRPC port: Endorser, Gateway, Deliver; TLS, client certificates optional
 * @param externalAddress the address other nodes and error details name (default host:port)
 * @param contractsDir installed contract jars (default {@code <data-dir>/contracts})
 * @param orderers orderer addresses {@code host:port} to use instead of the channel's consenters
 * @param ordererTlsCas extra TLS CA certificates (PEM files) to trust for orderers and other peers,
 *     besides the TLS roots the channel configuration names
 * @param channels channels to join at start-up from a genesis block file (skipped if already joined)
 * @param timestampWindow how far a Deliver request's timestamp may be from this node's clock
 * @param requestTimeout the longest the gateway waits on endorsers or orderers for one call
 */
@ConfigurationProperties("ordo.peer")
public record PeerProperties(
        String id,
        String mspId,
        Path mspDir,
        Path tlsDir,
        Path dataDir,
        @DefaultValue("127.0.0.1") String host,
        @DefaultValue("7051") int port,
        String externalAddress,
        Path contractsDir,
        @DefaultValue List<String> orderers,
        @DefaultValue List<Path> ordererTlsCas,
        @DefaultValue List<ChannelJoin> channels,
        @DefaultValue("15m") Duration timestampWindow,
        @DefaultValue("30s") Duration requestTimeout) {

    /** A channel to join at start-up. */
    public record ChannelJoin(Path genesisBlock) {
    }

    public PeerProperties {
        require(id != null && !id.isBlank(), "ordo.peer.id is required (this node's name)");
        require(mspId != null && !mspId.isBlank(), "ordo.peer.msp-id is required");
        require(mspDir != null, "ordo.peer.msp-dir is required");
        require(tlsDir != null, "ordo.peer.tls-dir is required");
        require(dataDir != null, "ordo.peer.data-dir is required");
        require(port >= 0 && port < 65536, "ordo.peer.port must be 0..65535");
        orderers = orderers == null ? List.of() : List.copyOf(orderers);
        ordererTlsCas = ordererTlsCas == null ? List.of() : List.copyOf(ordererTlsCas);
        channels = channels == null ? List.of() : List.copyOf(channels);
        for (ChannelJoin join : channels) {
            require(join != null && join.genesisBlock() != null, "ordo.peer.channels[n].genesis-block is required");
        }
        for (String orderer : orderers) {
            int colon = orderer.lastIndexOf(':');
            require(colon > 0 && colon < orderer.length() - 1, "ordo.peer.orderers: '" + orderer
                    + "' is not host:port");
        }
    }

    /** The installed contract jars' folder. */
    public Path contractsDirectory() {
        return contractsDir != null ? contractsDir : dataDir.resolve("contracts");
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }
}
