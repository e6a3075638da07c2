package dev.ordo.ledgernode.ledger;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import dev.ordo.ledgernode.fixtures.TestChannel;
import dev.ordo.ledgernode.fixtures.Tx;
import dev.ordo.ledgernode.ledger.store.LedgerCorruptedException;
import dev.ordo.ledgernode.ledger.store.LedgerStore;
import dev.ordo.ledgernode.validate.BlockRejectedException;
import dev.ordo.proto.wire.Blocks;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.hyperledger.fabric.protos.common.Block;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DurabilityTest extends LedgerTestSupport {
    @TempDir
    Path dir;

    private final TestChannel channel = new TestChannel(null);
    private final List<Block> chain = new ArrayList<>();

    /** Genesis plus five blocks of transfers with reads, updates, deletes and conflicts. */
    @BeforeEach
    void buildChain() {
        chain.add(channel.genesis());
        chain.add(channel.nextBlock(tx().write("a", "1").write("b", "1").write("c", "1").build()));
        chain.add(channel.nextBlock(tx().read("a", 1, 0).write("a", "2").build(),
                tx().read("a", 1, 0).write("a", "3").build(),
                tx().privateWrite("pc", "p", "secret").build()));
        chain.add(channel.nextBlock(tx().read("b", 1, 0).delete("b").build(),
                tx().readAbsent("d").write("d", "4").build()));
        chain.add(channel.nextBlock(tx().read("a", 2, 0).write("a", "5").write("e", "5").build()));
        chain.add(channel.nextBlock(tx().read("c", 1, 0).write("c", "6").build()));
    }

    private Tx.Builder tx() {
        // The channel default Endorsement policy is MAJORITY of three organisations.
        return channel.tx().endorsedBy(channel.org1.peer(), channel.org2.peer());
    }

    @Test
    void sameBlocksGiveSameStateHashOnTwoLedgersAndAfterReplay() throws Exception {
        byte[] first;
        try (ChannelLedger one = open(dir.resolve("one")); ChannelLedger two = open(dir.resolve("two"))) {
            for (Block block : chain) {
                one.commit(block);
            }
            two.commit(chain);
            first = one.stateHash().bytes();
            assertArrayEquals(first, two.stateHash().bytes());
            assertArrayEquals(first, one.recomputeStateHash().bytes(), "running hash equals an ordered scan");
            assertNotEquals(ledgerHashAfter(chain.subList(0, 5)), one.stateHash().hex(), "state hash moves with state");
        }
        // Delete the data and replay the chain from the stored blocks of another ledger.
        List<Block> stored = new ArrayList<>();
        try (ChannelLedger source = open(dir.resolve("one"))) {
            for (long n = 0; n < source.height(); n++) {
                stored.add(stripFilter(source.block(n).orElseThrow()));
            }
        }
        deleteRecursively(dir.resolve("one"));
        try (ChannelLedger replayed = open(dir.resolve("one"))) {
            replayed.commit(stored);
            assertArrayEquals(first, replayed.stateHash().bytes());
        }
    }

    private String ledgerHashAfter(List<Block> blocks) throws Exception {
        Path other = Files.createTempDirectory(dir, "prefix");
        try (ChannelLedger ledger = open(other)) {
            ledger.commit(blocks);
            return ledger.stateHash().hex();
        }
    }

    @Test
    void badBlocksAreRejectedWithoutChangingAnything() throws Exception {
        try (ChannelLedger ledger = open(dir)) {
            ledger.commit(chain.subList(0, 3));
            String hash = ledger.stateHash().hex();
            Block next = chain.get(3);

            Block wrongPrevious = next.toBuilder().setHeader(next.getHeader().toBuilder()
                    .setPreviousHash(ByteString.copyFrom(new byte[32]))).build();
            Block wrongData = next.toBuilder().setData(next.getData().toBuilder()
                    .setData(0, chain.get(4).getData().getData(0))).build();
            Block wrongNumber = next.toBuilder().setHeader(next.getHeader().toBuilder().setNumber(7)).build();
            Block replayedOld = chain.get(2);
            for (Block bad : List.of(wrongPrevious, wrongData, wrongNumber, replayedOld)) {
                assertThrows(BlockRejectedException.class, () -> ledger.commit(bad));
                assertEquals(3, ledger.height());
                assertEquals(hash, ledger.stateHash().hex());
            }
            ledger.commit(next);
            assertEquals(4, ledger.height());
        }
        try (ChannelLedger reopened = open(dir)) {
            assertEquals(4, reopened.height());
            assertTrue(reopened.block(4).isEmpty());
        }
    }

    @Test
    void aRejectedBlockInARunKeepsTheBlocksBeforeIt() throws Exception {
        try (ChannelLedger ledger = open(dir)) {
            Block broken = chain.get(3).toBuilder().setHeader(chain.get(3).getHeader().toBuilder()
                    .setDataHash(ByteString.copyFrom(new byte[32]))).build();
            List<Block> run = new ArrayList<>(chain.subList(0, 3));
            run.add(broken);
            run.add(chain.get(4));
            BlockRejectedException e = assertThrows(BlockRejectedException.class, () -> ledger.commit(run));
            assertEquals(3, e.blockNumber());
            assertEquals(3, ledger.height());
            ledger.commit(chain.subList(3, chain.size()));
            assertEquals(chain.size(), ledger.height());
        }
    }

    @Test
    void firstBlockMustBeTheGenesisBlock() throws Exception {
        try (ChannelLedger ledger = open(dir)) {
            Block notGenesis = Blocks.newBlock(0, ByteString.EMPTY, chain.get(1).getData().getDataList());
            assertThrows(BlockRejectedException.class, () -> ledger.commit(notGenesis));
            assertEquals(0, ledger.height());
        }
    }

    @Test
    void abruptCloseKeepsEveryCommittedBlock() throws Exception {
        String hash;
        try (ChannelLedger reference = open(dir.resolve("reference"))) {
            reference.commit(chain);
            hash = reference.stateHash().hex();
        }
        ChannelLedger crashed = open(dir.resolve("crashed"));
        for (Block block : chain.subList(0, 4)) {
            crashed.commit(block);
        }
        crashed.closeAbruptly();
        try (ChannelLedger reopened = open(dir.resolve("crashed"))) {
            assertEquals(4, reopened.height());
            reopened.commit(chain.subList(4, chain.size()));
            assertEquals(hash, reopened.stateHash().hex());
        }
    }

    @Test
    void blockBytesBeyondTheCommittedIndexAreCutOnOpen() throws Exception {
        Path ledgerDir = dir.resolve("torn");
        try (ChannelLedger ledger = open(ledgerDir)) {
            ledger.commit(chain.subList(0, 3));
        }
        // A crash after the block file append but before the store commit: a torn record.
        try (FileChannel file = FileChannel.open(ledgerDir.resolve(LedgerStore.BLOCK_FILE), StandardOpenOption.APPEND)) {
            file.write(java.nio.ByteBuffer.wrap(new byte[] {0, 0, 1, 0, 42, 42}));
        }
        long tornSize = Files.size(ledgerDir.resolve(LedgerStore.BLOCK_FILE));
        try (ChannelLedger reopened = open(ledgerDir)) {
            assertEquals(3, reopened.height());
            assertEquals(tornSize - 6, Files.size(ledgerDir.resolve(LedgerStore.BLOCK_FILE)));
            reopened.commit(chain.subList(3, chain.size()));
            assertEquals(chain.size(), reopened.height());
        }
    }

    @Test
    void storeWithoutTheLastBlockResumesFromTheBlockBefore() throws Exception {
        String hash;
        try (ChannelLedger reference = open(dir.resolve("reference"))) {
            reference.commit(chain);
            hash = reference.stateHash().hex();
        }
        Path ledgerDir = dir.resolve("ledger");
        try (ChannelLedger ledger = open(ledgerDir)) {
            ledger.commit(chain.subList(0, 4));
        }
        Path savedStore = dir.resolve("store-at-4");
        Files.copy(ledgerDir.resolve(LedgerStore.STORE_FILE), savedStore);
        try (ChannelLedger ledger = open(ledgerDir)) {
            ledger.commit(chain.get(4));
        }
        // The block file holds block 4, the store does not: as if the process died between them.
        Files.copy(savedStore, ledgerDir.resolve(LedgerStore.STORE_FILE), StandardCopyOption.REPLACE_EXISTING);
        try (ChannelLedger reopened = open(ledgerDir)) {
            assertEquals(4, reopened.height());
            reopened.commit(chain.subList(4, chain.size()));
            assertEquals(hash, reopened.stateHash().hex());
            assertEquals(chain.get(5).getHeader(), reopened.block(5).orElseThrow().getHeader());
        }
    }

    @Test
    void missingBytesOfACommittedBlockAreReportedAsCorruption() throws Exception {
        Path ledgerDir = dir.resolve("ledger");
        try (ChannelLedger ledger = open(ledgerDir)) {
            ledger.commit(chain.subList(0, 3));
        }
        Path blocks = ledgerDir.resolve(LedgerStore.BLOCK_FILE);
        try (FileChannel file = FileChannel.open(blocks, StandardOpenOption.WRITE)) {
            file.truncate(Files.size(blocks) - 10);
        }
        assertThrows(LedgerCorruptedException.class, () -> open(ledgerDir));
    }

    @Test
    void openSnapshotHoldsCommitsBack() throws Exception {
        try (ChannelLedger ledger = open(dir)) {
            ledger.commit(chain.subList(0, 2));
            StateSnapshot snapshot = ledger.snapshot();
            CompletableFuture<Void> commit = CompletableFuture.runAsync(() -> {
                try {
                    ledger.commit(chain.get(2));
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            assertThrows(TimeoutException.class, () -> commit.get(300, TimeUnit.MILLISECONDS));
            assertEquals("1", new String(snapshot.get(TestChannel.CONTRACT, "a").value()));
            snapshot.close();
            commit.get(10, TimeUnit.SECONDS);
            try (StateSnapshot after = ledger.snapshot()) {
                assertEquals("2", new String(after.get(TestChannel.CONTRACT, "a").value()));
            }
            assertThrows(IllegalStateException.class, () -> snapshot.get(TestChannel.CONTRACT, "a"));
        }
    }

    private static Block stripFilter(Block block) {
        return Blocks.withMetadataSlot(block, org.hyperledger.fabric.protos.common.BlockMetadataIndex.TRANSACTIONS_FILTER,
                ByteString.EMPTY);
    }

    private static void deleteRecursively(Path path) throws java.io.IOException {
        try (var walk = Files.walk(path)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
