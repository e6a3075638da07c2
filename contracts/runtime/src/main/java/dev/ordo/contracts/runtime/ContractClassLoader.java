package dev.ordo.contracts.runtime;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.security.CodeSigner;
import java.security.CodeSource;
import java.security.ProtectionDomain;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Optional;

/**
 * The class loader of one deployed contract: Ordo's bridge jar (bridge + Fabric shim and its
 * libraries) first, then the contract jar, in one loader, so the shim and the contract see each
 * other's classes. A fat contract jar that bundles its own shim thus runs on Ordo's copy of the
 * shim, with its own classes and any other libraries it brings.
 *
 * <p>Every bridge class is loaded from the whole bridge jar through {@link BridgeJar}, which is
 * not among the loader's URLs: the shim finds contracts (and its own serializer) with a
 * ClassGraph scan of the class path its loaders expose, and the bridge's 30 MB of libraries hold
 * nothing it looks for (scanning them took seconds per deployment). The URLs are the shim's own
 * classes ({@link EmbeddedBridge.Extracted#scannedShim}, scanned, never loaded from: the same
 * classes come from the whole jar first) and the contract jar.
 */
final class ContractClassLoader extends URLClassLoader {

  static {
    registerAsParallelCapable();
  }

  private final BridgeJar bridge;
  private final ProtectionDomain bridgeDomain;

  private ContractClassLoader(String contractName, URL[] urls, BridgeJar bridge, ClassLoader parent) {
    super("contract:" + contractName, urls, parent);
    this.bridge = bridge;
    this.bridgeDomain = new ProtectionDomain(new CodeSource(bridge.location(), (CodeSigner[]) null), null, this,
        null);
  }

  /** The loader of {@code contractJar} with its own copy of {@code bridge}. */
  static ContractClassLoader create(String contractName, EmbeddedBridge.Extracted extracted, Path contractJar,
      ClassLoader parent) throws IOException {
    BridgeJar bridge = new BridgeJar(extracted.jar());
    try {
      URL[] urls = {extracted.scannedShim().toUri().toURL(), contractJar.toUri().toURL()};
      return new ContractClassLoader(contractName, urls, bridge, parent);
    } catch (IOException | RuntimeException e) {
      bridge.close();
      throw e;
    }
  }

  @Override
  protected Class<?> findClass(String name) throws ClassNotFoundException {
    Optional<byte[]> bytes;
    try {
      bytes = bridge.classBytes(name);
    } catch (IOException e) {
      throw new ClassNotFoundException(name + ": cannot read it from the bridge jar: " + e.getMessage(), e);
    }
    if (bytes.isEmpty()) {
      return super.findClass(name);
    }
    definePackageOf(name);
    byte[] b = bytes.get();
    return defineClass(name, b, 0, b.length, bridgeDomain);
  }

  private void definePackageOf(String className) {
    int dot = className.lastIndexOf('.');
    if (dot <= 0) {
      return;
    }
    String packageName = className.substring(0, dot);
    if (getDefinedPackage(packageName) == null) {
      try {
        definePackage(packageName, null, null, null, null, null, null, null);
      } catch (IllegalArgumentException definedMeanwhile) {
        // another thread loading a class of the same package won; its definition stands
      }
    }
  }

  @Override
  public URL findResource(String name) {
    return bridge.resource(name).orElseGet(() -> super.findResource(name));
  }

  @Override
  public Enumeration<URL> findResources(String name) throws IOException {
    List<URL> found = new ArrayList<>();
    bridge.resource(name).ifPresent(found::add);
    found.addAll(Collections.list(super.findResources(name)));
    return Collections.enumeration(found);
  }

  @Override
  public void close() throws IOException {
    try {
      super.close();
    } finally {
      bridge.close();
    }
  }
}
