package dev.ordo.ledgernode.ledger;

import static org.hyperledger.fabric.protos.peer.TxValidationCode.BAD_CREATOR_SIGNATURE;
import static org.hyperledger.fabric.protos.peer.TxValidationCode.DUPLICATE_TXID;
import static org.hyperledger.fabric.protos.peer.TxValidationCode.ENDORSEMENT_POLICY_FAILURE;
import static org.hyperledger.fabric.protos.peer.TxValidationCode.INVALID_CHAINCODE;
import static org.hyperledger.fabric.protos.peer.TxValidationCode.INVALID_ENDORSER_TRANSACTION;
import static org.hyperledger.fabric.protos.peer.TxValidationCode.MVCC_READ_CONFLICT;
import static org.hyperledger.fabric.protos.peer.TxValidationCode.PHANTOM_READ_CONFLICT;
import static org.hyperledger.fabric.protos.peer.TxValidationCode.VALID;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import dev.ordo.contracts.state.HistoryEntry;
import dev.ordo.contracts.state.StateIterator;
import dev.ordo.contracts.state.Version;
import dev.ordo.contracts.state.VersionedKeyValue;
import dev.ordo.contracts.state.VersionedValue;
import dev.ordo.ledgernode.fixtures.TestChannel;
import dev.ordo.ledgernode.fixtures.Tx;
import dev.ordo.proto.v1.ContractDefinition;
import dev.ordo.proto.v1.Policy;
import dev.ordo.proto.wire.Sha256;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ValidationTest extends LedgerTestSupport {
    @TempDir
    Path dir;

    private final TestChannel channel = new TestChannel(TestChannel.BOTH_PEERS);

    private Tx.Builder endorsed() {
        return channel.tx().endorsedBy(channel.org1.peer(), channel.org2.peer());
    }

    private static String text(byte[] value) {
        return new String(value, StandardCharsets.UTF_8);
    }

    @Test
    void validTransactionsCommitStateVersionsAndHistory() throws Exception {
        try (ChannelLedger ledger = open(dir)) {
            ledger.commit(channel.genesis());
            Tx create = endorsed().readAbsent("a").write("a", "1").write("b", "2").build();
            ledger.commit(channel.nextBlock(create));
            Tx update = endorsed().read("a", 1, 0).write("a", "3").build();
            Tx remove = endorsed().read("b", 1, 0).delete("b").build();
            ledger.commit(channel.nextBlock(update, remove));

            assertEquals(3, ledger.height());
            assertCodes(ledger, 1, VALID);
            assertCodes(ledger, 2, VALID, VALID);
            assertEquals(VALID, ledger.txValidationCode(update.txId()).orElseThrow());
            assertEquals(2, ledger.transaction(remove.txId()).orElseThrow().blockNum());
            assertEquals(1, ledger.transaction(remove.txId()).orElseThrow().txNum());
            try (StateSnapshot state = ledger.snapshot()) {
                VersionedValue a = state.get(TestChannel.CONTRACT, "a");
                assertEquals("3", text(a.value()));
                assertEquals(new Version(2, 0), a.version());
                assertNull(state.get(TestChannel.CONTRACT, "b"));
                assertNull(state.get("other", "a"));

                List<HistoryEntry> history = new ArrayList<>();
                try (StateIterator<HistoryEntry> entries = state.history(TestChannel.CONTRACT, "a")) {
                    entries.forEachRemaining(history::add);
                }
                assertEquals(2, history.size());
                assertEquals(new Version(2, 0), history.get(0).version());
                assertEquals(update.txId(), history.get(0).txId());
                assertEquals("3", text(history.get(0).value()));
                assertEquals(new Version(1, 0), history.get(1).version());
                assertEquals("1", text(history.get(1).value()));

                List<HistoryEntry> bHistory = new ArrayList<>();
                state.history(TestChannel.CONTRACT, "b").forEachRemaining(bHistory::add);
                assertEquals(2, bHistory.size());
                assertTrue(bHistory.get(0).deleted());
                assertFalse(bHistory.get(1).deleted());
            }
        }
    }

    @Test
    void rangesFollowUtf8ByteOrder() throws Exception {
        try (ChannelLedger ledger = open(dir)) {
            ledger.commit(channel.genesis());
            // U+FFFD sorts before U+1F600 in UTF-8 (and code point) order, after it in UTF-16 order.
            ledger.commit(channel.nextBlock(endorsed().write("k\uFFFD", "x").write("k\uD83D\uDE00", "y")
                    .write("ka", "z").write("j", "before").write("l", "after").build()));
            List<String> keys = new ArrayList<>();
            try (StateSnapshot state = ledger.snapshot();
                    StateIterator<VersionedKeyValue> range = state.range(TestChannel.CONTRACT, "k", "l")) {
                range.forEachRemaining(kv -> keys.add(kv.key()));
            }
            assertEquals(List.of("ka", "k\uFFFD", "k\uD83D\uDE00"), keys);
            List<String> all = new ArrayList<>();
            try (StateSnapshot state = ledger.snapshot()) {
                state.range(TestChannel.CONTRACT, "", "").forEachRemaining(kv -> all.add(kv.key()));
            }
            assertEquals(5, all.size());
        }
    }

    @Test
    void conflictingTransactionsInOneBlockSecondFails() throws Exception {
        try (ChannelLedger ledger = open(dir)) {
            ledger.commit(channel.genesis());
            ledger.commit(channel.nextBlock(endorsed().write("a", "100").build()));
            Tx first = endorsed().read("a", 1, 0).write("a", "90").build();
            Tx second = endorsed().read("a", 1, 0).write("a", "80").build();
            Tx unrelated = endorsed().readAbsent("z").write("z", "1").build();
            ledger.commit(channel.nextBlock(first, second, unrelated));
            assertCodes(ledger, 2, VALID, MVCC_READ_CONFLICT, VALID);
            assertEquals(MVCC_READ_CONFLICT, ledger.txValidationCode(second.txId()).orElseThrow());
            try (StateSnapshot state = ledger.snapshot()) {
                assertEquals("90", text(state.get(TestChannel.CONTRACT, "a").value()));
            }
        }
    }

    @Test
    void staleReadAcrossBlocksConflicts() throws Exception {
        try (ChannelLedger ledger = open(dir)) {
            ledger.commit(channel.genesis());
            ledger.commit(channel.nextBlock(endorsed().write("a", "100").build()));
            ledger.commit(channel.nextBlock(endorsed().read("a", 1, 0).write("a", "90").build()));
            Tx stale = endorsed().read("a", 1, 0).write("a", "80").build();
            Tx absentButPresent = endorsed().readAbsent("a").write("c", "1").build();
            Tx presentButAbsent = endorsed().read("nothing", 1, 0).write("d", "1").build();
            ledger.commit(channel.nextBlock(stale, absentButPresent, presentButAbsent));
            assertCodes(ledger, 3, MVCC_READ_CONFLICT, MVCC_READ_CONFLICT, MVCC_READ_CONFLICT);
            try (StateSnapshot state = ledger.snapshot()) {
                assertEquals("90", text(state.get(TestChannel.CONTRACT, "a").value()));
                assertNull(state.get(TestChannel.CONTRACT, "c"));
            }
        }
    }

    @Test
    void rangeChangedSinceSimulationIsAPhantom() throws Exception {
        try (ChannelLedger ledger = open(dir)) {
            ledger.commit(channel.genesis());
            ledger.commit(channel.nextBlock(endorsed().write("k1", "1").write("k3", "3").build()));
            Map<String, long[]> seen = new LinkedHashMap<>();
            seen.put("k1", new long[] {1, 0});
            seen.put("k3", new long[] {1, 0});
            Tx unchanged = endorsed().range("k0", "k9", seen).write("sum", "4").build();
            ledger.commit(channel.nextBlock(unchanged));
            ledger.commit(channel.nextBlock(endorsed().write("k2", "2").build()));
            Tx phantom = endorsed().range("k0", "k9", seen).write("sum", "4").build();
            Tx outsideRange = endorsed().range("k0", "k2", Map.of("k1", new long[] {1, 0})).write("x", "1").build();
            // A key inserted by an earlier transaction of the same block is a phantom too.
            Tx inserter = endorsed().write("m5", "5").build();
            Tx sameBlockPhantom = endorsed().range("m0", "m9", Map.of()).write("y", "1").build();
            ledger.commit(channel.nextBlock(phantom, outsideRange, inserter, sameBlockPhantom));
            assertCodes(ledger, 2, VALID);
            assertCodes(ledger, 4, PHANTOM_READ_CONFLICT, VALID, VALID, PHANTOM_READ_CONFLICT);
        }
    }

    @Test
    void endorsementByOneOrganisationFailsAndPolicy() throws Exception {
        try (ChannelLedger ledger = open(dir)) {
            ledger.commit(channel.genesis());
            Tx org1Only = channel.tx().write("a", "1").endorsedBy(channel.org1.peer()).build();
            Tx twiceOrg1 = channel.tx().write("a", "1").endorsedBy(channel.org1.peer(), channel.org1.newPeer("peer1"))
                    .build();
            Tx clientEndorses = channel.tx().write("a", "1").endorsedBy(channel.org1.peer(), channel.org2.client())
                    .build();
            Tx both = endorsed().write("a", "1").build();
            ledger.commit(channel.nextBlock(org1Only, twiceOrg1, clientEndorses, both));
            assertCodes(ledger, 1, ENDORSEMENT_POLICY_FAILURE, ENDORSEMENT_POLICY_FAILURE, ENDORSEMENT_POLICY_FAILURE,
                    VALID);
        }
    }

    @Test
    void writesToAnotherNamespaceNeedItsDefinition() throws Exception {
        try (ChannelLedger ledger = open(dir)) {
            ledger.commit(channel.genesis());
            Tx undefinedNamespace = endorsed().write("undefined", "k", "v").build();
            Tx undefinedContract = Tx.builder(TestChannel.CHANNEL, "nosuch", channel.org1.client())
                    .write("k", "v").endorsedBy(channel.org1.peer(), channel.org2.peer()).build();
            Tx mismatchedAction = endorsed().actionContract("other").write("k", "v").build();
            ledger.commit(channel.nextBlock(undefinedNamespace, undefinedContract, mismatchedAction));
            assertCodes(ledger, 1, INVALID_CHAINCODE, INVALID_CHAINCODE, INVALID_ENDORSER_TRANSACTION);
        }
    }

    @Test
    void forgedOrForeignCreatorIsRejected() throws Exception {
        try (ChannelLedger ledger = open(dir)) {
            ledger.commit(channel.genesis());
            Tx forged = endorsed().write("a", "1").forgeCreatorSignature().build();
            dev.ordo.ledgernode.fixtures.TestOrg stranger = new dev.ordo.ledgernode.fixtures.TestOrg("Org1MSP",
                    "evil.example.com");
            Tx foreign = Tx.builder(TestChannel.CHANNEL, TestChannel.CONTRACT, stranger.client()).write("a", "2")
                    .endorsedBy(channel.org1.peer(), channel.org2.peer()).build();
            ledger.commit(channel.nextBlock(forged, foreign));
            assertCodes(ledger, 1, BAD_CREATOR_SIGNATURE, BAD_CREATOR_SIGNATURE);
            try (StateSnapshot state = ledger.snapshot()) {
                assertNull(state.get(TestChannel.CONTRACT, "a"));
            }
        }
    }

    @Test
    void duplicateTxIdsWithinABlockAndAcrossBlocks() throws Exception {
        try (ChannelLedger ledger = open(dir)) {
            ledger.commit(channel.genesis());
            Tx once = endorsed().write("a", "1").build();
            Tx invalid = channel.tx().write("b", "1").endorsedBy(channel.org1.peer()).build();
            ledger.commit(channel.nextBlock(List.of(once.envelope(), once.envelope(), invalid.envelope())));
            assertCodes(ledger, 1, VALID, DUPLICATE_TXID, ENDORSEMENT_POLICY_FAILURE);
            // The first occurrence stays indexed with its own code.
            assertEquals(VALID, ledger.txValidationCode(once.txId()).orElseThrow());
            // Invalid transactions are indexed too: their ids cannot be reused either.
            ledger.commit(channel.nextBlock(List.of(once.envelope(), invalid.envelope())));
            assertCodes(ledger, 2, DUPLICATE_TXID, ENDORSEMENT_POLICY_FAILURE);
            assertEquals(ENDORSEMENT_POLICY_FAILURE, ledger.txValidationCode(invalid.txId()).orElseThrow());
        }
    }

    @Test
    void configBlockChangesTheEndorsementPolicyForLaterBlocks() throws Exception {
        try (ChannelLedger ledger = open(dir)) {
            ledger.commit(channel.genesis());
            ledger.commit(channel.nextBlock(channel.tx().write("a", "1").endorsedBy(channel.org1.peer()).build()));
            assertCodes(ledger, 1, ENDORSEMENT_POLICY_FAILURE);

            ContractDefinition relaxed = channel.config().getContracts(0).toBuilder()
                    .setEndorsementPolicy(Policy.newBuilder().setSignature("OR('Org1MSP.peer')")).build();
            ledger.commit(channel.nextConfigBlock(channel.config().toBuilder().setContracts(0, relaxed).build()));
            assertEquals(1, ledger.config().orElseThrow().getSequence());

            ledger.commit(channel.nextBlock(channel.tx().write("a", "1").endorsedBy(channel.org1.peer()).build()));
            assertCodes(ledger, 3, VALID);
        }
        // The new configuration survives a restart.
        try (ChannelLedger reopened = open(dir)) {
            assertEquals(1, reopened.config().orElseThrow().getSequence());
            reopened.commit(channel.nextBlock(channel.tx().write("b", "1").endorsedBy(channel.org1.peer()).build()));
            assertCodes(reopened, 4, VALID);
        }
    }

    @Test
    void privateWritesKeepOnlyHashes() throws Exception {
        try (ChannelLedger ledger = open(dir)) {
            ledger.commit(channel.genesis());
            ledger.commit(channel.nextBlock(endorsed().privateWrite("secrets", "p1", "hidden").build()));
            Tx stale = endorsed().privateRead("secrets", "p1", -1, 0).privateWrite("secrets", "p1", "x").build();
            Tx current = endorsed().privateRead("secrets", "p1", 1, 0).privateWrite("secrets", "p1", "y").build();
            ledger.commit(channel.nextBlock(stale, current));
            assertCodes(ledger, 2, MVCC_READ_CONFLICT, VALID);
            try (StateSnapshot state = ledger.snapshot()) {
                VersionedValue hash = state.getPrivateHash(TestChannel.CONTRACT, "secrets", "p1");
                assertArrayEquals(Sha256.digest("y".getBytes(StandardCharsets.UTF_8)), hash.value());
                assertEquals(new Version(2, 1), hash.version());
                IllegalStateException e = assertThrows(IllegalStateException.class,
                        () -> state.getPrivate(TestChannel.CONTRACT, "secrets", "p1"));
                assertTrue(e.getMessage().contains("private data store not yet available"));
            }
        }
    }

    @Test
    void listenersHearDurableBlocksInOrder() throws Exception {
        try (ChannelLedger ledger = open(dir)) {
            List<Long> heard = new ArrayList<>();
            ledger.addListener((channelId, block) -> heard.add(block.number()));
            ledger.commit(channel.genesis());
            ledger.commit(List.of(channel.nextBlock(endorsed().write("a", "1").build()),
                    channel.nextBlock(endorsed().write("b", "1").build())));
            assertEquals(List.of(0L, 1L, 2L), heard);
        }
    }

    @Test
    void txIdMustBeTheHashOfNonceAndCreator() throws Exception {
        try (ChannelLedger ledger = open(dir)) {
            ledger.commit(channel.genesis());
            Tx wrongId = endorsed().txId("ab".repeat(32)).write("a", "1").build();
            Tx malformedId = endorsed().txId("not-a-tx-id").write("a", "1").build();
            ledger.commit(channel.nextBlock(wrongId, malformedId));
            assertCodes(ledger, 1, org.hyperledger.fabric.protos.peer.TxValidationCode.BAD_PROPOSAL_TXID,
                    org.hyperledger.fabric.protos.peer.TxValidationCode.BAD_PROPOSAL_TXID);
        }
    }

    @Test
    void creatorMustSatisfyTheWritersPolicy() throws Exception {
        try (ChannelLedger ledger = open(dir)) {
            ledger.commit(channel.genesis());
            ledger.commit(channel.nextConfigBlock(channel.config().toBuilder()
                    .putPolicies("Writers", Policy.newBuilder().setSignature("OR('Org2MSP.member')").build()).build()));
            Tx org1Client = endorsed().write("a", "1").build();
            Tx org2Client = Tx.builder(TestChannel.CHANNEL, TestChannel.CONTRACT, channel.org2.client()).write("b", "1")
                    .endorsedBy(channel.org1.peer(), channel.org2.peer()).build();
            ledger.commit(channel.nextBlock(org1Client, org2Client));
            assertCodes(ledger, 2, BAD_CREATOR_SIGNATURE, VALID);
        }
    }

    @Test
    void configBlocksWithoutEnoughAdminsOrOutOfSequenceAreRejected() throws Exception {
        try (ChannelLedger ledger = open(dir)) {
            ledger.commit(channel.genesis());
            var original = channel.config();
            var relaxed = original.toBuilder().setContracts(0, original.getContracts(0).toBuilder()
                    .setEndorsementPolicy(Policy.newBuilder().setSignature("OR('Org1MSP.peer')"))).build();
            // Admins = MAJORITY of three organisations: one admin is not enough.
            var oneAdmin = channel.nextConfigBlock(relaxed, List.of(channel.org1.admin()), 1);
            assertThrows(dev.ordo.ledgernode.validate.BlockRejectedException.class, () -> ledger.commit(oneAdmin));
            channel.dropLastBlock(original);
            var skipped = channel.nextConfigBlock(relaxed, List.of(channel.org1.admin(), channel.org2.admin()), 2);
            assertThrows(dev.ordo.ledgernode.validate.BlockRejectedException.class, () -> ledger.commit(skipped));
            channel.dropLastBlock(original);
            assertEquals(1, ledger.height());
            assertEquals(0, ledger.config().orElseThrow().getSequence());
            ledger.commit(channel.nextBlock(channel.tx().write("a", "1").endorsedBy(channel.org1.peer()).build()));
            assertCodes(ledger, 1, ENDORSEMENT_POLICY_FAILURE);
        }
    }

    @Test
    void certificatesAreJudgedAtTheTransactionTimeSoReplaysAgree() throws Exception {
        java.time.Instant now = java.time.Instant.now();
        var expiredSince = channel.org1.client(new dev.ordo.membership.ca.CertificateValidity(
                now.minus(java.time.Duration.ofHours(3)), now.minus(java.time.Duration.ofHours(1))));
        Tx whileValid = Tx.builder(TestChannel.CHANNEL, TestChannel.CONTRACT, expiredSince)
                .timestamp(now.minus(java.time.Duration.ofHours(2))).write("a", "1")
                .endorsedBy(channel.org1.peer(), channel.org2.peer()).build();
        Tx afterExpiry = Tx.builder(TestChannel.CHANNEL, TestChannel.CONTRACT, expiredSince).write("b", "1")
                .endorsedBy(channel.org1.peer(), channel.org2.peer()).build();
        ledger(ledger -> {
            ledger.commit(channel.genesis());
            ledger.commit(channel.nextBlock(whileValid, afterExpiry));
            assertCodes(ledger, 1, VALID, BAD_CREATOR_SIGNATURE);
        });
    }

    private interface LedgerAction {
        void run(ChannelLedger ledger) throws Exception;
    }

    private void ledger(LedgerAction action) throws Exception {
        try (ChannelLedger ledger = open(dir)) {
            action.run(ledger);
        }
    }

    static ByteString bytes(String text) {
        return ByteString.copyFromUtf8(text);
    }
}
