package dev.ordo.ledgernode.validate;

import dev.ordo.proto.wire.EnvelopeView;
import org.hyperledger.fabric.protos.peer.TxValidationCode;

/**
 * The outcome of the checks one transaction passes on its own (parsing, signatures, policies):
 * VALID means it may still fail MVCC in block order.
 *
 * @param index the transaction's position in its block
 * @param txId its id, or null when the envelope did not parse far enough to have a trustworthy one
 * @param code VALID or the reason it is invalid
 * @param envelope the parsed envelope, or null when it did not parse
 * @param reason why it is invalid, for the log (empty when valid)
 */
public record TxCheck(int index, String txId, TxValidationCode code, EnvelopeView envelope, String reason) {

    static TxCheck valid(int index, EnvelopeView envelope) {
        return new TxCheck(index, envelope.txId(), TxValidationCode.VALID, envelope, "");
    }

    static TxCheck invalid(int index, String txId, EnvelopeView envelope, TxValidationCode code, String reason) {
        return new TxCheck(index, txId, code, envelope, reason);
    }

    public boolean isValid() {
        return code == TxValidationCode.VALID;
    }

    TxCheck withCode(TxValidationCode newCode, String newReason) {
        return new TxCheck(index, txId, newCode, envelope, newReason);
    }
}
