package dev.ordo.contracts.runtime;

import java.net.URL;
import java.net.URLClassLoader;

/**
 * The class loader of one deployed contract: Ordo's bridge jar (bridge + Fabric shim and its
 * libraries) first, then the contract jar. A fat contract jar that bundles its own shim thus
 * runs on Ordo's copy of the shim, with its own classes and any other libraries it brings.
 */
final class ContractClassLoader extends URLClassLoader {

  static {
    registerAsParallelCapable();
  }

  ContractClassLoader(String contractName, URL bridgeJar, URL contractJar, ClassLoader parent) {
    super("contract:" + contractName, new URL[] {bridgeJar, contractJar}, parent);
  }
}
