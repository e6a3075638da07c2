package dev.ordo.proto.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import java.util.List;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.BlockMetadataIndex;
import org.hyperledger.fabric.protos.peer.TxValidationCode;
import org.junit.jupiter.api.Test;

class TransactionsFilterTest {
    @Test
    void oneValidationCodeBytePerTransaction() throws Exception {
        Block block = Blocks.newBlock(1, ByteString.EMPTY,
                List.of(ByteString.copyFromUtf8("a"), ByteString.copyFromUtf8("b"), ByteString.copyFromUtf8("c")));
        TransactionsFilter filter = TransactionsFilter.notValidated(3)
                .set(0, TxValidationCode.VALID)
                .set(1, TxValidationCode.MVCC_READ_CONFLICT)
                .set(2, TxValidationCode.INVALID_OTHER_REASON);
        Block written = filter.writeTo(block);
        assertEquals(ByteString.copyFrom(new byte[] {0, 11, (byte) 255}),
                Blocks.metadataSlot(written, BlockMetadataIndex.TRANSACTIONS_FILTER));

        TransactionsFilter read = TransactionsFilter.of(written);
        assertTrue(read.isValid(0));
        assertFalse(read.isValid(1));
        assertEquals(TxValidationCode.MVCC_READ_CONFLICT, read.get(1));
        assertEquals(TxValidationCode.INVALID_OTHER_REASON, read.get(2));
    }

    @Test
    void rejectsWrongLengthAndUnknownCodes() {
        WireFormatException length = assertThrows(WireFormatException.class,
                () -> TransactionsFilter.parse(ByteString.copyFrom(new byte[] {0}), 2));
        assertEquals("TRANSACTIONS_FILTER: 1 codes for 2 transactions", length.getMessage());
        WireFormatException unknown = assertThrows(WireFormatException.class,
                () -> TransactionsFilter.parse(ByteString.copyFrom(new byte[] {0, 100}), 2));
        assertEquals("TRANSACTIONS_FILTER[1]: unknown validation code 100", unknown.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> TransactionsFilter.of(2, TxValidationCode.VALID).writeTo(Blocks.newBlock(0, ByteString.EMPTY, List.of())));
    }
}
