package dev.ordo.ordering.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The {@code ordo.orderer.*} settings of one orderer.
 *
 * @param id Raft peer id; must equal this orderer's consenter id in channel configurations
 * @param mspId the orderer organisation's MSP id
 * @param mspDir the orderer's MSP folder (signcerts, keystore), Fabric layout
 * @param tlsDir the orderer's TLS folder (server.crt, server.key, ca.crt)
 * @param dataDir where the Ratis log and the block stores live
 * @param host the address the Broadcast and Raft ports bind to
 * @param broadcastPort AtomicBroadcast (Broadcast/Deliver) port, mutual TLS
 * @param raftPort Raft port between orderers, mutual TLS
 * @param clientRootCas extra TLS CA certificates (PEM files) whose clients may connect to the
 *     Broadcast port besides the orderer's own ca.crt and the TLS root CAs of every organisation
 *     of the channels it serves (those follow the channel configs; this list is for clients of
 *     organisations in no channel yet, e.g. an admin tool)
 * @param timestampWindow how far an envelope's timestamp may be from the orderer's clock
 * @param queueCapacity envelopes waiting to be cut, per channel (backpressure beyond it)
 * @param maxInFlightBlocks block proposals pipelined in Raft at once, per channel
 * @param maxOutstandingPerStream envelopes of one Broadcast stream awaiting their status
 * @param snapshotThreshold Raft entries applied between snapshots (each lets Ratis purge its log)
 * @param maxEntryBytes the largest Raft entry (one block plus framing)
 * @param forwardTimeout how long a follower waits for the leader to order a forwarded envelope
 * @param electionTimeoutMin Raft election timeout lower bound (Ratis's default; do not go lower on shared cores)
 * @param electionTimeoutMax Raft election timeout upper bound
 * @param raftSegmentBytes size of a Raft log segment. The entries in Ratis's log are headers of
 *     about 50 bytes (the proposals are kept beside it, in the channel's proposal store), and only
 *     closed segments are purged after a snapshot, so a segment's worth of entries is roughly how
 *     many proposals wait on disk beyond the snapshot threshold
 * @param proposalSegmentBytes size at which a channel's proposal store starts a new segment file;
 *     whole segments are removed once Ratis has purged every entry in them
 * @param raftLogCacheBytes at most this many bytes of proposals kept on the heap per channel while
 *     in flight (not yet applied here or, on the leader, not yet sent to every follower); beyond
 *     it, a lagging follower is served from disk
 * @param blockCacheBytes newest blocks kept parsed on the heap for Deliver, all channels of this
 *     orderer together (a busy channel keeps its newest blocks, a quiet one's age out); counted
 *     by serialized size, while the newest of them share their bytes with the proposal cache
 */
@ConfigurationProperties("ordo.orderer")
public record OrdererProperties(
    String id,
    String mspId,
    Path mspDir,
    Path tlsDir,
    Path dataDir,
    @DefaultValue("127.0.0.1") String host,
    @DefaultValue("7050") int broadcastPort,
    @DefaultValue("7051") int raftPort,
    @DefaultValue List<Path> clientRootCas,
    @DefaultValue("15m") Duration timestampWindow,
    @DefaultValue("20000") int queueCapacity,
    @DefaultValue("4") int maxInFlightBlocks,
    @DefaultValue("5000") int maxOutstandingPerStream,
    @DefaultValue("1000") long snapshotThreshold,
    @DefaultValue("16777216") int maxEntryBytes,
    @DefaultValue("30s") Duration forwardTimeout,
    @DefaultValue("150ms") Duration electionTimeoutMin,
    @DefaultValue("300ms") Duration electionTimeoutMax,
    @DefaultValue("32768") long raftSegmentBytes,
    @DefaultValue("67108864") long proposalSegmentBytes,
    @DefaultValue("16777216") long raftLogCacheBytes,
    @DefaultValue("16777216") long blockCacheBytes) {

  public OrdererProperties {
    require(id != null && !id.isBlank(), "ordo.orderer.id is required (this orderer's consenter id)");
    require(mspId != null && !mspId.isBlank(), "ordo.orderer.msp-id is required");
    require(mspDir != null, "ordo.orderer.msp-dir is required");
    require(tlsDir != null, "ordo.orderer.tls-dir is required");
    require(dataDir != null, "ordo.orderer.data-dir is required");
    require(broadcastPort > 0 && broadcastPort < 65536, "ordo.orderer.broadcast-port must be 1..65535");
    require(raftPort > 0 && raftPort < 65536, "ordo.orderer.raft-port must be 1..65535");
    require(queueCapacity > 0 && maxInFlightBlocks > 0 && maxOutstandingPerStream > 0,
        "ordo.orderer queue-capacity, max-in-flight-blocks and max-outstanding-per-stream must be positive");
    require(snapshotThreshold >= 10, "ordo.orderer.snapshot-threshold must be at least 10");
    require(maxEntryBytes >= 1 << 20, "ordo.orderer.max-entry-bytes must be at least 1 MiB");
    require(electionTimeoutMin != null && electionTimeoutMax != null
        && electionTimeoutMin.toMillis() >= 50 && electionTimeoutMax.compareTo(electionTimeoutMin) > 0,
        "ordo.orderer.election-timeout-min must be >= 50ms and below election-timeout-max");
    require(raftSegmentBytes >= 4096, "ordo.orderer.raft-segment-bytes must be at least 4 KiB");
    require(proposalSegmentBytes >= 64 * 1024, "ordo.orderer.proposal-segment-bytes must be at least 64 KiB");
    require(raftLogCacheBytes >= 1 << 20, "ordo.orderer.raft-log-cache-bytes must be at least 1 MiB");
    require(blockCacheBytes >= 1 << 20, "ordo.orderer.block-cache-bytes must be at least 1 MiB");
    clientRootCas = clientRootCas == null ? List.of() : List.copyOf(clientRootCas);
  }

  private static void require(boolean condition, String message) {
    if (!condition) {
      throw new IllegalArgumentException(message);
    }
  }
}
