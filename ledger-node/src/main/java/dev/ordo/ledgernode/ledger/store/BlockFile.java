package dev.ordo.ledgernode.ledger.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.zip.CRC32C;

/**
 * The append-only file holding a channel's block bytes, outside the MVStore so that block
 * bytes (most of a ledger's volume) never go through copy-on-write chunks. Each record is
 * {@code int length, int crc32c, bytes}; the store keeps each block's record offset, and only
 * records the store's index references count as written.
 */
final class BlockFile implements AutoCloseable {
    static final int RECORD_HEADER = 8;

    private final Path path;
    private final FileChannel channel;
    private volatile long size;

    private BlockFile(Path path, FileChannel channel) throws IOException {
        this.path = path;
        this.channel = channel;
        this.size = channel.size();
    }

    static BlockFile open(Path path) throws IOException {
        return new BlockFile(path, FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE));
    }

    /** Appends one record and returns its offset. Not durable until {@link #sync()}. */
    long append(byte[] data) throws IOException {
        long offset = size;
        ByteBuffer header = ByteBuffer.allocate(RECORD_HEADER);
        CRC32C crc = new CRC32C();
        crc.update(data);
        header.putInt(data.length).putInt((int) crc.getValue()).flip();
        ByteBuffer[] buffers = {header, ByteBuffer.wrap(data)};
        long position = offset;
        while (buffers[0].hasRemaining() || buffers[1].hasRemaining()) {
            position += channel.write(buffers[buffers[0].hasRemaining() ? 0 : 1], position);
        }
        size = position;
        return offset;
    }

    /** The record at {@code offset}, checked against its length and CRC. */
    byte[] read(long offset) throws IOException {
        if (offset < 0 || offset + RECORD_HEADER > size) {
            throw new IOException(path + ": no record at offset " + offset + " (file size " + size + ")");
        }
        ByteBuffer header = ByteBuffer.allocate(RECORD_HEADER);
        readFully(header, offset);
        header.flip();
        int length = header.getInt();
        int crc = header.getInt();
        if (length < 0 || offset + RECORD_HEADER + length > size) {
            throw new IOException(path + ": record at offset " + offset + " claims " + length
                    + " bytes beyond the end of the file (" + size + ")");
        }
        byte[] data = new byte[length];
        readFully(ByteBuffer.wrap(data), offset + RECORD_HEADER);
        CRC32C check = new CRC32C();
        check.update(data);
        if ((int) check.getValue() != crc) {
            throw new IOException(path + ": record at offset " + offset + " fails its CRC32C check");
        }
        return data;
    }

    /** The offset just past the record at {@code offset}. */
    long endOf(long offset) throws IOException {
        ByteBuffer header = ByteBuffer.allocate(4);
        readFully(header, offset);
        return offset + RECORD_HEADER + header.flip().getInt();
    }

    /** Forces written records to the device (data only, as fdatasync). */
    void sync() throws IOException {
        channel.force(false);
    }

    /** Cuts the file to {@code newSize}, dropping records no index references. */
    void truncate(long newSize) throws IOException {
        channel.truncate(newSize);
        channel.force(false);
        size = newSize;
    }

    long size() {
        return size;
    }

    Path path() {
        return path;
    }

    private void readFully(ByteBuffer buffer, long position) throws IOException {
        long at = position;
        while (buffer.hasRemaining()) {
            int read = channel.read(buffer, at);
            if (read < 0) {
                throw new IOException(path + ": unexpected end of file at " + at);
            }
            at += read;
        }
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
