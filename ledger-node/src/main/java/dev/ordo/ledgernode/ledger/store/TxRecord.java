package dev.ordo.ledgernode.ledger.store;

import java.nio.ByteBuffer;
import org.h2.mvstore.DataUtils;
import org.hyperledger.fabric.protos.peer.TxValidationCode;

/**
 * Where a transaction id was committed and how it was judged. Invalid transactions are indexed
 * too, so a later transaction reusing the id is a duplicate. Encoded as {@code varlong block,
 * varint tx, code byte}.
 */
public record TxRecord(long blockNum, int txNum, TxValidationCode code) {

    byte[] encode() {
        byte[] out = new byte[DataUtils.getVarLongLen(blockNum) + DataUtils.getVarIntLen(txNum) + 1];
        ByteBuffer buffer = ByteBuffer.wrap(out);
        DataUtils.writeVarLong(buffer, blockNum);
        DataUtils.writeVarInt(buffer, txNum);
        buffer.put((byte) code.getNumber());
        return out;
    }

    static TxRecord decode(byte[] encoded) {
        ByteBuffer buffer = ByteBuffer.wrap(encoded);
        long block = DataUtils.readVarLong(buffer);
        int tx = DataUtils.readVarInt(buffer);
        TxValidationCode code = TxValidationCode.forNumber(buffer.get() & 0xFF);
        return new TxRecord(block, tx, code == null ? TxValidationCode.INVALID_OTHER_REASON : code);
    }
}
