package dev.ordo.contracts.runtime;

import dev.ordo.proto.wire.Sha256;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Objects;

/**
 * Fabric's proposal binding, handed to contracts by {@code ChaincodeStub.getBinding()}:
 * SHA-256(nonce ‖ creator ‖ epoch as 8 bytes little endian). It lets a contract tie data to
 * one proposal (e.g. to check that transient data was meant for it).
 */
public final class ProposalBinding {

  private ProposalBinding() {}

  /** The binding of a proposal with this nonce, creator and channel-header epoch. */
  public static byte[] compute(byte[] nonce, byte[] creator, long epoch) {
    Objects.requireNonNull(nonce, "nonce");
    Objects.requireNonNull(creator, "creator");
    byte[] epochBytes = ByteBuffer.allocate(Long.BYTES).order(ByteOrder.LITTLE_ENDIAN)
        .putLong(epoch).array();
    return Sha256.digest(nonce, creator, epochBytes);
  }
}
