package dev.ordo.ledgernode.validate;

import dev.ordo.proto.wire.EnvelopeView;
import org.hyperledger.fabric.protos.peer.TxValidationCode;

/**
 * One transaction of a validated block with its final code.
 *
 * @param index position in the block
 * @param txId the transaction id, or null when the envelope did not parse
 * @param code the final validation code
 * @param envelope the parsed envelope, or null when it did not parse
 * @param reason why it is invalid (empty when valid)
 */
public record ValidatedTransaction(int index, String txId, TxValidationCode code, EnvelopeView envelope,
        String reason) {

    public boolean isValid() {
        return code == TxValidationCode.VALID;
    }
}
