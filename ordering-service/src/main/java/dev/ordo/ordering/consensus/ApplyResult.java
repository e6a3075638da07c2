package dev.ordo.ordering.consensus;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.apache.ratis.protocol.Message;
import org.apache.ratis.thirdparty.com.google.protobuf.ByteString;

/**
 * What applying one log entry did, sent back to the proposer as the Raft reply: either the
 * number of the block it produced, or why it was ignored (e.g. a deposed leader's proposal).
 */
public record ApplyResult(long blockNumber, String ignoredBecause) {
  private static final byte APPLIED = 1;
  private static final byte IGNORED = 0;

  public static ApplyResult applied(long blockNumber) {
    return new ApplyResult(blockNumber, null);
  }

  /** Every envelope of the proposal was ordered before (client retries); no block was made. */
  public static ApplyResult alreadyOrdered() {
    return new ApplyResult(-1, null);
  }

  public static ApplyResult ignored(String reason) {
    return new ApplyResult(-1, reason);
  }

  public boolean isApplied() {
    return ignoredBecause == null;
  }

  public Message toMessage() {
    if (isApplied()) {
      return Message.valueOf(ByteString.copyFrom(ByteBuffer.allocate(9).put(APPLIED).putLong(blockNumber).flip()));
    }
    byte[] reason = ignoredBecause.getBytes(StandardCharsets.UTF_8);
    return Message.valueOf(ByteString.copyFrom(ByteBuffer.allocate(1 + reason.length).put(IGNORED).put(reason).flip()));
  }

  public static ApplyResult fromMessage(Message message) {
    ByteBuffer bytes = message.getContent().asReadOnlyByteBuffer();
    if (!bytes.hasRemaining()) {
      return ignored("empty reply from the state machine");
    }
    if (bytes.get() == APPLIED && bytes.remaining() == 8) {
      return applied(bytes.getLong());
    }
    byte[] reason = new byte[bytes.remaining()];
    bytes.get(reason);
    return ignored(new String(reason, StandardCharsets.UTF_8));
  }
}
