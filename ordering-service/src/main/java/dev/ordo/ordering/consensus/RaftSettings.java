package dev.ordo.ordering.consensus;

import java.nio.file.Path;
import java.time.Duration;

/**
 * How this orderer runs Ratis.
 *
 * @param peerId this orderer's Raft peer id (its consenter id)
 * @param host address the Raft port binds to
 * @param port Raft port (orderer to orderer, mutual TLS)
 * @param storageDir Ratis log and snapshot directory
 * @param tls this orderer's TLS material (server.crt, server.key, ca.crt) for Raft traffic
 * @param snapshotThreshold applied entries between automatic snapshots
 * @param maxEntryBytes the largest log entry (one block); Ratis's appender byte limit
 * @param electionTimeoutMin Raft election timeout, lower bound (Ratis default 150 ms)
 * @param electionTimeoutMax Raft election timeout, upper bound (Ratis default 300 ms)
 * @param segmentBytes Raft log segment size (only closed segments are purged; entries are headers)
 * @param logCacheBytes log entries kept on the heap per group by Ratis, and proposals by the
 *     group's proposal store
 */
public record RaftSettings(String peerId, String host, int port, Path storageDir, TlsFiles tls, long snapshotThreshold,
    int maxEntryBytes, Duration electionTimeoutMin, Duration electionTimeoutMax, long segmentBytes,
    long logCacheBytes) {

  /** Paths of PEM files: this node's certificate and PKCS#8 key, and the CA certificates it trusts. */
  public record TlsFiles(Path certificate, Path privateKey, Path trustedRoots) {
  }
}
