package dev.ordo.ledgernode.validate;

import java.util.List;
import org.hyperledger.fabric.protos.common.Block;

/**
 * A block ready to commit: the block with its TRANSACTIONS_FILTER written, every transaction's
 * outcome and, for a config block, the rules that apply from the next block on.
 *
 * @param block the block as it will be stored (validation codes in its metadata)
 * @param headerHash SHA-256 of its header (the next block's previous hash)
 * @param transactions one entry per envelope, in block order
 * @param newRules the channel's new rules if this is a config block, else null
 */
public record ValidatedBlock(Block block, byte[] headerHash, List<ValidatedTransaction> transactions,
        ChannelRules newRules) {

    public long number() {
        return block.getHeader().getNumber();
    }

    public boolean isConfigBlock() {
        return newRules != null;
    }
}
