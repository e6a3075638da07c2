package dev.ordo.ledgernode.contract;

import dev.ordo.proto.wire.Sha256;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * The contract jars installed on this node: every {@code *.jar} in the contracts directory,
 * found by its SHA-256 (what a contract definition names). Hashes are cached by file size and
 * modification time.
 */
public final class InstalledJars {
    private record Hashed(long size, FileTime modified, String sha256) {
    }

    private final Path directory;
    private final Map<Path, Hashed> hashes = new ConcurrentHashMap<>();

    public InstalledJars(Path directory) {
        this.directory = directory;
    }

    public Path directory() {
        return directory;
    }

    /** The installed jar whose SHA-256 is {@code sha256}, preferring {@code <name>.jar}. */
    public Optional<Path> find(String name, byte[] sha256) throws IOException {
        String wanted = HexFormat.of().formatHex(sha256);
        Path preferred = directory.resolve(name + ".jar");
        if (Files.isRegularFile(preferred) && wanted.equals(hash(preferred))) {
            return Optional.of(preferred);
        }
        if (!Files.isDirectory(directory)) {
            return Optional.empty();
        }
        try (Stream<Path> files = Files.list(directory)) {
            for (Path jar : files.filter(p -> p.getFileName().toString().endsWith(".jar")).sorted().toList()) {
                if (Files.isRegularFile(jar) && wanted.equals(hash(jar))) {
                    return Optional.of(jar);
                }
            }
        }
        return Optional.empty();
    }

    private String hash(Path jar) throws IOException {
        long size = Files.size(jar);
        FileTime modified = Files.getLastModifiedTime(jar);
        Hashed known = hashes.get(jar);
        if (known != null && known.size() == size && known.modified().equals(modified)) {
            return known.sha256();
        }
        String sha256 = HexFormat.of().formatHex(Sha256.digest(Files.readAllBytes(jar)));
        hashes.put(jar, new Hashed(size, modified, sha256));
        return sha256;
    }
}
