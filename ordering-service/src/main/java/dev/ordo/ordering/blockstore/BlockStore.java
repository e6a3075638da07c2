package dev.ordo.ordering.blockstore;

import com.google.protobuf.InvalidProtocolBufferException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.hyperledger.fabric.protos.common.Block;

/**
 * The blocks of one channel in an embedded H2 database, one database transaction per block.
 *
 * <p>Opened with {@code WRITE_DELAY=0} so that a block whose {@link #append} returned survives
 * kill -9 (H2-NOTES); {@link #syncToDisk()} ({@code CHECKPOINT SYNC}) is called before a Raft
 * snapshot claims a height, which makes everything up to that height survive power loss too.
 * Blocks above the last snapshot are re-applied from the Raft log after a crash, so the store
 * can be {@link #truncateFrom truncated}. The most recent blocks are cached for Deliver readers
 * that follow the tip.
 */
public final class BlockStore implements AutoCloseable {
  private static final int CACHED_BLOCKS = 64;

  private final Path directory;
  private final Connection writer;
  private final Connection reader;
  private final Map<Long, Block> recent = new LinkedHashMap<>(CACHED_BLOCKS * 2, 0.75f, false) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<Long, Block> eldest) {
      return size() > CACHED_BLOCKS;
    }
  };
  private volatile long height;

  private BlockStore(Path directory, Connection writer, Connection reader) throws SQLException {
    this.directory = directory;
    this.writer = writer;
    this.reader = reader;
    try (Statement s = writer.createStatement()) {
      s.execute("CREATE TABLE IF NOT EXISTS BLOCKS(NUMBER BIGINT PRIMARY KEY, BYTES VARBINARY NOT NULL)");
    }
    writer.setAutoCommit(false);
    try (Statement s = reader.createStatement(); ResultSet rs = s.executeQuery("SELECT MAX(NUMBER) FROM BLOCKS")) {
      rs.next();
      long max = rs.getLong(1);
      this.height = rs.wasNull() ? 0 : max + 1;
    }
  }

  /** Opens (creating if needed) the block store in {@code directory}. */
  public static BlockStore open(Path directory) {
    try {
      Files.createDirectories(directory);
      // DB_CLOSE_ON_EXIT=FALSE: H2's own JVM shutdown hook would close the store while Ratis
      // is still applying entries (the orderer then loops on "Database is already closed" and
      // never exits); OrdererNode.close() stops Ratis first and closes the store after it.
      String url = "jdbc:h2:file:" + directory.resolve("blocks").toAbsolutePath()
          + ";WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE";
      Connection writer = DriverManager.getConnection(url, "sa", "");
      Connection reader = DriverManager.getConnection(url, "sa", "");
      return new BlockStore(directory, writer, reader);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create block store directory " + directory, e);
    } catch (SQLException e) {
      throw new BlockStoreException("cannot open block store in " + directory, e);
    }
  }

  /** Number of blocks stored: the number of the next block. */
  public long height() {
    return height;
  }

  public Path directory() {
    return directory;
  }

  /** Appends the block that follows the current tip, atomically. */
  public synchronized void append(Block block) {
    long number = block.getHeader().getNumber();
    if (number != height) {
      throw new BlockStoreException("block " + number + " does not follow the tip, height is " + height, null);
    }
    try (PreparedStatement insert = writer.prepareStatement("INSERT INTO BLOCKS(NUMBER, BYTES) VALUES (?, ?)")) {
      insert.setLong(1, number);
      insert.setBytes(2, block.toByteArray());
      insert.executeUpdate();
      writer.commit();
    } catch (SQLException e) {
      rollbackQuietly();
      throw new BlockStoreException("cannot store block " + number, e);
    }
    recent.put(number, block);
    height = number + 1;
  }

  /** The block with this number, if stored. */
  public Optional<Block> block(long number) {
    if (number < 0 || number >= height) {
      return Optional.empty();
    }
    synchronized (this) {
      Block cached = recent.get(number);
      if (cached != null) {
        return Optional.of(cached);
      }
      try (PreparedStatement select = reader.prepareStatement("SELECT BYTES FROM BLOCKS WHERE NUMBER = ?")) {
        select.setLong(1, number);
        try (ResultSet rs = select.executeQuery()) {
          if (!rs.next()) {
            return Optional.empty();
          }
          return Optional.of(Block.parseFrom(rs.getBytes(1)));
        }
      } catch (SQLException e) {
        throw new BlockStoreException("cannot read block " + number, e);
      } catch (InvalidProtocolBufferException e) {
        throw new BlockStoreException("stored block " + number + " does not parse", e);
      }
    }
  }

  /** Removes every block numbered {@code number} or above (they will be applied again). */
  public synchronized void truncateFrom(long number) {
    if (number >= height) {
      return;
    }
    try (PreparedStatement delete = writer.prepareStatement("DELETE FROM BLOCKS WHERE NUMBER >= ?")) {
      delete.setLong(1, number);
      delete.executeUpdate();
      writer.commit();
    } catch (SQLException e) {
      rollbackQuietly();
      throw new BlockStoreException("cannot truncate block store from block " + number, e);
    }
    recent.keySet().removeIf(n -> n >= number);
    height = number;
  }

  /** Forces everything committed so far to disk (survives power loss). */
  public synchronized void syncToDisk() {
    try (Statement s = writer.createStatement()) {
      s.execute("CHECKPOINT SYNC");
    } catch (SQLException e) {
      throw new BlockStoreException("cannot sync block store " + directory, e);
    }
  }

  @Override
  public synchronized void close() {
    try {
      reader.close();
      writer.close();
    } catch (SQLException e) {
      throw new BlockStoreException("cannot close block store " + directory, e);
    }
  }

  private void rollbackQuietly() {
    try {
      writer.rollback();
    } catch (SQLException ignored) {
      // the original failure is reported
    }
  }
}
