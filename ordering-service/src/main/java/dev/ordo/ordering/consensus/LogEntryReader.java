package dev.ordo.ordering.consensus;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.ordo.proto.v1.OrderingLogEntry;
import dev.ordo.proto.wire.SharingParser;
import java.io.IOException;
import java.nio.ByteBuffer;
import org.apache.ratis.thirdparty.com.google.protobuf.ByteOutput;
import org.apache.ratis.thirdparty.com.google.protobuf.ByteString;
import org.apache.ratis.thirdparty.com.google.protobuf.UnsafeByteOperations;

/**
 * Parses the {@link OrderingLogEntry} out of a Ratis log entry's data without copying the
 * envelopes: the parsed envelopes are views of the log entry's own array. Ratis's entries are
 * immutable and not pooled (3.2: parsed from the network into fresh arrays, or our own proposal
 * array on the leader), so the views stay valid for as long as the block that holds them.
 *
 * <p>Why: parsing through {@code asReadOnlyByteBuffer()} copied every block twice on every
 * orderer (the read-only buffer into a new array, then each envelope out of it), each block a
 * humongous allocation for G1 at the default region size.
 */
final class LogEntryReader {
  private LogEntryReader() {
  }

  static OrderingLogEntry parse(ByteString data) throws InvalidProtocolBufferException {
    ByteBuffer view = heapView(data);
    return SharingParser.parse(OrderingLogEntry.parser(),
        com.google.protobuf.UnsafeByteOperations.unsafeWrap(view.array(), view.arrayOffset() + view.position(),
            view.remaining()));
  }

  /**
   * The bytes of {@code data} as a heap buffer over its own array when it has exactly one (the
   * proposal arrays of the leader, the entries parsed from the network on followers), else over
   * a copy we own. The buffer's array must not be written to.
   */
  static ByteBuffer heapView(ByteString data) {
    SingleArray whole = new SingleArray();
    try {
      UnsafeByteOperations.unsafeWriteTo(data, whole);
    } catch (IOException e) {
      throw new IllegalStateException("capturing an in-memory byte string cannot fail", e);
    }
    return whole.isWhole(data.size())
        ? ByteBuffer.wrap(whole.array, whole.offset, whole.length)
        : ByteBuffer.wrap(data.toByteArray()); // in pieces: one copy we own
  }

  /** Records the backing array when the byte string hands over exactly one. */
  private static final class SingleArray extends ByteOutput {
    private byte[] array;
    private int offset;
    private int length;
    private int arrays;
    private boolean copiedPiece;

    boolean isWhole(int size) {
      return arrays == 1 && !copiedPiece && length == size;
    }

    @Override
    public void writeLazy(byte[] value, int off, int len) {
      arrays++;
      array = value;
      offset = off;
      length = len;
    }

    @Override
    public void write(byte value) {
      copiedPiece = true; // not an array we may keep
    }

    @Override
    public void write(byte[] value, int off, int len) {
      copiedPiece = true;
    }

    @Override
    public void write(ByteBuffer value) {
      copiedPiece = true;
    }

    @Override
    public void writeLazy(ByteBuffer value) {
      copiedPiece = true;
    }
  }
}
