package dev.ordo.deploy.channel;

import dev.ordo.proto.wire.Sha256;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * A contract to define on the channel: its name on the channel, its version and the jar the
 * ledger nodes install (the definition names the jar by SHA-256).
 */
public record ContractJar(String name, String version, Path jar, byte[] sha256) {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.+-]*");

    public ContractJar {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("contract name '" + name + "' is not valid (letters, digits, '_', '.',"
                    + " '+', '-')");
        }
        if (version == null || version.isBlank()) {
            throw new IllegalArgumentException("contract " + name + ": a version is required");
        }
        if (sha256 == null || sha256.length != 32) {
            throw new IllegalArgumentException("contract " + name + ": SHA-256 must be 32 bytes");
        }
        sha256 = sha256.clone();
    }

    /**
     * Reads and hashes {@code jar}.
     *
     * @throws IOException if it is missing or not a file, naming it
     */
    public static ContractJar of(String name, String version, Path jar) throws IOException {
        if (!Files.isRegularFile(jar)) {
            throw new IOException("contract jar for '" + name + "' not found: " + jar);
        }
        return new ContractJar(name, version, jar, Sha256.digest(Files.readAllBytes(jar)));
    }

    @Override
    public byte[] sha256() {
        return sha256.clone();
    }

    public String sha256Hex() {
        return HexFormat.of().formatHex(sha256);
    }
}
