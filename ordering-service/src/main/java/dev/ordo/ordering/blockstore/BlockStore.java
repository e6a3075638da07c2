package dev.ordo.ordering.blockstore;

import com.google.protobuf.InvalidProtocolBufferException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Optional;
import org.hyperledger.fabric.protos.common.Block;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The blocks of one channel in one append-only file, {@code blocks.log}: block after block, each
 * framed by {@link BlockRecord} (length, CRC32C, number). The file is the only truth; the offset
 * of every block is kept in memory and rebuilt by a scan when the store is opened, which also
 * cuts off a torn or corrupt tail (a crash in the middle of an append).
 *
 * <p>Durability: {@link #append} writes to the operating system and does not fsync, so a block
 * survives kill -9 at once but power loss only after {@link #syncToDisk()}. That is enough because
 * every block above the last Raft snapshot is also in the fsynced Raft log and is applied again
 * after a restart ({@link #truncateFrom}); {@link #syncToDisk()} runs before a snapshot claims a
 * height, after the genesis block of a join and after blocks fetched from another orderer. The
 * most recent blocks are cached ({@link RecentBlocks}, shared by an orderer's stores) for Deliver readers.
 */
public final class BlockStore implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(BlockStore.class);
  /** The cache of a store opened on its own, without an orderer's shared one. */
  static final long OWN_CACHE_BYTES = 16L << 20;
  static final String FILE_NAME = "blocks.log";

  private final Path directory;
  private final FileChannel file;
  private final RecentBlocks recent;
  /** offsets[n] = where block n's record starts; offsets[height] = the end of the last record. */
  private long[] offsets;
  private volatile long height;

  private BlockStore(Path directory, FileChannel file, long[] offsets, long height, RecentBlocks recent) {
    this.directory = directory;
    this.file = file;
    this.recent = recent;
    this.offsets = offsets;
    this.height = height;
  }

  /**
   * Opens (creating if needed) the block store in {@code directory}, dropping a torn tail, with
   * a cache of its own of {@link #OWN_CACHE_BYTES}.
   */
  public static BlockStore open(Path directory) {
    return open(directory, new RecentBlocks(OWN_CACHE_BYTES));
  }

  /** As {@link #open(Path)}, caching its newest blocks in {@code recent}, shared with other stores. */
  public static BlockStore open(Path directory, RecentBlocks recent) {
    Path path = directory.resolve(FILE_NAME);
    FileChannel file = null;
    try {
      Files.createDirectories(directory);
      boolean created = !Files.exists(path);
      if (created && BlockStoreMigration.hasLegacyStore(directory)) {
        // Opening an empty file here instead would make the orderer forget the channel.
        BlockStoreMigration.migrate(directory, path);
        created = false;
      }
      file = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
      if (created) {
        DurableFiles.syncDirectory(directory);
      }
      long[] offsets = new long[1024];
      long height = 0;
      long position = 0;
      long size = file.size();
      while (position < size) {
        BlockRecord.Header header = BlockRecord.readHeader(file, position, size);
        String problem = header == null ? "incomplete record header"
            : header.number() != height ? "record holds block " + header.number() + ", expected " + height
            : position + BlockRecord.HEADER_BYTES + header.length() > size ? "record is cut off"
            : BlockRecord.checksumMatches(file, position, header) ? null : "checksum does not match";
        if (problem != null) {
          log.warn("block store {}: dropping {} bytes from offset {} (block {}): {}; such a tail is left by a crash "
              + "during an append and is applied again from the Raft log", directory, size - position, position, height,
              problem);
          file.truncate(position);
          file.force(false);
          break;
        }
        if (height + 1 >= offsets.length) {
          offsets = Arrays.copyOf(offsets, offsets.length * 2);
        }
        offsets[(int) height] = position;
        position += BlockRecord.HEADER_BYTES + header.length();
        height++;
      }
      offsets[(int) height] = position;
      return new BlockStore(directory, file, offsets, height, recent);
    } catch (IOException e) {
      closeQuietly(file);
      throw new UncheckedIOException("cannot open block store " + path, e);
    }
  }

  /** Number of blocks stored: the number of the next block. */
  public long height() {
    return height;
  }

  public Path directory() {
    return directory;
  }

  /** Appends the block that follows the current tip (written, not yet synced). */
  public synchronized void append(Block block) {
    long number = block.getHeader().getNumber();
    if (number != height) {
      throw new BlockStoreException("block " + number + " does not follow the tip, height is " + height, null);
    }
    if (number + 1 >= Integer.MAX_VALUE) {
      throw new BlockStoreException("block store " + directory + " is full at block " + number, null);
    }
    byte[] bytes = block.toByteArray();
    long start = offsets[(int) number];
    long end;
    try {
      end = BlockRecord.write(file, start, number, bytes);
    } catch (IOException e) {
      truncateQuietly(start);
      throw new BlockStoreException("cannot store block " + number + " in " + directory, e);
    }
    if (number + 2 > offsets.length) {
      offsets = Arrays.copyOf(offsets, offsets.length * 2);
    }
    offsets[(int) number + 1] = end;
    recent.put(this, number, block);
    height = number + 1;
  }

  /** The block with this number, if stored. */
  public Optional<Block> block(long number) {
    long start;
    long end;
    synchronized (this) {
      if (number < 0 || number >= height) {
        return Optional.empty();
      }
      Block cached = recent.get(this, number);
      if (cached != null) {
        return Optional.of(cached);
      }
      start = offsets[(int) number];
      end = offsets[(int) number + 1];
    }
    // Read outside the lock: a record below the tip never changes; a concurrent truncation (and
    // re-append) is caught by the record's own length, number and checksum, and read again.
    try {
      ByteBuffer bytes = BlockRecord.read(file, start, end, number);
      if (bytes == null) {
        synchronized (this) {
          if (number >= height) {
            return Optional.empty();
          }
          bytes = BlockRecord.read(file, offsets[(int) number], offsets[(int) number + 1], number);
        }
        if (bytes == null) {
          throw new BlockStoreException("block " + number + " in " + directory + " fails its checksum", null);
        }
      }
      return Optional.of(Block.parseFrom(bytes));
    } catch (InvalidProtocolBufferException e) {
      throw new BlockStoreException("stored block " + number + " in " + directory + " does not parse", e);
    } catch (IOException e) {
      throw new BlockStoreException("cannot read block " + number + " from " + directory, e);
    }
  }

  /** Removes every block numbered {@code number} or above (they will be applied again). */
  public synchronized void truncateFrom(long number) {
    if (number >= height) {
      return;
    }
    if (number < 0) {
      throw new IllegalArgumentException("cannot truncate to a negative height: " + number);
    }
    try {
      file.truncate(offsets[(int) number]);
    } catch (IOException e) {
      throw new BlockStoreException("cannot truncate block store " + directory + " from block " + number, e);
    }
    recent.forget(this, number);
    height = number;
  }

  /** Forces every block appended so far to disk (survives power loss). */
  public synchronized void syncToDisk() {
    try {
      file.force(false);
    } catch (IOException e) {
      throw new BlockStoreException("cannot sync block store " + directory, e);
    }
  }

  @Override
  public synchronized void close() {
    recent.forget(this, 0);
    try {
      file.close();
    } catch (IOException e) {
      throw new BlockStoreException("cannot close block store " + directory, e);
    }
  }

  private void truncateQuietly(long size) {
    try {
      file.truncate(size);
    } catch (IOException ignored) {
      // the append failure is reported; the next open drops the partial record anyway
    }
  }

  private static void closeQuietly(FileChannel file) {
    if (file != null) {
      try {
        file.close();
      } catch (IOException ignored) {
        // the open failure is reported
      }
    }
  }
}
