package dev.ordo.ordering.deliver;

import org.hyperledger.fabric.protos.orderer.SeekInfo;
import org.hyperledger.fabric.protos.orderer.SeekPosition;

/**
 * The blocks one Deliver request asks for, resolved against the chain height at request time
 * as Fabric does: Oldest = 0, Newest = the tip, Specified = that number, NextCommit = the next
 * block; stop is inclusive and {@link Long#MAX_VALUE} means "forever".
 */
record SeekRange(long start, long stop, boolean waitForBlocks) {

  /** Resolves a SeekInfo, or throws IllegalArgumentException with the reason. */
  static SeekRange resolve(SeekInfo seek, long height) {
    if (!seek.hasStart()) {
      throw new IllegalArgumentException("SeekInfo.start is missing");
    }
    long start = position(seek.getStart(), height, "start");
    long stop = seek.hasStop() ? position(seek.getStop(), height, "stop") : start;
    if (stop < start) {
      throw new IllegalArgumentException("SeekInfo.stop (" + stop + ") is before start (" + start + ")");
    }
    if (seek.getBehavior() == SeekInfo.SeekBehavior.UNRECOGNIZED) {
      throw new IllegalArgumentException("SeekInfo.behavior " + seek.getBehaviorValue() + " is unknown");
    }
    return new SeekRange(start, stop, seek.getBehavior() == SeekInfo.SeekBehavior.BLOCK_UNTIL_READY);
  }

  private static long position(SeekPosition position, long height, String which) {
    return switch (position.getTypeCase()) {
      case OLDEST -> 0;
      case NEWEST -> Math.max(0, height - 1);
      case NEXT_COMMIT -> height;
      case SPECIFIED -> {
        long number = position.getSpecified().getNumber();
        yield number < 0 ? Long.MAX_VALUE : number; // uint64 max means "forever"
      }
      case TYPE_NOT_SET -> throw new IllegalArgumentException("SeekInfo." + which + " names no position");
    };
  }
}
