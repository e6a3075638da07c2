package dev.ordo.ledgernode.ledger;

import dev.ordo.ledgernode.commit.BlockCommitter;
import dev.ordo.ledgernode.ledger.store.LedgerCorruptedException;
import dev.ordo.ledgernode.ledger.store.LedgerStore;
import dev.ordo.ledgernode.ledger.store.StateHash;
import dev.ordo.ledgernode.ledger.store.TxRecord;
import dev.ordo.ledgernode.validate.BlockRejectedException;
import dev.ordo.ledgernode.validate.BlockValidator;
import dev.ordo.ledgernode.validate.ChannelRules;
import dev.ordo.ledgernode.validate.ValidatedBlock;
import dev.ordo.ledgernode.validate.ValidatedTransaction;
import dev.ordo.membership.msp.MspConfigurationException;
import dev.ordo.proto.v1.ChannelConfig;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.locks.StampedLock;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.peer.TxValidationCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ledger of one channel on a ledger node: what block intake commits blocks into, what the
 * endorser simulates against and what the gateway and deliver services read.
 *
 * <ul>
 *   <li>{@link #commit(Block)} checks the block continues the chain (number, previous hash, data
 *       hash), validates it ({@link BlockValidator}), writes it ({@link BlockCommitter}) and
 *       commits the store once: the block is then durable with its validation codes, state,
 *       history and tx index, or — if anything failed — nothing of it is.
 *       {@link #commit(List)} does the same for a run of blocks, sharing store commits and
 *       validating the next block's signatures while the previous one commits (replay, catch-up).</li>
 *   <li>{@link #snapshot()} gives a {@link dev.ordo.contracts.state.StateReader} over committed
 *       state at one height.</li>
 *   <li>Listeners hear of each block after it is durable.</li>
 * </ul>
 * The first block must be the channel's genesis (config) block. Config blocks replace the
 * channel's rules (MSP, policies, contract definitions) from the next block on.
 */
public final class ChannelLedger implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ChannelLedger.class);

    private final String channelId;
    private final LedgerOptions options;
    private final LedgerStore store;
    private final BlockValidator validator;
    private final BlockCommitter committer = new BlockCommitter();
    private final StampedLock stateLock = new StampedLock();
    private final Object commitMutex = new Object();
    private final List<CommittedBlockListener> listeners = new CopyOnWriteArrayList<>();
    private final CommitStatistics statistics = new CommitStatistics();
    private volatile ChannelRules rules;
    // One volatile record, so readers never pair a height with another height's state hash.
    private volatile LedgerTip durable;

    private ChannelLedger(String channelId, LedgerOptions options, LedgerStore store, Executor validationExecutor,
            ChannelRules rules) {
        this.channelId = channelId;
        this.options = options;
        this.store = store;
        this.validator = new BlockValidator(channelId, validationExecutor);
        this.rules = rules;
        this.durable = new LedgerTip(store.height(), store.stateHash());
    }

    /**
     * Opens the ledger of {@code channelId} kept in {@code directory} (created if absent),
     * recovering from an interrupted commit.
     *
     * @param validationExecutor a bounded executor for per-transaction checks, e.g. a fixed pool
     *     of one thread per core shared by all channels
     * @throws LedgerCorruptedException if the stored ledger cannot be used (rebuild it from the orderers)
     */
    public static ChannelLedger open(Path directory, String channelId, LedgerOptions options,
            Executor validationExecutor) throws IOException {
        LedgerStore store = LedgerStore.open(directory, options.durability());
        try {
            ChannelRules rules = null;
            Optional<ChannelConfig> config = store.config();
            if (config.isPresent()) {
                if (!config.get().getChannelId().equals(channelId)) {
                    throw new LedgerCorruptedException(directory + " holds channel " + config.get().getChannelId()
                            + ", not " + channelId);
                }
                try {
                    rules = ChannelRules.of(config.get(), store.configBlock());
                } catch (MspConfigurationException e) {
                    throw new LedgerCorruptedException(directory + ": stored configuration is unusable: "
                            + e.getMessage(), e);
                }
            }
            log.info("Opened ledger of channel {} at height {} in {}", channelId, store.height(), directory);
            return new ChannelLedger(channelId, options, store, validationExecutor, rules);
        } catch (IOException | RuntimeException e) {
            store.close();
            throw e;
        }
    }

    public String channelId() {
        return channelId;
    }

    /** Number of durably committed blocks (the next block's number). */
    public long height() {
        return durable.height();
    }

    /** The durably committed block {@code number}, with its validation codes. */
    public Optional<Block> block(long number) throws IOException {
        if (number < 0 || number >= durable.height()) {
            return Optional.empty();
        }
        Optional<byte[]> bytes = store.blockBytes(number);
        return bytes.isEmpty() ? Optional.empty() : Optional.of(Block.parseFrom(bytes.get()));
    }

    /** Where and how a committed transaction id was recorded. */
    public Optional<TxRecord> transaction(String txId) {
        return store.transaction(txId).filter(record -> record.blockNum() < durable.height());
    }

    /** The validation code of a committed transaction id (the first occurrence's). */
    public Optional<TxValidationCode> txValidationCode(String txId) {
        return transaction(txId).map(TxRecord::code);
    }

    /** The channel's current rules (MSP, policies, contracts); empty before the genesis block. */
    public Optional<ChannelRules> rules() {
        return Optional.ofNullable(rules);
    }

    public Optional<ChannelConfig> config() {
        ChannelRules current = rules;
        return current == null ? Optional.empty() : Optional.of(current.config());
    }

    /** The state hash as of {@link #height()}. */
    public StateHash stateHash() {
        return durable.stateHash();
    }

    /** The durable height and the state hash at that height, read together. */
    public LedgerTip tip() {
        return durable;
    }

    /** The state hash recomputed by scanning all state (slow; to audit the running hash). */
    public StateHash recomputeStateHash() {
        long stamp = stateLock.readLock();
        try {
            return store.recomputeStateHash();
        } finally {
            stateLock.unlockRead(stamp);
        }
    }

    /** A consistent view of committed state; close it promptly, commits wait for it. */
    public StateSnapshot snapshot() {
        return new StateSnapshot(store, stateLock);
    }

    /** Where commit time went since this ledger was opened. */
    public CommitStatistics.Snapshot statistics() {
        return statistics.snapshot(validator.transactionCheckNanos(), validator.waitNanos());
    }

    public void addListener(CommittedBlockListener listener) {
        listeners.add(listener);
    }

    public void removeListener(CommittedBlockListener listener) {
        listeners.remove(listener);
    }

    /**
     * Validates and commits the next block.
     *
     * @throws BlockRejectedException if the block does not continue the chain or is an unusable
     *     config block; nothing was stored
     * @throws IOException if storing failed; nothing of the block was stored
     */
    public void commit(Block block) throws BlockRejectedException, IOException {
        commit(List.of(block));
    }

    /**
     * Validates and commits consecutive blocks in order, several per store commit. If a block is
     * rejected, the blocks before it are committed and the exception names the rejected one; if
     * storing fails, everything since the last store commit is rolled back.
     */
    public void commit(List<Block> blocks) throws BlockRejectedException, IOException {
        synchronized (commitMutex) {
            BlockRejectedException rejected = null;
            List<ValidatedBlock> pendingDurable = new ArrayList<>();
            int pendingTransactions = 0;
            try {
                byte[] previousHash = store.lastHeaderHash();
                long expected = store.height();
                BlockValidator.Pending lookahead = null;
                for (int i = 0; i < blocks.size(); i++) {
                    Block block = blocks.get(i);
                    ValidatedBlock validated;
                    try {
                        byte[] headerHash = BlockValidator.checkChain(block, expected, previousHash);
                        ChannelRules current = rules;
                        if (current == null || BlockValidator.isConfigBlock(block)) {
                            if (current == null && !BlockValidator.isConfigBlock(block)) {
                                throw new BlockRejectedException(expected, "the first block of a channel must be its "
                                        + "genesis config block");
                            }
                            validated = validator.validateConfig(block, current, headerHash);
                        } else {
                            BlockValidator.Pending pending = lookahead != null && lookahead.block() == block
                                    ? lookahead : validator.start(block, current);
                            lookahead = null;
                            if (i + 1 < blocks.size() && !BlockValidator.isConfigBlock(blocks.get(i + 1))) {
                                lookahead = validator.start(blocks.get(i + 1), current);
                            }
                            long began = System.nanoTime();
                            validated = validator.finish(pending, store, headerHash);
                            statistics.inOrderValidationNanos.add(System.nanoTime() - began);
                        }
                        previousHash = headerHash;
                    } catch (BlockRejectedException e) {
                        rejected = e;
                        break;
                    }
                    apply(validated);
                    expected++;
                    pendingDurable.add(validated);
                    pendingTransactions += validated.transactions().size();
                    if (pendingDurable.size() >= options.maxBlocksPerCommit()
                            || pendingTransactions >= options.maxTransactionsPerCommit()) {
                        makeDurable(pendingDurable);
                        pendingTransactions = 0;
                    }
                }
                makeDurable(pendingDurable);
            } catch (IOException | RuntimeException e) {
                rollBack(pendingDurable, e);
                throw e;
            }
            if (rejected != null) {
                log.warn("Channel {}: rejected {}", channelId, rejected.getMessage());
                throw rejected;
            }
        }
    }

    private void apply(ValidatedBlock validated) throws IOException {
        long began = System.nanoTime();
        long stamp = stateLock.writeLock();
        try {
            committer.apply(validated, store);
            if (validated.isConfigBlock()) {
                rules = validated.newRules();
            }
        } finally {
            stateLock.unlockWrite(stamp);
        }
        statistics.applyNanos.add(System.nanoTime() - began);
        statistics.blocks.increment();
        statistics.transactions.add(validated.transactions().size());
        logBlock(validated);
    }

    private void makeDurable(List<ValidatedBlock> pendingDurable) throws IOException {
        if (pendingDurable.isEmpty()) {
            return;
        }
        long began = System.nanoTime();
        store.commit();
        statistics.storeCommitNanos.add(System.nanoTime() - began);
        statistics.storeCommits.increment();
        durable = new LedgerTip(store.height(), store.stateHash());
        for (ValidatedBlock block : pendingDurable) {
            for (CommittedBlockListener listener : listeners) {
                try {
                    listener.committed(channelId, block);
                } catch (RuntimeException e) {
                    log.warn("Channel {}: listener {} failed on block {}", channelId, listener, block.number(), e);
                }
            }
        }
        pendingDurable.clear();
    }

    private void rollBack(List<ValidatedBlock> pendingDurable, Exception cause) throws IOException {
        log.error("Channel {}: commit failed, rolling back {} uncommitted blocks", channelId, pendingDurable.size(),
                cause);
        long stamp = stateLock.writeLock();
        try {
            store.rollback();
            Optional<ChannelConfig> config = store.config();
            rules = config.isEmpty() ? null : ChannelRules.of(config.get(), store.configBlock());
        } finally {
            stateLock.unlockWrite(stamp);
        }
        pendingDurable.clear();
    }

    private void logBlock(ValidatedBlock block) {
        if (block.isConfigBlock()) {
            log.info("Channel {}: config block {} applied, configuration sequence {}", channelId, block.number(),
                    block.newRules().config().getSequence());
            return;
        }
        if (log.isDebugEnabled()) {
            int valid = 0;
            for (ValidatedTransaction transaction : block.transactions()) {
                if (transaction.isValid()) {
                    valid++;
                } else {
                    log.debug("Channel {}: block {} tx {} ({}) is {}: {}", channelId, block.number(),
                            transaction.index(), transaction.txId(), transaction.code(), transaction.reason());
                }
            }
            log.debug("Channel {}: block {} validated, {} of {} transactions valid", channelId, block.number(), valid,
                    block.transactions().size());
        }
    }

    @Override
    public void close() throws IOException {
        synchronized (commitMutex) {
            store.close();
        }
    }

    /** Closes without a final store write, as a crash would (tests of recovery). */
    void closeAbruptly() throws IOException {
        synchronized (commitMutex) {
            store.closeAbruptly();
        }
    }
}
