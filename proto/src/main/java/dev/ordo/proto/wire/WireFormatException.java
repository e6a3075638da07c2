package dev.ordo.proto.wire;

import org.hyperledger.fabric.protos.peer.TxValidationCode;

/**
 * A Fabric or Ordo message is malformed or breaks a wire rule. The message names the field and
 * what is wrong with it, e.g. {@code "ChannelHeader.epoch: must be 0, was 7"}.
 *
 * <p>{@link #validationCode()} is the {@link TxValidationCode} a committing peer records when a
 * transaction fails with this problem, so the validator does not have to guess from the text.
 */
public class WireFormatException extends Exception {
    private static final long serialVersionUID = 1L;

    private final TxValidationCode validationCode;

    public WireFormatException(String message) {
        this(TxValidationCode.BAD_PAYLOAD, message);
    }

    public WireFormatException(TxValidationCode validationCode, String message) {
        super(message);
        this.validationCode = validationCode;
    }

    public WireFormatException(TxValidationCode validationCode, String message, Throwable cause) {
        super(message, cause);
        this.validationCode = validationCode;
    }

    /** The validation code a peer marks a transaction with when it fails for this reason. */
    public TxValidationCode validationCode() {
        return validationCode;
    }
}
