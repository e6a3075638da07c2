package dev.ordo.ledgernode.validate;

import com.google.protobuf.ByteString;
import dev.ordo.ledgernode.ledger.store.Height;
import dev.ordo.ledgernode.ledger.store.LedgerStore;
import dev.ordo.proto.wire.Blocks;
import dev.ordo.proto.wire.ConfigBlocks;
import dev.ordo.proto.wire.TransactionsFilter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.peer.TxValidationCode;

/**
 * Validates the blocks of one channel in two phases. {@link #start} runs each transaction's
 * stateless checks ({@link TransactionValidator}) on a bounded executor, in parallel;
 * {@link #finish} then walks the block in order on the committer's thread: duplicate tx ids
 * (within the block, or already in the ledger — invalid transactions included) and MVCC
 * ({@link MvccValidator}). The stateless phase of the next block may run while the previous
 * one finishes, as long as no config block lies between them.
 */
public final class BlockValidator {
    private static final int TRANSACTIONS_PER_TASK = 8;

    private final String channelId;
    private final Executor executor;
    private final TransactionValidator transactions = new TransactionValidator();
    private final ConfigBlockValidator configs = new ConfigBlockValidator();
    private final java.util.concurrent.atomic.LongAdder checkNanos = new java.util.concurrent.atomic.LongAdder();
    private final java.util.concurrent.atomic.LongAdder waitNanos = new java.util.concurrent.atomic.LongAdder();

    /**
     * @param executor a bounded executor for the per-transaction checks (never the common pool:
     *     those checks verify signatures and would starve everything else)
     */
    public BlockValidator(String channelId, Executor executor) {
        this.channelId = channelId;
        this.executor = executor;
    }

    /** The stateless checks of one block, under way. */
    public static final class Pending {
        private final Block block;
        private final List<CompletableFuture<TxCheck[]>> chunks;

        private Pending(Block block, List<CompletableFuture<TxCheck[]>> chunks) {
            this.block = block;
            this.chunks = chunks;
        }

        public Block block() {
            return block;
        }
    }

    /**
     * Rejects a block that does not continue the chain: its number must be {@code expectedNumber},
     * its previous hash the last header's hash, its data hash that of its data.
     */
    public static byte[] checkChain(Block block, long expectedNumber, byte[] previousHeaderHash)
            throws BlockRejectedException {
        if (!block.hasHeader()) {
            throw new BlockRejectedException(expectedNumber, "block has no header");
        }
        long number = block.getHeader().getNumber();
        if (number != expectedNumber) {
            throw new BlockRejectedException(number, "expected block " + expectedNumber);
        }
        if (!Arrays.equals(block.getHeader().getPreviousHash().toByteArray(), previousHeaderHash)) {
            throw new BlockRejectedException(number, "previous_hash does not match the hash of block "
                    + (number - 1) + "'s header");
        }
        if (!Blocks.dataHashMatches(block)) {
            throw new BlockRejectedException(number, "data_hash does not match the block's data");
        }
        return Blocks.headerHash(block.getHeader()).toByteArray();
    }

    /** Time spent in per-transaction checks so far, summed over the executor's threads. */
    public long transactionCheckNanos() {
        return checkNanos.sum();
    }

    /** Time the in-order phase spent waiting for per-transaction checks to finish. */
    public long waitNanos() {
        return waitNanos.sum();
    }

    public static boolean isConfigBlock(Block block) {
        return ConfigBlocks.isConfigBlock(block);
    }

    /** Starts the stateless checks of a block that is not a config block. */
    public Pending start(Block block, ChannelRules rules) {
        List<ByteString> envelopes = block.getData().getDataList();
        List<CompletableFuture<TxCheck[]>> chunks = new ArrayList<>();
        for (int from = 0; from < envelopes.size(); from += TRANSACTIONS_PER_TASK) {
            int start = from;
            int end = Math.min(envelopes.size(), from + TRANSACTIONS_PER_TASK);
            chunks.add(CompletableFuture.supplyAsync(() -> {
                long began = System.nanoTime();
                TxCheck[] checks = new TxCheck[end - start];
                for (int i = start; i < end; i++) {
                    checks[i - start] = transactions.check(i, envelopes.get(i), rules);
                }
                checkNanos.add(System.nanoTime() - began);
                return checks;
            }, executor));
        }
        return new Pending(block, chunks);
    }

    /**
     * Completes validation of a started block against the store's committed state plus whatever
     * earlier blocks of the same store commit wrote; the caller commits blocks in order.
     */
    public ValidatedBlock finish(Pending pending, LedgerStore store, byte[] headerHash) {
        Block block = pending.block;
        long number = block.getHeader().getNumber();
        int size = block.getData().getDataCount();
        List<ValidatedTransaction> validated = new ArrayList<>(size);
        TransactionsFilter filter = TransactionsFilter.notValidated(size);
        Set<String> seen = new HashSet<>();
        MvccValidator mvcc = new MvccValidator(store);
        for (CompletableFuture<TxCheck[]> chunk : pending.chunks) {
            TxCheck[] checks;
            long waitStarted = System.nanoTime();
            try {
                checks = chunk.join();
                waitNanos.add(System.nanoTime() - waitStarted);
            } catch (CompletionException e) {
                throw new IllegalStateException("validation of block " + number + " failed unexpectedly", e.getCause());
            }
            for (TxCheck check : checks) {
                TxCheck outcome = check;
                if (check.txId() != null && !check.txId().isEmpty()) {
                    boolean duplicate = !seen.add(check.txId()) || store.containsTransaction(check.txId());
                    if (duplicate && outcome.isValid()) {
                        outcome = outcome.withCode(TxValidationCode.DUPLICATE_TXID, "tx id " + check.txId()
                                + " already used in this block or the ledger");
                    }
                }
                if (outcome.isValid()) {
                    TxValidationCode code = mvcc.validateAndRecord(outcome.envelope().transaction().readWriteSet(),
                            new Height(number, outcome.index()));
                    if (code != TxValidationCode.VALID) {
                        outcome = outcome.withCode(code, code == TxValidationCode.PHANTOM_READ_CONFLICT
                                ? "a range read changed since simulation" : "a key read changed since simulation");
                    }
                }
                filter.set(outcome.index(), outcome.code());
                validated.add(new ValidatedTransaction(outcome.index(), outcome.txId(), outcome.code(),
                        outcome.envelope(), outcome.reason()));
            }
        }
        return new ValidatedBlock(filter.writeTo(block), headerHash, List.copyOf(validated), null);
    }

    /** Validates a config block; {@code current} is null for the genesis block. */
    public ValidatedBlock validateConfig(Block block, ChannelRules current, byte[] headerHash)
            throws BlockRejectedException {
        ChannelRules next = configs.validate(block, current, channelId);
        TransactionsFilter filter = TransactionsFilter.of(1, TxValidationCode.VALID);
        ValidatedTransaction config;
        try {
            var envelope = dev.ordo.proto.wire.EnvelopeView.parse(block.getData().getData(0));
            config = new ValidatedTransaction(0, envelope.txId().isEmpty() ? null : envelope.txId(),
                    TxValidationCode.VALID, envelope, "");
        } catch (dev.ordo.proto.wire.WireFormatException e) {
            throw new BlockRejectedException(block.getHeader().getNumber(), e.getMessage(), e);
        }
        return new ValidatedBlock(filter.writeTo(block), headerHash, List.of(config), next);
    }
}
