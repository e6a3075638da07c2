package dev.ordo.contracts.runtime;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * One runtime for the whole test JVM: building a router costs seconds, so each contract is
 * deployed once and shared by every test class. Closed, and its directory removed, when the
 * JVM exits.
 */
final class TestContracts {

  static final String ASSET_TRANSFER = "asset-transfer";
  static final String ASSET_TRANSFER_FAT = "asset-transfer-fat";
  static final String TOKEN = "token";
  static final String PROBE = "probe";

  private static final Path SAMPLES = Path.of(System.getProperty("ordo.sample.contracts",
      "target/sample-contracts"));
  private static final Map<String, DeployedContract> DEPLOYED = new ConcurrentHashMap<>();
  private static volatile ContractRuntime runtime;
  private static Path workDir;

  private TestContracts() {}

  static synchronized ContractRuntime runtime() {
    if (runtime == null) {
      try {
        workDir = Files.createTempDirectory("ordo-contracts-test");
        runtime = ContractRuntime.start(RuntimeSettings.defaults(workDir.resolve("node")));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      Runtime.getRuntime().addShutdownHook(new Thread(TestContracts::shutdown));
    }
    return runtime;
  }

  static Path workDir() {
    runtime();
    return workDir;
  }

  static Path sample(String fileName) {
    return SAMPLES.resolve(fileName);
  }

  static Path bridgeJar() throws IOException {
    try (Stream<Path> files = Files.list(workDir().resolve("node/bridge"))) {
      return files.filter(p -> p.getFileName().toString().matches("ordo-contracts-bridge-[0-9a-f]{16}\\.jar"))
          .findFirst().orElseThrow();
    }
  }

  static DeployedContract get(String name) {
    return DEPLOYED.computeIfAbsent(name, n -> {
      try {
        return switch (n) {
          case ASSET_TRANSFER -> runtime().deploy(n, sample("asset-transfer.jar"));
          case ASSET_TRANSFER_FAT -> runtime().deploy(n, sample("asset-transfer-fat.jar"));
          case TOKEN -> runtime().deploy(n, sample("token.jar"));
          case PROBE -> runtime().deploy(n, ContractJarBuilder.build(workDir(), bridgeJar(),
              "probe", Map.of(ProbeContractSource.CLASS, ProbeContractSource.SOURCE)));
          default -> throw new IllegalArgumentException("no test contract " + n);
        };
      } catch (ContractLoadException | IOException e) {
        throw new IllegalStateException("deploying " + n + " failed", e);
      }
    });
  }

  private static void shutdown() {
    ContractRuntime r = runtime;
    if (r != null) {
      r.close();
    }
    if (workDir != null) {
      try (Stream<Path> files = Files.walk(workDir)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      } catch (IOException e) {
        // The JVM is exiting; a leftover temp directory is all that can go wrong.
      }
    }
  }
}
