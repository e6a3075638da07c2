package dev.ordo.deploy.network;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * The file {@code .ordo-network} that marks a directory as created by {@code up}: {@code up}
 * refuses to fill a non-empty directory without it, and {@code wipe} deletes only a directory
 * that has it, so a mistyped {@code --dir} never costs anyone their files.
 */
final class NetworkMarker {
    static final String FILE = ".ordo-network";

    private NetworkMarker() {
    }

    static boolean isMarked(NetworkDirectory directory) {
        return Files.isRegularFile(directory.root().resolve(FILE));
    }

    /** Creates the directory and its marker, or accepts an already marked directory. */
    static void claim(NetworkDirectory directory) throws IOException {
        Path root = directory.root();
        if (isMarked(directory)) {
            return;
        }
        if (Files.exists(root) && !Files.isDirectory(root)) {
            throw new IOException(root + " exists and is not a directory");
        }
        if (Files.isDirectory(root)) {
            try (Stream<Path> entries = Files.list(root)) {
                if (entries.findAny().isPresent()) {
                    throw new IOException(root + " is not empty and was not created by 'ordo-network up';"
                            + " choose another directory with --dir");
                }
            }
        }
        Files.createDirectories(root);
        Files.writeString(root.resolve(FILE), "Created by 'ordo-network up'. 'ordo-network wipe' deletes this"
                + " directory.\n");
    }
}
