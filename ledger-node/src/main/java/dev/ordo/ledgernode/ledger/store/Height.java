package dev.ordo.ledgernode.ledger.store;

/**
 * Fabric's version of a key: the block number and the transaction's index in the block of the
 * transaction that last wrote it.
 */
public record Height(long blockNum, int txNum) implements Comparable<Height> {
    public Height {
        if (blockNum < 0 || txNum < 0) {
            throw new IllegalArgumentException("height must not be negative: " + blockNum + ":" + txNum);
        }
    }

    /** The read/write-set form of this height. */
    public org.hyperledger.fabric.protos.ledger.rwset.kvrwset.Version toProto() {
        return org.hyperledger.fabric.protos.ledger.rwset.kvrwset.Version.newBuilder()
                .setBlockNum(blockNum).setTxNum(txNum).build();
    }

    /** True when {@code version} (as recorded in a read set) names this height. */
    public boolean matches(org.hyperledger.fabric.protos.ledger.rwset.kvrwset.Version version) {
        return version.getBlockNum() == blockNum && version.getTxNum() == txNum;
    }

    @Override
    public int compareTo(Height other) {
        int byBlock = Long.compare(blockNum, other.blockNum);
        return byBlock != 0 ? byBlock : Integer.compare(txNum, other.txNum);
    }

    @Override
    public String toString() {
        return blockNum + ":" + txNum;
    }
}
