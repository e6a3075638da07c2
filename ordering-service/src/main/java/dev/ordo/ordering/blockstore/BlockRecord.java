package dev.ordo.ordering.blockstore;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.zip.CRC32C;

/**
 * The framing of one record on disk: a 16-byte header (payload length, CRC32C of the payload, a
 * number; big-endian) followed by the payload. In {@code blocks.log} the payload is a marshalled
 * block and the number its block number; in a {@link ProposalStore} segment the Raft term and a
 * proposal, and the number the entry's Raft index. The length bounds the read, the number and
 * checksum tell a whole record from a torn or stale one.
 */
final class BlockRecord {
  static final int HEADER_BYTES = 16;
  /** No block may exceed this (Raft entries are capped far lower). */
  static final int MAX_PAYLOAD_BYTES = 1 << 30;

  record Header(int length, int crc, long number) {
  }

  private BlockRecord() {
  }

  /**
   * Writes block {@code number}'s record at {@code position} and returns the position just past
   * it. Not synced.
   */
  static long write(FileChannel file, long position, long number, byte[] payload) throws IOException {
    ByteBuffer header = ByteBuffer.allocate(HEADER_BYTES);
    header.putInt(payload.length).putInt(crc(payload, 0, payload.length)).putLong(number).flip();
    long at = position;
    for (ByteBuffer part : new ByteBuffer[] {header, ByteBuffer.wrap(payload)}) {
      while (part.hasRemaining()) {
        at += file.write(part, at);
      }
    }
    return at;
  }

  /**
   * Writes a record whose payload is the concatenation of {@code parts} (their remaining bytes,
   * left unconsumed) at {@code position}, staging everything through {@code staging}, a direct
   * buffer, and returns the position just past it. Not synced. Why the staging buffer: the JDK
   * copies a heap buffer into a temporary direct buffer of the buffer's whole size for every
   * write, which for proposals of a megabyte costs more than the write itself.
   */
  static long write(FileChannel file, long position, long number, ByteBuffer staging, ByteBuffer... parts)
      throws IOException {
    CRC32C crc = new CRC32C();
    long length = 0;
    for (ByteBuffer part : parts) {
      crc.update(part.duplicate());
      length += part.remaining();
    }
    if (length > MAX_PAYLOAD_BYTES) {
      throw new IllegalArgumentException("a record's payload is at most " + MAX_PAYLOAD_BYTES + " bytes");
    }
    staging.clear();
    staging.putInt((int) length).putInt((int) crc.getValue()).putLong(number);
    long at = position;
    for (ByteBuffer part : parts) {
      ByteBuffer rest = part.duplicate();
      while (rest.hasRemaining()) {
        int n = Math.min(staging.remaining(), rest.remaining());
        staging.put(rest.slice().limit(n));
        rest.position(rest.position() + n);
        if (!staging.hasRemaining()) {
          at = drain(file, at, staging);
        }
      }
    }
    return drain(file, at, staging);
  }

  private static long drain(FileChannel file, long position, ByteBuffer staging) throws IOException {
    staging.flip();
    long at = position;
    while (staging.hasRemaining()) {
      at += file.write(staging, at);
    }
    staging.clear();
    return at;
  }

  /** The header at {@code position}, or null when fewer than a header's bytes remain or the length is impossible. */
  static Header readHeader(FileChannel file, long position, long size) throws IOException {
    if (size - position < HEADER_BYTES) {
      return null;
    }
    ByteBuffer buffer = ByteBuffer.allocate(HEADER_BYTES);
    if (!readFully(file, buffer, position)) {
      return null;
    }
    return decodeHeader(buffer.flip());
  }

  /** The header at the buffer's position (consumed), or null when its length is impossible. */
  private static Header decodeHeader(ByteBuffer buffer) {
    int length = buffer.getInt();
    int crc = buffer.getInt();
    long number = buffer.getLong();
    return length < 0 || length > MAX_PAYLOAD_BYTES ? null : new Header(length, crc, number);
  }

  /** True when the payload after {@code header} (which starts at {@code position}) has the recorded checksum. */
  static boolean checksumMatches(FileChannel file, long position, Header header) throws IOException {
    ByteBuffer payload = ByteBuffer.allocate(header.length());
    return readFully(file, payload, position + HEADER_BYTES)
        && crc(payload.array(), 0, header.length()) == header.crc();
  }

  /**
   * The payload of the record spanning {@code [start, end)} if it is whole and holds block
   * {@code number}; null otherwise (e.g. truncated meanwhile).
   */
  static ByteBuffer read(FileChannel file, long start, long end, long number) throws IOException {
    long total = end - start;
    if (total < HEADER_BYTES || total - HEADER_BYTES > MAX_PAYLOAD_BYTES || file.size() < end) {
      return null;
    }
    ByteBuffer buffer = ByteBuffer.allocate((int) total);
    if (!readFully(file, buffer, start)) {
      return null;
    }
    Header header = decodeHeader(buffer.flip());
    if (header == null || header.length() != total - HEADER_BYTES || header.number() != number
        || crc(buffer.array(), HEADER_BYTES, header.length()) != header.crc()) {
      return null;
    }
    return buffer.slice();
  }

  private static int crc(byte[] bytes, int offset, int length) {
    CRC32C crc = new CRC32C();
    crc.update(bytes, offset, length);
    return (int) crc.getValue();
  }

  /** Reads until the buffer is full; false if the file ends first. */
  private static boolean readFully(FileChannel file, ByteBuffer buffer, long position) throws IOException {
    long at = position;
    while (buffer.hasRemaining()) {
      int n = file.read(buffer, at);
      if (n < 0) {
        return false;
      }
      at += n;
    }
    return true;
  }
}
