package dev.ordo.contracts.runtime;

import dev.ordo.proto.wire.Sha256;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HexFormat;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * The bridge jar (Ordo's stub + the Fabric shim and its libraries) shipped inside the runtime
 * jar as a resource. It is written once into the node's work directory under a name carrying
 * its hash, so a node needs nothing else on disk and an upgrade never reuses a stale copy.
 *
 * <p>Next to it goes a second jar holding only the shim's own classes ({@code org.hyperledger.fabric},
 * without the protos): what the shim's ClassGraph scans must see (its system contract and its
 * JSON serializer are found by annotation), and a small fraction of the 30 MB the whole bridge
 * would cost each deployment to scan ({@link ContractClassLoader}).
 */
final class EmbeddedBridge {

  static final String RESOURCE = "/dev/ordo/contracts/runtime/ordo-contracts-bridge.jar";
  private static final String SHIM_PREFIX = "org/hyperledger/fabric/";
  private static final String PROTOS_PREFIX = "org/hyperledger/fabric/protos/";

  /**
   * The extracted bridge.
   *
   * @param jar the whole bridge, where every bridge class is loaded from
   * @param scannedShim the shim's own classes, the part of the bridge the shim's scan reads
   */
  record Extracted(Path jar, Path scannedShim) {
  }

  private EmbeddedBridge() {}

  /** Extracts the bridge jar and its shim part into {@code directory} unless identical copies are there. */
  static Extracted extractInto(Path directory) throws IOException {
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
    if (!Files.isRegularFile(target) || Files.size(target) != jar.length) {
      writeAtomically(directory, target, jar);
    }
    Path shim = directory.resolve("ordo-contracts-bridge-" + hash + "-shim.jar");
    if (!Files.isRegularFile(shim)) {
      writeAtomically(directory, shim, shimPart(jar));
    }
    return new Extracted(target, shim);
  }

  private static byte[] shimPart(byte[] bridgeJar) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(bridgeJar));
        ZipOutputStream zip = new ZipOutputStream(out)) {
      for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
        String name = entry.getName();
        if (entry.isDirectory() || !name.startsWith(SHIM_PREFIX) || name.startsWith(PROTOS_PREFIX)) {
          continue;
        }
        zip.putNextEntry(new ZipEntry(name));
        in.transferTo(zip);
        zip.closeEntry();
      }
    }
    return out.toByteArray();
  }

  private static void writeAtomically(Path directory, Path target, byte[] bytes) throws IOException {
    Path partial = Files.createTempFile(directory, "bridge-", ".partial");
    try {
      Files.write(partial, bytes);
      Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(partial);
    }
  }
}
