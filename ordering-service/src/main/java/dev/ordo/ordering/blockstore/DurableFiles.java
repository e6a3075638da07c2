package dev.ordo.ordering.blockstore;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writing files so that they survive power loss, not only a process crash: the data is forced
 * to the device before a rename makes it visible, and the directory entry is forced after it.
 * A rename alone is atomic but, without these, may reach the disk before the bytes it names.
 */
public final class DurableFiles {
  private static final Logger log = LoggerFactory.getLogger(DurableFiles.class);

  private DurableFiles() {
  }

  /** Replaces {@code target} by {@code content} atomically and durably (via a synced temporary file). */
  public static void replace(Path target, byte[] content) throws IOException {
    Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
    try (FileChannel out = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
        StandardOpenOption.TRUNCATE_EXISTING)) {
      ByteBuffer buffer = ByteBuffer.wrap(content);
      while (buffer.hasRemaining()) {
        out.write(buffer);
      }
      out.force(true);
    }
    Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    syncDirectory(target.toAbsolutePath().getParent());
  }

  /** Forces {@code directory}'s entries (files created, renamed or removed in it) to the device. */
  public static void syncDirectory(Path directory) {
    try (FileChannel dir = FileChannel.open(directory, StandardOpenOption.READ)) {
      dir.force(true);
    } catch (IOException e) {
      // Not every file system lets a directory be opened for fsync; the files themselves are synced.
      log.debug("directory {}: sync not supported: {}", directory, e.getMessage());
    }
  }
}
