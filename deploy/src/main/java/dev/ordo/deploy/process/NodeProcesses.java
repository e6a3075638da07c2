package dev.ordo.deploy.process;

import dev.ordo.deploy.network.NetworkDirectory;
import dev.ordo.deploy.topology.NetworkNode;
import dev.ordo.deploy.topology.NodeKind;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Starts each node as its own detached JVM (it keeps running after the launcher exits), records
 * its process id in {@code node.pid}, finds it again, and stops it. A process is only ever
 * recognised, and so only ever signalled, if its command line carries this node's name and this
 * network's directory: a recycled PID belonging to anything else is left alone.
 */
public final class NodeProcesses {
    /**
     * Five JVMs share a small machine: a modest heap each, the serial collector (no concurrent
     * GC threads competing for two cores). The heap is reserved whole from the start: with a
     * small initial heap the young generation (a third of the heap) starts small and young
     * collections are frequent until the heap has grown (docs/performance.md, "End to end").
     */
    static final List<String> JVM_OPTIONS = List.of("-Xms384m", "-Xmx384m", "-XX:+UseSerialGC",
            "-XX:+ExitOnOutOfMemoryError");
    static final String NODE_MARKER = "-Dordo.network.node=";
    static final String DIRECTORY_MARKER = "-Dordo.network.dir=";
    private static final Path SETSID = Path.of("/usr/bin/setsid");

    private final NetworkDirectory directory;

    public NodeProcesses(NetworkDirectory directory) {
        this.directory = directory;
    }

    /**
     * Copies the build's jar for nodes of {@code kind} into the network directory, unless a node
     * of that kind runs (all nodes of a kind run the same build). The copy replaces the old file
     * by an atomic rename, so a process still reading the old file is never disturbed.
     */
    public void install(NodeJars jars, NodeKind kind, List<NetworkNode> nodesOfKind) throws IOException {
        Path target = directory.nodeJar(kind);
        if (Files.isRegularFile(target) && nodesOfKind.stream().anyMatch(n -> find(n).isPresent())) {
            return;
        }
        Files.createDirectories(target.getParent());
        Path temp = target.resolveSibling(target.getFileName() + ".tmp");
        Files.copy(jars.jarOf(kind), temp, StandardCopyOption.REPLACE_EXISTING);
        Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /**
     * Starts {@code node} with its {@code node.yaml}, output appended to {@code node.log}.
     *
     * @return the running process
     */
    public ProcessHandle start(NetworkNode node) throws IOException {
        Path nodeDir = directory.nodeDir(node);
        Files.createDirectories(nodeDir);
        List<String> command = new ArrayList<>();
        // A session of its own: the node is not in the terminal's process group, so Ctrl-C
        // or closing the terminal that ran 'up' does not reach it.
        if (Files.isExecutable(SETSID)) {
            command.add(SETSID.toString());
        }
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(JVM_OPTIONS);
        command.add(NODE_MARKER + node.name());
        command.add(DIRECTORY_MARKER + directory.root());
        command.add("-jar");
        command.add(directory.nodeJar(node.kind()).toString());
        command.add("--spring.config.additional-location=file:" + directory.nodeConfig(node));
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(nodeDir.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(ProcessBuilder.Redirect.appendTo(directory.log(node).toFile()))
                .redirectErrorStream(true);
        Process process = builder.start();
        Files.writeString(directory.pidFile(node), process.pid() + "\n", StandardCharsets.US_ASCII);
        return process.toHandle();
    }

    /** The node's process, if its PID file names a live process that is this node. */
    public Optional<ProcessHandle> find(NetworkNode node) {
        return recordedProcess(node).filter(p -> isNode(p, node));
    }

    /**
     * Whether the process this launcher recorded for the node still runs, whatever its command
     * line says yet: right after {@link #start} the child may still be the JDK's spawn helper or
     * {@code setsid}, whose arguments do not name the node. For nodes just started only; for
     * anything older use {@link #find}, which guards against a reused PID.
     */
    public boolean startedProcessAlive(NetworkNode node) {
        return recordedProcess(node).isPresent();
    }

    private Optional<ProcessHandle> recordedProcess(NetworkNode node) {
        Path pidFile = directory.pidFile(node);
        if (!Files.isRegularFile(pidFile)) {
            return Optional.empty();
        }
        long pid;
        try {
            pid = Long.parseLong(Files.readString(pidFile, StandardCharsets.US_ASCII).trim());
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
        return ProcessHandle.of(pid).filter(ProcessHandle::isAlive);
    }

    private boolean isNode(ProcessHandle process, NetworkNode node) {
        Optional<String[]> arguments = process.info().arguments();
        if (arguments.isEmpty()) {
            return false;
        }
        boolean named = false;
        boolean here = false;
        for (String argument : arguments.get()) {
            named |= argument.equals(NODE_MARKER + node.name());
            here |= argument.equals(DIRECTORY_MARKER + directory.root());
        }
        return named && here;
    }

    /**
     * Stops the node if it runs: SIGTERM (a clean shutdown), then SIGKILL if it is still alive
     * after {@code grace}. Removes the PID file.
     *
     * @return whether a process was stopped
     */
    public boolean stop(NetworkNode node, Duration grace) throws IOException {
        return !stopAll(List.of(node), grace).isEmpty();
    }

    /**
     * Stops the running ones of {@code nodes} together: SIGTERM to each, then SIGKILL to those
     * still alive after {@code grace}. Removes their PID files.
     *
     * @return the stopped nodes with the PIDs they had
     * @throws IOException if a process survives SIGKILL
     */
    public Map<NetworkNode, Long> stopAll(List<NetworkNode> nodes, Duration grace) throws IOException {
        Map<NetworkNode, ProcessHandle> running = new LinkedHashMap<>();
        for (NetworkNode node : nodes) {
            find(node).ifPresent(process -> running.put(node, process));
        }
        running.values().forEach(ProcessHandle::destroy);
        long deadline = System.nanoTime() + grace.toNanos();
        List<String> survivors = new ArrayList<>();
        for (Map.Entry<NetworkNode, ProcessHandle> entry : running.entrySet()) {
            ProcessHandle process = entry.getValue();
            Duration left = Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
            if (!awaitExit(process, left)) {
                process.destroyForcibly();
                if (!awaitExit(process, Duration.ofSeconds(10))) {
                    survivors.add(entry.getKey().name() + " (PID " + process.pid() + ")");
                }
            }
        }
        for (NetworkNode node : nodes) {
            Files.deleteIfExists(directory.pidFile(node));
        }
        if (!survivors.isEmpty()) {
            throw new IOException(String.join(", ", survivors) + " did not exit after SIGKILL");
        }
        Map<NetworkNode, Long> stopped = new LinkedHashMap<>();
        running.forEach((node, process) -> stopped.put(node, process.pid()));
        return stopped;
    }

    private static boolean awaitExit(ProcessHandle process, Duration timeout) {
        try {
            process.onExit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return !process.isAlive();
        } catch (ExecutionException e) {
            return !process.isAlive();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return !process.isAlive();
        }
    }

    /** The last {@code lines} lines of the node's log, for failure messages. */
    public String logTail(NetworkNode node, int lines) {
        Path log = directory.log(node);
        try {
            String[] all = new String(Files.readAllBytes(log), StandardCharsets.UTF_8).split("\\R");
            return String.join(System.lineSeparator(),
                    java.util.Arrays.asList(all).subList(Math.max(0, all.length - lines), all.length));
        } catch (IOException e) {
            return "(no log at " + log + ": " + e.getMessage() + ")";
        }
    }
}
