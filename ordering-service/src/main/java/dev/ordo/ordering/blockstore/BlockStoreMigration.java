package dev.ordo.ordering.blockstore;

import com.google.protobuf.InvalidProtocolBufferException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.hyperledger.fabric.protos.common.Block;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One-time conversion of a channel's blocks from the H2 database earlier Ordo versions kept
 * ({@code blocks.mv.db}, table {@code BLOCKS(NUMBER, BYTES)}) into {@code blocks.log}.
 *
 * <p>Crash-safe: the blocks are written to a temporary file, synced, and only then renamed to
 * {@code blocks.log}; a crash before the rename leaves the H2 store as it was and the next start
 * migrates again. The H2 file is kept afterwards under {@value #MIGRATED_SUFFIX}, never deleted,
 * so nothing an operator had is lost by an upgrade.
 */
final class BlockStoreMigration {
  private static final Logger log = LoggerFactory.getLogger(BlockStoreMigration.class);
  static final String LEGACY_DATABASE = "blocks";
  static final String LEGACY_FILE = LEGACY_DATABASE + ".mv.db";
  static final String MIGRATED_SUFFIX = ".migrated";

  private BlockStoreMigration() {
  }

  static boolean hasLegacyStore(Path directory) {
    return Files.exists(directory.resolve(LEGACY_FILE));
  }

  /** Writes every block of the H2 store in {@code directory} to {@code target}, in order, checked. */
  static void migrate(Path directory, Path target) throws IOException {
    Path partial = target.resolveSibling(target.getFileName() + ".migrating");
    long count = 0;
    // ACCESS_MODE_DATA=r: the old store is only read, so a failed migration leaves it untouched.
    String url = "jdbc:h2:file:" + directory.resolve(LEGACY_DATABASE).toAbsolutePath()
        + ";ACCESS_MODE_DATA=r;DB_CLOSE_ON_EXIT=FALSE";
    try (Connection db = DriverManager.getConnection(url, "sa", "");
        PreparedStatement select = db.prepareStatement("SELECT NUMBER, BYTES FROM BLOCKS ORDER BY NUMBER");
        ResultSet rows = select.executeQuery();
        FileChannel out = FileChannel.open(partial, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
            StandardOpenOption.TRUNCATE_EXISTING)) {
      long position = 0;
      while (rows.next()) {
        long number = rows.getLong(1);
        byte[] bytes = rows.getBytes(2);
        if (number != count) {
          throw new BlockStoreException("cannot migrate block store " + directory + ": it holds block " + number
              + " where block " + count + " was expected", null);
        }
        checkBlock(directory, number, bytes);
        position = BlockRecord.write(out, position, number, bytes);
        count++;
      }
      out.force(true);
    } catch (SQLException e) {
      Files.deleteIfExists(partial);
      throw new BlockStoreException("cannot read the earlier H2 block store in " + directory
          + " to migrate it", e);
    } catch (IOException | RuntimeException e) {
      Files.deleteIfExists(partial);
      throw e;
    }
    Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
    Path legacy = directory.resolve(LEGACY_FILE);
    Files.move(legacy, legacy.resolveSibling(LEGACY_FILE + MIGRATED_SUFFIX), StandardCopyOption.ATOMIC_MOVE);
    DurableFiles.syncDirectory(directory);
    log.info("block store {}: migrated {} blocks from the earlier H2 format; the old file is kept as {}{} and may "
        + "be deleted", directory, count, LEGACY_FILE, MIGRATED_SUFFIX);
  }

  private static void checkBlock(Path directory, long number, byte[] bytes) {
    try {
      Block block = Block.parseFrom(bytes);
      if (block.getHeader().getNumber() != number) {
        throw new BlockStoreException("cannot migrate block store " + directory + ": row " + number
            + " holds block " + block.getHeader().getNumber(), null);
      }
    } catch (InvalidProtocolBufferException e) {
      throw new BlockStoreException("cannot migrate block store " + directory + ": block " + number
          + " does not parse", e);
    }
  }
}
