package dev.ordo.ordering.blockstore;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The block proposals of one channel's Raft group, kept outside Ratis's log: append-only
 * segment files named by the first Raft index they hold, each a sequence of {@link BlockRecord}s
 * (length, CRC32C, Raft index) whose payload is the entry's Raft term followed by the proposal.
 *
 * <p>Why: Ratis writes every byte of an entry twice in its own log (zeros to preallocate, then
 * the bytes) and checksums it in pure Java; with the proposal in the entry's state machine data,
 * Ratis's log holds only the entry's header and the bytes are written here once, with the JDK's
 * intrinsic CRC32C. Segments rather than a file per entry: creating and deleting a file per block
 * cost more than Ratis's own overhead (docs/performance.md, 2026-12-06).
 *
 * <p>Contract with Ratis ({@code StateMachine.DataApi}): {@link #write} appends entry by entry in
 * log order and does not sync; {@link #flush} makes everything written so far durable, and Ratis
 * waits for it before it syncs (and acknowledges) its own log; {@link #truncateFrom} drops what a
 * new leader overwrote; {@link #purgeBelow} drops whole segments that Ratis no longer needs. A
 * read checks the record's index, checksum and term, so a proposal of an older term left behind
 * by a crash is never read in place of the entry that replaced it: a missing, torn or corrupt
 * proposal is an error, never other bytes.
 *
 * <p>The newest proposals are also kept on the heap, until the owner says they are no longer
 * needed ({@link #uncacheBelow}) and at most a given number of bytes, so that applying an entry
 * and sending it to followers do not read the disk; older ones are read back from their segment.
 * Opening the store scans every segment and cuts a torn or corrupt tail.
 */
public final class ProposalStore implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ProposalStore.class);
  private static final Pattern SEGMENT_NAME = Pattern.compile("(\\d{19})\\.segment");
  private static final int TERM_BYTES = Long.BYTES;
  private static final int STAGING_BYTES = 256 * 1024;

  /** One segment file, open for appending (the last) and positional reads. */
  private static final class Segment {
    final long firstIndex;
    final Path path;
    final FileChannel channel;
    long size;
    /** Set before the channel is closed, so that a flush racing a truncation skips it. */
    volatile boolean deleted;

    Segment(long firstIndex, Path path, FileChannel channel, long size) {
      this.firstIndex = firstIndex;
      this.path = path;
      this.channel = channel;
      this.size = size;
    }
  }

  /** Where one proposal's record is: {@code [offset, offset + length)} of its segment. */
  private record Location(Segment segment, long offset, long length, long term) {
  }

  private final Path directory;
  private final long cacheBytes;
  private final long segmentBytes;
  private final NavigableMap<Long, Segment> segments = new TreeMap<>();
  private final NavigableMap<Long, Location> locations = new TreeMap<>();
  /** Segments written to since the last flush. */
  private final Set<Segment> unsynced = new LinkedHashSet<>();
  private final NavigableMap<Long, ByteBuffer> cache = new TreeMap<>();
  private ByteBuffer staging;
  private long cachedBytes;
  private boolean directoryChanged;
  private boolean closed;

  private ProposalStore(Path directory, long cacheBytes, long segmentBytes) {
    this.directory = directory;
    this.cacheBytes = cacheBytes;
    this.segmentBytes = segmentBytes;
  }

  /**
   * Opens (creating if needed) the store in {@code directory}, keeping up to {@code cacheBytes}
   * of the newest proposals on the heap and rolling segments at {@code segmentBytes}.
   */
  public static ProposalStore open(Path directory, long cacheBytes, long segmentBytes) throws IOException {
    if (cacheBytes < 0 || segmentBytes <= 0) {
      throw new IllegalArgumentException("cache bytes must not be negative and segment bytes must be positive");
    }
    Files.createDirectories(directory);
    ProposalStore store = new ProposalStore(directory, cacheBytes, segmentBytes);
    try {
      store.load();
    } catch (IOException | RuntimeException e) {
      store.close();
      throw e;
    }
    return store;
  }

  private void load() throws IOException {
    List<Path> files;
    try (Stream<Path> listed = Files.list(directory)) {
      files = listed.sorted().toList();
    }
    for (Path file : files) {
      Matcher name = SEGMENT_NAME.matcher(file.getFileName().toString());
      if (!name.matches()) {
        log.warn("proposal store {}: ignoring unexpected file {}", directory, file.getFileName());
        continue;
      }
      FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
      Segment segment = new Segment(Long.parseLong(name.group(1)), file, channel, 0);
      segments.put(segment.firstIndex, segment);
      long size = channel.size();
      long at = 0;
      while (at < size) {
        BlockRecord.Header header = BlockRecord.readHeader(channel, at, size);
        if (header == null || header.length() < TERM_BYTES || at + BlockRecord.HEADER_BYTES + header.length() > size
            || !BlockRecord.checksumMatches(channel, at, header)) {
          break;
        }
        ByteBuffer term = ByteBuffer.allocate(TERM_BYTES);
        channel.read(term, at + BlockRecord.HEADER_BYTES);
        long length = BlockRecord.HEADER_BYTES + header.length();
        // A record at or below an index already loaded was written after a truncation that did not
        // reach the disk: like a later log write, it replaces that index and everything after it.
        locations.tailMap(header.number(), true).clear();
        locations.put(header.number(), new Location(segment, at, length, term.flip().getLong()));
        at += length;
      }
      if (at < size) {
        log.warn("proposal store {}: segment {} has a torn or corrupt record at byte {}; cutting {} bytes",
            directory, file.getFileName(), at, size - at);
        channel.truncate(at);
        channel.force(true);
      }
      segment.size = at;
    }
  }

  /**
   * Appends the proposal of Raft entry {@code index} (the buffer's remaining bytes, which must not
   * change afterwards: the buffer itself is cached). Not synced; an index at or below one already
   * written replaces it and everything after it, as a Raft log does.
   */
  public synchronized void write(long index, long term, ByteBuffer proposal) throws IOException {
    if (index < 0 || term < 0) {
      throw new IllegalArgumentException("index and term must not be negative");
    }
    ensureOpen();
    if (!locations.isEmpty() && index <= locations.lastKey()) {
      truncateFrom(index);
    }
    Segment segment = segments.isEmpty() ? null : segments.lastEntry().getValue();
    if (segment == null || segment.size >= segmentBytes) {
      Path path = directory.resolve(String.format("%019d.segment", index));
      // A file of that name can only be a leftover whose removal failed: every index from here on was removed.
      segment = new Segment(index, path, FileChannel.open(path, StandardOpenOption.CREATE,
          StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.READ, StandardOpenOption.WRITE), 0);
      segments.put(index, segment);
      directoryChanged = true;
    }
    if (staging == null) {
      staging = ByteBuffer.allocateDirect(STAGING_BYTES);
    }
    ByteBuffer termBytes = ByteBuffer.allocate(TERM_BYTES).putLong(0, term);
    long start = segment.size;
    long end;
    try {
      end = BlockRecord.write(segment.channel, start, index, staging, termBytes, proposal);
    } catch (IOException | RuntimeException e) {
      segment.channel.truncate(start); // no half record before the next append
      throw e;
    }
    segment.size = end;
    unsynced.add(segment);
    locations.put(index, new Location(segment, start, end - start, term));
    ByteBuffer cached = proposal.duplicate();
    cache.put(index, cached);
    cachedBytes += cached.remaining();
    while (cachedBytes > cacheBytes && !cache.isEmpty()) {
      cachedBytes -= cache.pollFirstEntry().getValue().remaining(); // still on disk
    }
  }

  /** Forces every proposal written so far (and the segment files' directory entries) to the device. */
  public void flush() throws IOException {
    List<Segment> toForce;
    boolean syncDirectory;
    synchronized (this) {
      ensureOpen();
      toForce = new ArrayList<>(unsynced);
      unsynced.clear();
      syncDirectory = directoryChanged;
      directoryChanged = false;
    }
    // Forced outside the lock: a sync takes milliseconds, and reads and the next writes need not wait for it.
    for (Segment segment : toForce) {
      try {
        segment.channel.force(false);
      } catch (ClosedChannelException e) {
        if (!segment.deleted) {
          throw e;
        } // truncated away meanwhile: nothing of it is left to make durable
      }
    }
    if (syncDirectory) {
      DurableFiles.syncDirectory(directory);
    }
  }

  /**
   * The proposal of Raft entry {@code index} written in {@code term}.
   *
   * @throws NoSuchFileException when there is none (never written, truncated or purged)
   * @throws IOException when its record is unreadable, torn or corrupt
   */
  public ByteBuffer read(long index, long term) throws IOException {
    Location location;
    synchronized (this) {
      ensureOpen();
      location = locations.get(index);
      if (location == null || location.term() != term) {
        throw new NoSuchFileException(directory.toString(), null, location == null
            ? "no proposal at Raft index " + index
            : "the proposal at Raft index " + index + " is of term " + location.term() + ", not " + term);
      }
      ByteBuffer cached = cache.get(index);
      if (cached != null) {
        return cached.duplicate();
      }
    }
    ByteBuffer payload = BlockRecord.read(location.segment().channel, location.offset(),
        location.offset() + location.length(), index);
    if (payload == null || payload.getLong(payload.position()) != term) {
      throw new IOException("proposal store " + directory + ": the record of Raft index " + index + " in "
          + location.segment().path.getFileName() + " is torn or corrupt");
    }
    return payload.position(payload.position() + TERM_BYTES).slice();
  }

  /** Removes the proposals from {@code index} on (Ratis truncates its log after a leader change). */
  public synchronized void truncateFrom(long index) throws IOException {
    ensureOpen();
    NavigableMap<Long, Location> removed = locations.tailMap(index, true);
    if (removed.isEmpty()) {
      return;
    }
    Location first = removed.firstEntry().getValue();
    for (Segment later : new ArrayList<>(segments.tailMap(first.segment().firstIndex, false).values())) {
      deleteSegment(later);
    }
    if (first.offset() == 0) {
      deleteSegment(first.segment());
    } else {
      first.segment().channel.truncate(first.offset());
      first.segment().size = first.offset();
      unsynced.add(first.segment());
    }
    removed.clear();
    uncache(cache.tailMap(index, true));
    directoryChanged = true;
    log.info("proposal store {}: truncated from Raft index {}", directory, index);
  }

  /**
   * Removes every segment all of whose proposals are below {@code index} (Ratis no longer holds
   * those entries); the last segment, which takes the next writes, stays.
   */
  public synchronized void purgeBelow(long index) throws IOException {
    ensureOpen();
    List<Segment> purgeable = new ArrayList<>();
    Segment previous = null;
    for (Segment segment : segments.values()) {
      if (previous != null && segment.firstIndex <= index) {
        purgeable.add(previous); // every proposal in it is below the next segment's first index
      }
      previous = segment;
    }
    for (Segment segment : purgeable) {
      Long next = segments.higherKey(segment.firstIndex);
      locations.headMap(next, false).clear();
      uncache(cache.headMap(next, false));
      deleteSegment(segment);
    }
  }

  /**
   * Drops the proposals below {@code index} from the heap (they stay on disk): once applied and
   * sent to every follower, only a follower that falls back needs them again.
   */
  public synchronized void uncacheBelow(long index) {
    if (!cache.isEmpty() && cache.firstKey() < index) {
      uncache(cache.headMap(index, false));
    }
  }

  /** The lowest and highest Raft index with a proposal stored; empty when there is none. */
  public synchronized long[] indexRange() {
    return locations.isEmpty() ? new long[0] : new long[] {locations.firstKey(), locations.lastKey()};
  }

  /** Bytes of proposals held on the heap. */
  public synchronized long cachedBytes() {
    return cachedBytes;
  }

  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    for (Segment segment : segments.values()) {
      try {
        segment.channel.close();
      } catch (IOException e) {
        log.warn("proposal store {}: closing {} failed: {}", directory, segment.path.getFileName(), e.getMessage());
      }
    }
    cache.clear();
    cachedBytes = 0;
  }

  private void deleteSegment(Segment segment) throws IOException {
    segments.remove(segment.firstIndex);
    unsynced.remove(segment);
    segment.deleted = true;
    segment.channel.close();
    Files.deleteIfExists(segment.path);
    directoryChanged = true;
  }

  private void uncache(Map<Long, ByteBuffer> dropped) {
    for (ByteBuffer buffer : dropped.values()) {
      cachedBytes -= buffer.remaining();
    }
    dropped.clear();
  }

  private void ensureOpen() {
    if (closed) {
      throw new IllegalStateException("proposal store " + directory + " is closed");
    }
  }
}
