package dev.ordo.ledgernode.deliver;

import org.hyperledger.fabric.protos.orderer.SeekInfo;
import org.hyperledger.fabric.protos.orderer.SeekPosition;

/**
 * The blocks a Deliver request asks for, resolved against the height when it arrived:
 * Oldest = 0, Newest = the last committed block, Specified = that number, NextCommit = the next
 * block to commit.
 */
record SeekRange(long start, long stop, boolean waitForBlocks) {

    static SeekRange resolve(SeekInfo seek, long height) {
        long start = position(seek.getStart(), height, "start");
        long stop = position(seek.getStop(), height, "stop");
        if (stop < start) {
            throw new IllegalArgumentException("stop " + stop + " is before start " + start);
        }
        return new SeekRange(start, stop, seek.getBehavior() == SeekInfo.SeekBehavior.BLOCK_UNTIL_READY);
    }

    private static long position(SeekPosition position, long height, String which) {
        return switch (position.getTypeCase()) {
            case OLDEST -> 0;
            case NEWEST -> Math.max(0, height - 1);
            case SPECIFIED -> position.getSpecified().getNumber();
            case NEXT_COMMIT -> height;
            default -> throw new IllegalArgumentException(which + " position is not set");
        };
    }
}
