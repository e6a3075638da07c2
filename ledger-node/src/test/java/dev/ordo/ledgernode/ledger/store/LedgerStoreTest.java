package dev.ordo.ledgernode.ledger.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LedgerStoreTest {
    @TempDir
    Path dir;

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void keysSortAsUnsignedBytesWithinTheirNamespace() throws Exception {
        try (LedgerStore store = LedgerStore.open(dir, Durability.PROCESS_CRASH)) {
            for (String key : List.of("\u00e9", "z", "a", "\uD83D\uDE00", "\uFFFD")) {
                store.putState(StoreKeys.state("ns", key), utf8("v"), new Height(1, 0));
            }
            store.putState(StoreKeys.state("ns2", "a"), utf8("other namespace"), new Height(1, 1));
            store.putState(StoreKeys.state("n", "s"), utf8("prefix namespace"), new Height(1, 2));
            List<String> keys = new ArrayList<>();
            store.range("ns", "", "").forEachRemaining(entry -> keys.add(entry.key()));
            assertEquals(List.of("a", "z", "\u00e9", "\uFFFD", "\uD83D\uDE00"), keys);
            List<String> bounded = new ArrayList<>();
            store.range("ns", "b", "\uFFFD").forEachRemaining(entry -> bounded.add(entry.key()));
            assertEquals(List.of("z", "\u00e9"), bounded);
        }
    }

    @Test
    void historyIsPerKeyAndNewestFirst() throws Exception {
        try (LedgerStore store = LedgerStore.open(dir, Durability.PROCESS_CRASH)) {
            byte[] key = StoreKeys.state("ns", "k");
            store.putState(key, utf8("1"), new Height(1, 3));
            store.putState(StoreKeys.state("ns", "k\u0000suffix"), utf8("x"), new Height(2, 0));
            store.deleteState(key, new Height(300, 1));
            store.putState(key, utf8("2"), new Height(5, 0));
            List<Height> history = new ArrayList<>();
            store.history("ns", "k").forEachRemaining(history::add);
            assertEquals(List.of(new Height(300, 1), new Height(5, 0), new Height(1, 3)), history);
            Iterator<Height> none = store.history("ns", "absent");
            assertFalse(none.hasNext());
        }
    }

    @Test
    void stateHashDependsOnlyOnLiveEntries() throws Exception {
        byte[] direct;
        byte[] roundabout;
        try (LedgerStore store = LedgerStore.open(dir.resolve("direct"), Durability.PROCESS_CRASH)) {
            store.putState(StoreKeys.state("ns", "a"), utf8("1"), new Height(1, 0));
            store.putState(StoreKeys.state("ns", "b"), utf8("2"), new Height(1, 1));
            direct = store.stateHash().bytes();
            assertArrayEquals(direct, store.recomputeStateHash().bytes());
        }
        try (LedgerStore store = LedgerStore.open(dir.resolve("roundabout"), Durability.PROCESS_CRASH)) {
            store.putState(StoreKeys.state("ns", "b"), utf8("2"), new Height(1, 1));
            store.putState(StoreKeys.state("ns", "c"), utf8("3"), new Height(1, 1));
            store.putState(StoreKeys.state("ns", "a"), utf8("0"), new Height(0, 9));
            store.putState(StoreKeys.state("ns", "a"), utf8("1"), new Height(1, 0));
            store.deleteState(StoreKeys.state("ns", "c"), new Height(1, 2));
            store.putPrivateHash(StoreKeys.privateHash("ns", "coll", new byte[32]), new byte[32], new Height(1, 0));
            store.deletePrivateHash(StoreKeys.privateHash("ns", "coll", new byte[32]));
            roundabout = store.stateHash().bytes();
            assertArrayEquals(roundabout, store.recomputeStateHash().bytes());
        }
        assertArrayEquals(direct, roundabout);
        assertFalse(java.util.Arrays.equals(direct, StateHash.empty().bytes()));
    }

    @Test
    void rollbackOfANewStoreLeavesItEmpty() throws Exception {
        try (LedgerStore store = LedgerStore.open(dir, Durability.PROCESS_CRASH)) {
            store.appendBlock(0, utf8("block"), new byte[32]);
            store.putState(StoreKeys.state("ns", "a"), utf8("1"), new Height(0, 0));
            store.rollback();
            assertEquals(0, store.height());
            assertNull(store.state("ns", "a"));
            assertArrayEquals(StateHash.empty().bytes(), store.stateHash().bytes());
        }
    }

    @Test
    void rollbackDiscardsUncommittedWritesAndBlockBytes() throws Exception {
        try (LedgerStore store = LedgerStore.open(dir, Durability.POWER_LOSS)) {
            store.putState(StoreKeys.state("ns", "committed"), utf8("1"), new Height(0, 0));
            store.commit();
            store.appendBlock(0, utf8("not parsed by the store"), new byte[32]);
            store.putState(StoreKeys.state("ns", "a"), utf8("1"), new Height(0, 0));
            store.indexTransaction("tx0", new TxRecord(0, 0, org.hyperledger.fabric.protos.peer.TxValidationCode.VALID));
            store.rollback();
            assertEquals(0, store.height());
            assertNull(store.state("ns", "a"));
            assertEquals("1", new String(store.state("ns", "committed").value(), StandardCharsets.UTF_8));
            assertFalse(store.containsTransaction("tx0"));
            assertTrue(store.blockBytes(0).isEmpty());
            assertEquals(0, java.nio.file.Files.size(dir.resolve(LedgerStore.BLOCK_FILE)));
        }
    }
}
