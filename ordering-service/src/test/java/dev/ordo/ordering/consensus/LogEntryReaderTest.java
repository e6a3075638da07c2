package dev.ordo.ordering.consensus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import dev.ordo.proto.v1.BlockProposal;
import dev.ordo.proto.v1.OrderingLogEntry;
import java.util.Arrays;
import org.apache.ratis.thirdparty.com.google.protobuf.UnsafeByteOperations;
import org.junit.jupiter.api.Test;

class LogEntryReaderTest {
  private static OrderingLogEntry entry() {
    byte[] envelope = new byte[1024];
    Arrays.fill(envelope, (byte) 7);
    return OrderingLogEntry.newBuilder().setBlock(BlockProposal.newBuilder()
        .setChannelId("mychannel")
        .setNumber(12)
        .addEnvelopes(ByteString.copyFrom(envelope))
        .addEnvelopes(ByteString.copyFromUtf8("second")))
        .build();
  }

  @Test
  void envelopesAreViewsOfTheLogEntrysArray() throws InvalidProtocolBufferException {
    byte[] bytes = entry().toByteArray();
    OrderingLogEntry parsed = LogEntryReader.parse(UnsafeByteOperations.unsafeWrap(bytes));
    assertEquals(entry(), parsed);

    // Proves no copy was made: a change to the log entry's array shows in the parsed envelope.
    // (Ratis never changes an entry's array; only this test does.)
    int firstEnvelopeByte = indexOf(bytes, (byte) 7);
    bytes[firstEnvelopeByte] = 8;
    assertEquals(8, parsed.getBlock().getEnvelopes(0).byteAt(0));
  }

  @Test
  void aByteStringMadeOfPiecesIsCopiedOnceAndParsesTheSame() throws InvalidProtocolBufferException {
    byte[] bytes = entry().toByteArray();
    int half = bytes.length / 2;
    var pieces = org.apache.ratis.thirdparty.com.google.protobuf.ByteString.copyFrom(bytes, 0, half)
        .concat(org.apache.ratis.thirdparty.com.google.protobuf.ByteString.copyFrom(bytes, half, bytes.length - half));
    assertEquals(entry(), LogEntryReader.parse(pieces));
  }

  @Test
  void aDamagedEntryIsReportedNotMisread() {
    byte[] bytes = entry().toByteArray();
    byte[] truncated = Arrays.copyOf(bytes, bytes.length - 3);
    assertThrows(InvalidProtocolBufferException.class,
        () -> LogEntryReader.parse(UnsafeByteOperations.unsafeWrap(truncated)));
  }

  private static int indexOf(byte[] bytes, byte value) {
    for (int i = 0; i < bytes.length; i++) {
      if (bytes[i] == value) {
        return i;
      }
    }
    throw new AssertionError("value not found");
  }
}
