package dev.ordo.contracts.runtime;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * How a {@link ContractRuntime} runs contracts.
 *
 * @param workDirectory where the runtime keeps the extracted bridge jar and its copies of
 *     deployed contract jars (inside the node's own directory)
 * @param callTimeLimit the longest one call may run; a call past it gets an error response
 * @param maxConcurrentCalls how many calls run at once; further calls wait (within their limit)
 */
public record RuntimeSettings(Path workDirectory, Duration callTimeLimit, int maxConcurrentCalls) {

  /** Fabric's default chaincode execute timeout is 30 s; in-process calls need far less. */
  public static final Duration DEFAULT_CALL_TIME_LIMIT = Duration.ofSeconds(10);

  /** Checks the values. */
  public RuntimeSettings {
    Objects.requireNonNull(workDirectory, "workDirectory");
    Objects.requireNonNull(callTimeLimit, "callTimeLimit");
    if (callTimeLimit.isNegative() || callTimeLimit.isZero()) {
      throw new IllegalArgumentException("callTimeLimit must be positive, was " + callTimeLimit);
    }
    if (maxConcurrentCalls < 1) {
      throw new IllegalArgumentException("maxConcurrentCalls must be at least 1, was "
          + maxConcurrentCalls);
    }
  }

  /** Default settings: 10 s per call, four concurrent calls per processor. */
  public static RuntimeSettings defaults(Path workDirectory) {
    return new RuntimeSettings(workDirectory, DEFAULT_CALL_TIME_LIMIT,
        4 * Runtime.getRuntime().availableProcessors());
  }

  /** These settings with another time limit per call. */
  public RuntimeSettings withCallTimeLimit(Duration limit) {
    return new RuntimeSettings(workDirectory, limit, maxConcurrentCalls);
  }

  /** These settings with another bound on concurrent calls. */
  public RuntimeSettings withMaxConcurrentCalls(int max) {
    return new RuntimeSettings(workDirectory, callTimeLimit, max);
  }
}
