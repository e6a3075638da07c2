package dev.ordo.contracts.bridge;

import java.io.File;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Narrows the shim's contract scan to the contract's own jar while its router starts.
 *
 * <p>The shim finds {@code @Contract} classes with a default ClassGraph scan, and ClassGraph
 * always adds the JVM's {@code java.class.path} to the class loaders it finds. In a ledger node
 * that is the node's whole executable jar with every nested library, scanned again for each
 * contract (ten seconds and more per contract on two busy cores). For the duration of the start
 * the property names only the contract's jar, which the scan reads anyway through the contract's
 * class loader. {@code java.class.path} is JVM-wide: router starts must not overlap (the host
 * serialises them, as for {@link ShimLogging}), and nothing else of the host reads the property
 * after start-up (the application class loader captured it when the JVM started).
 */
final class ScanScope {
  private static final String CLASS_PATH = "java.class.path";

  private final String hostClassPath;

  private ScanScope(String hostClassPath) {
    this.hostClassPath = hostClassPath;
  }

  /** Points {@code java.class.path} at the jar(s) of {@code contractLoader} until {@link #restore}. */
  static ScanScope narrowTo(ClassLoader contractLoader) {
    ScanScope scope = new ScanScope(System.getProperty(CLASS_PATH));
    System.setProperty(CLASS_PATH, classPathOf(contractLoader));
    return scope;
  }

  void restore() {
    if (hostClassPath == null) {
      System.clearProperty(CLASS_PATH);
    } else {
      System.setProperty(CLASS_PATH, hostClassPath);
    }
  }

  private static String classPathOf(ClassLoader loader) {
    List<String> paths = new ArrayList<>();
    if (loader instanceof URLClassLoader urls) {
      for (URL url : urls.getURLs()) {
        try {
          paths.add(Path.of(url.toURI()).toString());
        } catch (URISyntaxException | IllegalArgumentException e) {
          // not a file: nothing ClassGraph could scan from the class path either
        }
      }
    }
    return String.join(File.pathSeparator, paths);
  }
}
