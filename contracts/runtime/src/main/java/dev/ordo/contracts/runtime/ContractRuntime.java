package dev.ordo.contracts.runtime;

import dev.ordo.contracts.api.ContractEngine;
import dev.ordo.contracts.api.Invocation;
import dev.ordo.contracts.simulation.SimulationResult;
import dev.ordo.contracts.state.StateReader;
import dev.ordo.proto.wire.Sha256;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.lang.reflect.InvocationTargetException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.jar.JarFile;
import java.util.regex.Pattern;

/**
 * Ordo's in-process runtime for Fabric Java contracts.
 *
 * <p>{@link #deploy} loads a contract jar written for Fabric's contract API (thin, or a fat jar
 * bundling its own shim) into a class loader of its own, holding Ordo's bridge and its own copy
 * of the shim, and builds the shim's {@code ContractRouter} once (seconds). {@link #simulate}
 * then runs calls (microseconds) against a {@link StateReader} and returns Fabric's read/write
 * set, event, response and private write sets.
 *
 * <pre>{@code
 * try (ContractRuntime runtime = ContractRuntime.start(RuntimeSettings.defaults(dir))) {
 *   runtime.deploy("asset-transfer", jarPath);
 *   SimulationResult r = runtime.simulate("asset-transfer", invocation, state.snapshot());
 * }
 * }</pre>
 */
public final class ContractRuntime implements AutoCloseable {

  private static final System.Logger LOG = System.getLogger(ContractRuntime.class.getName());

  /** Fabric's rule for chaincode names. */
  private static final Pattern CONTRACT_NAME = Pattern.compile("^[a-zA-Z0-9]+([-_][a-zA-Z0-9]+)*$");

  /**
   * Router start-ups touch JVM-wide logging set-up and are CPU-bound scans: one at a time in
   * the whole JVM, whatever the number of runtimes.
   */
  private static final Object ROUTER_START = new Object();

  private final RuntimeSettings settings;
  private final EmbeddedBridge.Extracted bridge;
  private final BoundaryClassLoader boundary = new BoundaryClassLoader();
  private final ExecutorService workers;
  private final Semaphore callSlots;
  private final Map<String, DeployedContract> contracts = new ConcurrentHashMap<>();
  private volatile boolean closed;

