package dev.ordo.contracts.runtime;

import dev.ordo.proto.wire.Sha256;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HexFormat;

/**
 * The bridge jar (Ordo's stub + the Fabric shim and its libraries) shipped inside the runtime
 * jar as a resource. It is written once into the node's work directory under a name carrying
 * its hash, so a node needs nothing else on disk and an upgrade never reuses a stale copy.
 */
final class EmbeddedBridge {

  static final String RESOURCE = "/dev/ordo/contracts/runtime/ordo-contracts-bridge.jar";

  private EmbeddedBridge() {}

  /** Extracts the bridge jar into {@code directory} unless an identical copy is there. */
  static Path extractInto(Path directory) throws IOException {
    byte[] jar;
    try (InputStream in = EmbeddedBridge.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IOException("the runtime jar lacks its bridge resource " + RESOURCE
            + "; it was built without the bridge module");
      }
      jar = in.readAllBytes();
    }
    String hash = HexFormat.of().formatHex(Sha256.digest(jar)).substring(0, 16);
    Files.createDirectories(directory);
    Path target = directory.resolve("ordo-contracts-bridge-" + hash + ".jar");
    if (Files.isRegularFile(target) && Files.size(target) == jar.length) {
      return target;
    }
    Path partial = Files.createTempFile(directory, "bridge-", ".partial");
    try {
      Files.write(partial, jar);
      Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING,
          StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(partial);
    }
    return target;
  }
}
