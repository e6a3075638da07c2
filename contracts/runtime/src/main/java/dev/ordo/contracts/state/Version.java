package dev.ordo.contracts.state;

/**
 * Fabric's version of a committed key: the height (block number, transaction number in the
 * block) of the transaction that last wrote it.
 *
 * @param blockNum the block's number
 * @param txNum the transaction's index inside the block
 */
public record Version(long blockNum, long txNum) implements Comparable<Version> {

  /** Rejects negative heights. */
  public Version {
    if (blockNum < 0 || txNum < 0) {
      throw new IllegalArgumentException("version must not be negative: " + blockNum + ":" + txNum);
    }
  }

  /** The version as a read/write-set message. */
  public org.hyperledger.fabric.protos.ledger.rwset.kvrwset.Version toProto() {
    return org.hyperledger.fabric.protos.ledger.rwset.kvrwset.Version.newBuilder().setBlockNum(blockNum).setTxNum(txNum).build();
  }

  @Override
  public int compareTo(Version other) {
    int byBlock = Long.compare(blockNum, other.blockNum);
    return byBlock != 0 ? byBlock : Long.compare(txNum, other.txNum);
  }

  @Override
  public String toString() {
    return blockNum + ":" + txNum;
  }
}
