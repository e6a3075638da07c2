package dev.ordo.proto.wire;

import com.google.protobuf.ByteString;
import java.util.Arrays;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.BlockMetadataIndex;
import org.hyperledger.fabric.protos.peer.TxValidationCode;

/**
 * The TRANSACTIONS_FILTER metadata slot: one {@link TxValidationCode} byte per transaction of
 * the block, in block order. Mutable while a block is validated (each transaction index is set
 * by one validator), then written with {@link #toByteString()}.
 */
public final class TransactionsFilter {
    private final byte[] codes;

    private TransactionsFilter(byte[] codes) {
        this.codes = codes;
    }

    /** A filter of {@code size} transactions all marked {@code code}. */
    public static TransactionsFilter of(int size, TxValidationCode code) {
        byte[] codes = new byte[size];
        Arrays.fill(codes, (byte) code.getNumber());
        return new TransactionsFilter(codes);
    }

    /** A filter of {@code size} transactions all marked NOT_VALIDATED, the state before validation. */
    public static TransactionsFilter notValidated(int size) {
        return of(size, TxValidationCode.NOT_VALIDATED);
    }

    /** Parses filter bytes for a block of {@code transactionCount} transactions. */
    public static TransactionsFilter parse(ByteString bytes, int transactionCount) throws WireFormatException {
        if (bytes.size() != transactionCount) {
            throw new WireFormatException("TRANSACTIONS_FILTER: " + bytes.size() + " codes for " + transactionCount
                    + " transactions");
        }
        byte[] codes = bytes.toByteArray();
        for (int i = 0; i < codes.length; i++) {
            if (TxValidationCode.forNumber(codes[i] & 0xFF) == null) {
                throw new WireFormatException("TRANSACTIONS_FILTER[" + i + "]: unknown validation code "
                        + (codes[i] & 0xFF));
            }
        }
        return new TransactionsFilter(codes);
    }

    /** The filter in {@code block}'s TRANSACTIONS_FILTER slot. */
    public static TransactionsFilter of(Block block) throws WireFormatException {
        return parse(Blocks.metadataSlot(block, BlockMetadataIndex.TRANSACTIONS_FILTER), block.getData().getDataCount());
    }

    public int size() {
        return codes.length;
    }

    public TxValidationCode get(int index) {
        return TxValidationCode.forNumber(codes[index] & 0xFF);
    }

    public boolean isValid(int index) {
        return codes[index] == (byte) TxValidationCode.VALID.getNumber();
    }

    public TransactionsFilter set(int index, TxValidationCode code) {
        codes[index] = (byte) code.getNumber();
        return this;
    }

    public ByteString toByteString() {
        return ByteString.copyFrom(codes);
    }

    /** A copy of {@code block} carrying this filter in its TRANSACTIONS_FILTER slot. */
    public Block writeTo(Block block) {
        if (block.getData().getDataCount() != codes.length) {
            throw new IllegalArgumentException("filter has " + codes.length + " codes, block "
                    + block.getHeader().getNumber() + " has " + block.getData().getDataCount() + " transactions");
        }
        return Blocks.withMetadataSlot(block, BlockMetadataIndex.TRANSACTIONS_FILTER, toByteString());
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder("TransactionsFilter[");
        for (int i = 0; i < codes.length; i++) {
            text.append(i == 0 ? "" : ", ").append(get(i));
        }
        return text.append(']').toString();
    }
}
