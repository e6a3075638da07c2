package dev.ordo.contracts.runtime;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/** Compiles contract sources against the shim (inside the bridge jar) into a thin contract jar. */
final class ContractJarBuilder {

  private ContractJarBuilder() {}

  /** {@code sources} maps a class's binary name to its source text. */
  static Path build(Path workDir, Path shimJar, String jarName, Map<String, String> sources)
      throws IOException {
    Path src = Files.createDirectories(workDir.resolve(jarName + "-src"));
    Path classes = Files.createDirectories(workDir.resolve(jarName + "-classes"));
    List<String> args = new ArrayList<>(List.of("-proc:none", "--release", "17", "-classpath",
        shimJar.toString(), "-d", classes.toString()));
    for (Map.Entry<String, String> e : sources.entrySet()) {
      Path file = src.resolve(e.getKey().replace('.', '/') + ".java");
      Files.createDirectories(file.getParent());
      Files.writeString(file, e.getValue());
      args.add(file.toString());
    }
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    int status = javac.run(null, null, System.err, args.toArray(String[]::new));
    if (status != 0) {
      throw new IllegalStateException("compiling " + jarName + " failed: " + status);
    }
    Path jar = workDir.resolve(jarName + ".jar");
    try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar));
        Stream<Path> files = Files.walk(classes)) {
      for (Path file : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
        out.putNextEntry(new JarEntry(classes.relativize(file).toString().replace('\\', '/')));
        out.write(Files.readAllBytes(file));
        out.closeEntry();
      }
    }
    return jar;
  }
}
