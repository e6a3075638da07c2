package dev.ordo.contracts.runtime;

import dev.ordo.contracts.api.ContractEngine;

/**
 * The parent of every contract class loader: the JDK's platform classes, plus exactly the
 * {@code dev.ordo.contracts.api} package taken from the host. Nothing else of the host (its
 * protobuf, gRPC, Bouncy Castle, the shim if present) is visible to contracts, so each contract
 * gets its own copies and JVM-wide statics in the shim cannot collide.
 */
final class BoundaryClassLoader extends ClassLoader {

  private static final String SHARED_PACKAGE = ContractEngine.class.getPackageName() + ".";

  static {
    registerAsParallelCapable();
  }

  private final ClassLoader host = ContractEngine.class.getClassLoader();

  BoundaryClassLoader() {
    super("ordo-contract-boundary", ClassLoader.getPlatformClassLoader());
  }

  @Override
  protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
    if (name.startsWith(SHARED_PACKAGE)) {
      return host.loadClass(name);
    }
    return super.loadClass(name, resolve);
  }
}