  private ContractRuntime(RuntimeSettings settings, EmbeddedBridge.Extracted bridge) {
    this.settings = settings;
    this.bridge = bridge;
    AtomicInteger threads = new AtomicInteger();
    // Unbounded threads, bounded calls: a call stuck past its limit keeps its thread but
    // gives back its slot, so one runaway contract cannot starve the endorser.
    this.workers = Executors.newCachedThreadPool(task -> {
      Thread t = new Thread(task, "ordo-contract-" + threads.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
    this.callSlots = new Semaphore(settings.maxConcurrentCalls());
  }

  /**
   * Starts a runtime: extracts the embedded bridge jar into the work directory.
   *
   * @throws IOException if the work directory cannot be written
   */
  public static ContractRuntime start(RuntimeSettings settings) throws IOException {
    Objects.requireNonNull(settings, "settings");
    EmbeddedBridge.Extracted bridge = EmbeddedBridge.extractInto(settings.workDirectory().resolve("bridge"));
    return new ContractRuntime(settings, bridge);
  }

  /**
   * Loads {@code jar} as contract {@code name} and builds its router. Takes seconds; do it once
   * per contract. Deploying a name again replaces the earlier contract.
   *
   * @param name the contract's name (Fabric's rule: letters and digits, single {@code -} or
   *     {@code _} between them); also its ledger namespace
   * @param jar a contract jar written against Fabric's contract API
   * @throws ContractLoadException if the name is invalid, the jar unreadable or not a jar, or
   *     the shim fails to start on it
   */
  public DeployedContract deploy(String name, Path jar) throws ContractLoadException {
    return deploy(name, jar, settings.callTimeLimit());
  }

  /**
   * As {@link #deploy(String, Path)}, with this contract's own time limit per call in place of
   * the runtime's default (a contract definition may ask for more or less).
   */
  public DeployedContract deploy(String name, Path jar, Duration callTimeLimit)
      throws ContractLoadException {
    requireOpen();
    Objects.requireNonNull(callTimeLimit, "callTimeLimit");
    if (callTimeLimit.isNegative() || callTimeLimit.isZero()) {
      throw new IllegalArgumentException("callTimeLimit must be positive, was " + callTimeLimit);
    }
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(jar, "jar");
    if (!CONTRACT_NAME.matcher(name).matches()) {
      throw new ContractLoadException("invalid contract name '" + name + "': use letters and "
          + "digits, with single '-' or '_' between them");
    }
    Path copy = copyJar(name, jar);
    ContractClassLoader loader;
    try {
      loader = ContractClassLoader.create(name, bridge, copy, boundary);
    } catch (IOException e) {
      throw new ContractLoadException("cannot open the bridge jar " + bridge.jar() + " or the contract jar " + copy
          + ": " + e.getMessage(), e);
    }
    ContractEngine engine;
    long started = System.nanoTime();
    try {
      Class<?> type = Class.forName(ContractEngine.IMPLEMENTATION, true, loader);
      synchronized (ROUTER_START) {
        engine = (ContractEngine) type.getConstructor(String.class).newInstance(name);
      }
    } catch (InvocationTargetException e) {
      closeQuietly(loader);
      throw new ContractLoadException("the Fabric shim failed to start contract " + name
          + " from " + jar + ": " + e.getCause(), e.getCause());
    } catch (ReflectiveOperationException | LinkageError | ClassCastException e) {
      closeQuietly(loader);
      throw new ContractLoadException("the bridge cannot be loaded for contract " + name + ": "
          + e, e);
    }
    DeployedContract deployed = new DeployedContract(name, copy, loader, engine, workers,
        callSlots, callTimeLimit);
    DeployedContract previous = contracts.put(name, deployed);
    if (previous != null) {
      previous.unload();
    }
    LOG.log(System.Logger.Level.INFO, "deployed contract {0} from {1} in {2} ms", name, jar,
        (System.nanoTime() - started) / 1_000_000);
    return deployed;
  }

  /** The deployed contract of that name, if any. */
  public Optional<DeployedContract> contract(String name) {
    return Optional.ofNullable(contracts.get(name));
  }

  /**
   * Runs one call of the named contract; see {@link DeployedContract#simulate}.
   *
   * @throws IllegalArgumentException if no contract of that name is deployed
   */
  public SimulationResult simulate(String contractName, Invocation invocation, StateReader state) {
    DeployedContract contract = contracts.get(contractName);
    if (contract == null) {
      throw new IllegalArgumentException("contract " + contractName + " is not deployed");
    }
    return contract.simulate(invocation, state);
  }

  /** Unloads the named contract; later calls to it fail as not deployed. */
  public void undeploy(String name) {
    DeployedContract removed = contracts.remove(name);
    if (removed != null) {
      removed.unload();
      LOG.log(Level.INFO, "undeployed contract {0}", name);
    }
  }

  /** Unloads every contract and stops the worker threads. */
  @Override
  public void close() {
    closed = true;
    for (String name : contracts.keySet()) {
      undeploy(name);
    }
    workers.shutdownNow();
  }

  private Path copyJar(String name, Path jar) throws ContractLoadException {
    if (!Files.isRegularFile(jar) || !Files.isReadable(jar)) {
      throw new ContractLoadException("contract jar " + jar + " is not a readable file");
    }
    try (JarFile ignored = new JarFile(jar.toFile())) {
      byte[] bytes = Files.readAllBytes(jar);
      String hash = HexFormat.of().formatHex(Sha256.digest(bytes)).substring(0, 16);
      Path directory = settings.workDirectory().resolve("contracts");
      Files.createDirectories(directory);
      Path target = directory.resolve(name + "-" + hash + ".jar");
      if (!Files.isRegularFile(target)) {
        Path partial = Files.createTempFile(directory, name + "-", ".partial");
        try {
          Files.write(partial, bytes);
          Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
        } finally {
          Files.deleteIfExists(partial);
        }
      }
      return target;
    } catch (IOException e) {
      throw new ContractLoadException("contract jar " + jar + " cannot be read as a jar: "
          + e.getMessage(), e);
    }
  }

  private void requireOpen() {
    if (closed) {
      throw new IllegalStateException("the contract runtime is closed");
    }
  }

  private static void closeQuietly(ContractClassLoader loader) {
    try {
      loader.close();
    } catch (IOException e) {
      LOG.log(Level.DEBUG, "closing a failed contract loader: {0}", e.toString());
    }
  }
}
