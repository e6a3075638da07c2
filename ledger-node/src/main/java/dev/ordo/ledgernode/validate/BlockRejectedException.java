package dev.ordo.ledgernode.validate;

/**
 * A block cannot be committed at all (wrong number, broken hash chain, data hash mismatch, an
 * unusable config block). Nothing of it was stored; the message says which block and why.
 */
public class BlockRejectedException extends Exception {
    private static final long serialVersionUID = 1L;

    private final long blockNumber;

    public BlockRejectedException(long blockNumber, String message) {
        super("block " + Long.toUnsignedString(blockNumber) + ": " + message);
        this.blockNumber = blockNumber;
    }

    public BlockRejectedException(long blockNumber, String message, Throwable cause) {
        super("block " + Long.toUnsignedString(blockNumber) + ": " + message, cause);
        this.blockNumber = blockNumber;
    }

    public long blockNumber() {
        return blockNumber;
    }
}
