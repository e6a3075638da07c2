package dev.ordo.ledgernode.bench;

import dev.ordo.ledgernode.fixtures.TestChannel;
import dev.ordo.ledgernode.fixtures.Tx;
import dev.ordo.ledgernode.ledger.ChannelLedger;
import dev.ordo.ledgernode.ledger.LedgerOptions;
import dev.ordo.ledgernode.ledger.store.Durability;
import dev.ordo.proto.wire.TransactionsFilter;
import com.google.protobuf.ByteString;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.hyperledger.fabric.protos.common.Block;

/**
 * Replay load tool: generates a chain of endorsed transfer transactions (two endorsements under
 * AND(Org1.peer, Org2.peer), one read, one or two writes each, every transaction valid) and
 * measures how many transactions per second one channel ledger validates and commits when the
 * chain is fed to it in runs of blocks, as a peer catching up from the orderers does.
 *
 * <pre>
 *   java -cp ... dev.ordo.ledgernode.bench.LedgerReplayBenchmark [blocks] [txPerBlock] [keys] [validationThreads]
 *       [durability] [blocksPerCommitCall]
 * </pre>
 */
public final class LedgerReplayBenchmark {
    private LedgerReplayBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int blocks = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        int txPerBlock = args.length > 1 ? Integer.parseInt(args[1]) : 500;
        int keys = args.length > 2 ? Integer.parseInt(args[2]) : 100_000;
        int threads = args.length > 3 ? Integer.parseInt(args[3]) : Runtime.getRuntime().availableProcessors();
        Durability durability = args.length > 4 ? Durability.valueOf(args[4]) : Durability.PROCESS_CRASH;
        int feed = args.length > 5 ? Integer.parseInt(args[5]) : 50;

