package dev.ordo.contracts.runtime;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ordo.contracts.state.InMemoryState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Deployment refuses bad input with a precise error. */
class ContractRuntimeTest {

  @TempDir Path dir;

  @Test
  void refusesInvalidNamesAndFilesThatAreNotJars() throws Exception {
    try (ContractRuntime runtime = ContractRuntime.start(RuntimeSettings.defaults(dir))) {
      ContractLoadException badName = assertThrows(ContractLoadException.class,
          () -> runtime.deploy("bad name!", TestContracts.sample("token.jar")));
      assertTrue(badName.getMessage().contains("invalid contract name"));

      ContractLoadException missing = assertThrows(ContractLoadException.class,
          () -> runtime.deploy("ghost", dir.resolve("missing.jar")));
      assertTrue(missing.getMessage().contains("not a readable file"));

      Path notAJar = Files.writeString(dir.resolve("notes.jar"), "hello");
      ContractLoadException garbage = assertThrows(ContractLoadException.class,
          () -> runtime.deploy("garbage", notAJar));
      assertTrue(garbage.getMessage().contains("cannot be read as a jar"));

      assertThrows(IllegalArgumentException.class, () -> runtime.simulate("ghost",
          Calls.call(TestIdentities.ORG1_CLIENT, "Anything"), new InMemoryState().snapshot()));
    }
  }

  @Test
  void refusesAJarWithoutContracts() throws Exception {
    Path jar = ContractJarBuilder.build(dir, TestContracts.bridgeJar(), "plain", Map.of(
        "dev.ordo.testcontracts.plain.Plain",
        "package dev.ordo.testcontracts.plain; public final class Plain {}"));
    try (ContractRuntime runtime = ContractRuntime.start(RuntimeSettings.defaults(dir))) {
      ContractLoadException none = assertThrows(ContractLoadException.class,
          () -> runtime.deploy("plain", jar));
      assertTrue(none.getMessage().contains("holds no class annotated @Contract"),
          none.getMessage());
      assertTrue(runtime.contract("plain").isEmpty());
    }
  }

  @Test
  void extractsTheEmbeddedBridgeOnce() throws Exception {
    try (ContractRuntime ignored = ContractRuntime.start(RuntimeSettings.defaults(dir))) {
      try (ContractRuntime again = ContractRuntime.start(RuntimeSettings.defaults(dir))) {
        try (var files = Files.list(dir.resolve("bridge"))) {
          assertTrue(files.allMatch(p -> p.getFileName().toString().matches(
              "ordo-contracts-bridge-[0-9a-f]{16}(-shim)?\\.jar")));
        }
      }
    }
  }
}
