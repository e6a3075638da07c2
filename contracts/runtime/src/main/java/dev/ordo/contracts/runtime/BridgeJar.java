package dev.ordo.contracts.runtime;

import java.io.IOException;
import java.io.InputStream;
import java.net.MalformedURLException;
import java.net.URL;
import java.nio.file.Path;
import java.util.Optional;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.zip.ZipFile;

/**
 * One contract's open copy of Ordo's bridge jar (bridge, Fabric shim and their libraries), read
 * by its {@link ContractClassLoader} without appearing in that loader's URLs. Thread-safe.
 */
final class BridgeJar implements AutoCloseable {
  private final JarFile jar;
  private final URL location;
  private final String jarUrlPrefix;

  BridgeJar(Path file) throws IOException {
    this.jar = new JarFile(file.toFile(), false, ZipFile.OPEN_READ, JarFile.runtimeVersion());
    this.location = file.toUri().toURL();
    this.jarUrlPrefix = "jar:" + location + "!/";
  }

  /** Where the bridge's classes come from, for their code source. */
  URL location() {
    return location;
  }

  /** The bytes of class {@code name}, if the bridge holds it. */
  Optional<byte[]> classBytes(String name) throws IOException {
    JarEntry entry = jar.getJarEntry(name.replace('.', '/') + ".class");
    if (entry == null) {
      return Optional.empty();
    }
    try (InputStream in = jar.getInputStream(entry)) {
      return Optional.of(in.readAllBytes());
    }
  }

  /** A {@code jar:} URL of resource {@code name} (its versioned entry, if any), or empty. */
  Optional<URL> resource(String name) {
    JarEntry entry = jar.getJarEntry(name);
    if (entry == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(new URL(jarUrlPrefix + entry.getRealName()));
    } catch (MalformedURLException e) {
      return Optional.empty();
    }
  }

  @Override
  public void close() throws IOException {
    jar.close();
  }
}