        List<Block> chain = chain(blocks, txPerBlock, keys);

        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread thread = new Thread(r, "validation");
            thread.setDaemon(true);
            return thread;
        });
        Path root = Files.createTempDirectory("ledger-replay");
        try {
            LedgerOptions options = LedgerOptions.defaults().withDurability(durability);
            // Warm-up: the first fifth of the chain into a throwaway ledger.
            try (ChannelLedger warm = ChannelLedger.open(root.resolve("warmup"), TestChannel.CHANNEL, options, pool)) {
                replay(warm, chain.subList(0, Math.max(2, chain.size() / 5)), feed);
            }
            try (ChannelLedger ledger = ChannelLedger.open(root.resolve("measured"), TestChannel.CHANNEL, options, pool)) {
                long start = System.nanoTime();
                long cpuStart = processCpuNanos();
                var threadBean = java.lang.management.ManagementFactory.getThreadMXBean();
                long committerCpuStart = threadBean.getCurrentThreadCpuTime();
                replay(ledger, chain, feed);
                double seconds = (System.nanoTime() - start) / 1e9;
                double cpuSeconds = (processCpuNanos() - cpuStart) / 1e9;
                double committerCpuSeconds = (threadBean.getCurrentThreadCpuTime() - committerCpuStart) / 1e9;
                long transactions = (long) (chain.size() - 1) * txPerBlock;
                int invalid = 0;
                for (long n = 1; n < ledger.height(); n++) {
                    TransactionsFilter filter = TransactionsFilter.of(ledger.block(n).orElseThrow());
                    for (int i = 0; i < filter.size(); i++) {
                        invalid += filter.isValid(i) ? 0 : 1;
                    }
                }
                int cores = Runtime.getRuntime().availableProcessors();
                System.out.printf(Locale.ROOT,
                        "replayed %d tx in %.2f s wall: %.0f tx/s (%d validation threads, %s, %d blocks per commit call, %d invalid, "
                                + "state hash %s)%n",
                        transactions, seconds, transactions / seconds, threads, durability, feed, invalid,
                        ledger.stateHash().hex().substring(0, 16));
                System.out.printf(Locale.ROOT,
                        "process CPU %.2f s = %.1f us per tx; with %d cores to itself: %.0f tx/s (CPU bound)%n",
                        cpuSeconds, cpuSeconds * 1e6 / transactions, cores, transactions / (cpuSeconds / cores));
                System.out.printf(Locale.ROOT,
                        "committer thread CPU (in-order MVCC, apply, store commit, no signature checks): %.1f us per tx"
                                + " = %.0f tx/s on one core; validation threads CPU: %.1f us per tx%n",
                        committerCpuSeconds * 1e6 / transactions, transactions / committerCpuSeconds,
                        (cpuSeconds - committerCpuSeconds) * 1e6 / transactions);
                var stats = ledger.statistics();
                double perTx = 1e-3 / stats.transactions();
                System.out.printf(Locale.ROOT,
                        "per tx: checks %.1f us (summed over threads), waiting for them %.1f us, in-order MVCC %.1f us, apply %.1f us, "
                                + "store commit %.1f us (%d commits); in-order path alone: %.0f tx/s%n",
                        stats.transactionCheckNanos() * perTx, stats.waitForChecksNanos() * perTx,
                        stats.inOrderValidationNanos() * perTx,
                        stats.applyNanos() * perTx, stats.storeCommitNanos() * perTx, stats.storeCommits(),
                        stats.transactions() * 1e9 / (stats.inOrderValidationNanos() + stats.applyNanos()
                                + stats.storeCommitNanos()));
            }
        } finally {
            pool.shutdownNow();
            try (var walk = Files.walk(root)) {
                for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime();
    }

    /** The chain for these parameters, generated once and kept in the temp directory (it carries its own genesis). */
    private static List<Block> chain(int blocks, int txPerBlock, int keys) throws Exception {
        Path cache = Path.of(System.getProperty("java.io.tmpdir"),
                "ordo-replay-" + blocks + "x" + txPerBlock + "-" + keys + ".chain");
        List<Block> chain = new ArrayList<>();
        if (Files.exists(cache)) {
            try (var in = new java.io.BufferedInputStream(Files.newInputStream(cache))) {
                Block block;
                while ((block = Block.parseDelimitedFrom(in)) != null) {
                    chain.add(block);
                }
            }
            System.out.printf(Locale.ROOT, "loaded %d blocks from %s%n", chain.size(), cache);
            return chain;
        }
        long generateStart = System.nanoTime();
        chain = generate(new TestChannel(TestChannel.BOTH_PEERS), blocks, txPerBlock, keys);
        System.out.printf(Locale.ROOT, "generated %d blocks x %d tx in %.1f s%n", blocks, txPerBlock,
                (System.nanoTime() - generateStart) / 1e9);
        Path partial = Files.createTempFile(cache.getParent(), "ordo-replay", ".partial");
        try (var out = new java.io.BufferedOutputStream(Files.newOutputStream(partial))) {
            for (Block block : chain) {
                block.writeDelimitedTo(out);
            }
        }
        Files.move(partial, cache, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        return chain;
    }

    private static void replay(ChannelLedger ledger, List<Block> chain, int feed) throws Exception {
        for (int from = 0; from < chain.size(); from += feed) {
            ledger.commit(chain.subList(from, Math.min(chain.size(), from + feed)));
        }
    }

    /** A valid chain: each transaction reads one account at its current version and writes it (and, every other time, a second). */
    static List<Block> generate(TestChannel channel, int blocks, int txPerBlock, int keys) throws Exception {
        int cores = Runtime.getRuntime().availableProcessors();
        ExecutorService signers = Executors.newFixedThreadPool(cores);
        Map<String, long[]> versions = new HashMap<>();
        List<Block> chain = new ArrayList<>();
        chain.add(channel.genesis());
        long counter = 0;
        try {
            for (int b = 1; b <= blocks; b++) {
                List<Future<Tx>> pending = new ArrayList<>(txPerBlock);
                for (int t = 0; t < txPerBlock; t++) {
                    String from = "account" + (counter % keys);
                    String to = "account" + ((counter + keys / 2) % keys);
                    boolean twoWrites = counter % 2 == 0;
                    long[] read = versions.get(from);
                    final int block = b;
                    final int tx = t;
                    pending.add(signers.submit(() -> {
                        Tx.Builder builder = channel.tx().endorsedBy(channel.org1.peer(), channel.org2.peer());
                        if (read == null) {
                            builder.readAbsent(from);
                        } else {
                            builder.read(from, read[0], read[1]);
                        }
                        builder.write(from, "balance-" + block + "-" + tx);
                        if (twoWrites) {
                            builder.write(to, "credit-" + block + "-" + tx);
                        }
                        return builder.build();
                    }));
                    versions.put(from, new long[] {b, t});
                    if (twoWrites) {
                        versions.put(to, new long[] {b, t});
                    }
                    counter++;
                }
                List<ByteString> envelopes = new ArrayList<>(txPerBlock);
                for (Future<Tx> tx : pending) {
                    envelopes.add(tx.get().envelope());
                }
                chain.add(channel.nextBlock(envelopes));
            }
        } finally {
            signers.shutdownNow();
        }
        return chain;
    }
}
