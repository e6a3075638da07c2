package dev.ordo.proto.wire;

import static dev.ordo.proto.wire.ProposalFixtures.CHAINCODE;
import static dev.ordo.proto.wire.ProposalFixtures.CHANNEL;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import java.util.List;
import java.util.Map;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.Header;
import org.hyperledger.fabric.protos.common.HeaderType;
import org.hyperledger.fabric.protos.common.Payload;
import org.hyperledger.fabric.protos.common.SignatureHeader;
import org.hyperledger.fabric.protos.ledger.rwset.CollectionHashedReadWriteSet;
import org.hyperledger.fabric.protos.ledger.rwset.NsReadWriteSet;
import org.hyperledger.fabric.protos.ledger.rwset.TxReadWriteSet;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.HashedRWSet;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVWriteHash;
import org.hyperledger.fabric.protos.peer.ChaincodeActionPayload;
import org.hyperledger.fabric.protos.peer.ChaincodeEvent;
import org.hyperledger.fabric.protos.peer.ChaincodeProposalPayload;
import org.hyperledger.fabric.protos.peer.Proposal;
import org.hyperledger.fabric.protos.peer.ProposalResponse;
import org.hyperledger.fabric.protos.peer.Response;
import org.hyperledger.fabric.protos.peer.SignedProposal;
import org.hyperledger.fabric.protos.peer.Transaction;
import org.hyperledger.fabric.protos.peer.TransactionAction;
import org.hyperledger.fabric.protos.peer.TxValidationCode;
import org.junit.jupiter.api.Test;

class ProposalAndTransactionTest {
    private static final TestSigner CLIENT = TestSigner.create("Org1MSP");
    private static final TestSigner PEER1 = TestSigner.create("Org1MSP");
    private static final TestSigner PEER2 = TestSigner.create("Org2MSP");
    private static final Map<String, ByteString> SECRET = Map.of("price", ByteString.copyFromUtf8("42"));

    private static SignedProposal proposal() {
        return ProposalFixtures.signedProposal(CLIENT, List.of("transfer", "asset1", "bob"), SECRET);
    }

    private static ByteString prp(SignedProposalView view, TxReadWriteSet results, ChaincodeEvent event) {
        return ProposalFixtures.proposalResponsePayload(view.proposalHash(), CHAINCODE, ProposalFixtures.ok("done"),
                results, event);
    }

    private static WireFormatException proposalFails(SignedProposal proposal) {
        return assertThrows(WireFormatException.class, () -> SignedProposalView.parse(proposal));
    }

    /** A proposal signed by the client over the given parts. */
    private static SignedProposal proposalWith(org.hyperledger.fabric.protos.common.ChannelHeader channelHeader,
            SignatureHeader signatureHeader, ChaincodeProposalPayload payload) {
        return ProposalFixtures.sign(CLIENT, ProposalFixtures.proposal(channelHeader, signatureHeader, payload));
    }

    private static SignatureHeader clientHeader(byte[] nonce) {
        return SignatureHeader.newBuilder().setCreator(ByteString.copyFrom(CLIENT.serializedIdentity()))
                .setNonce(ByteString.copyFrom(nonce)).build();
    }

    @Test
    void parsesAClientProposal() throws Exception {
        SignedProposal signed = proposal();
        SignedProposalView view = SignedProposalView.parse(signed);

        assertEquals(CHANNEL, view.channelId());
        assertEquals(HeaderType.ENDORSER_TRANSACTION, view.type());
        assertEquals(CHAINCODE, view.chaincodeName());
        assertEquals("Org1MSP", view.mspId());
        assertEquals("transfer", view.transactionName());
        assertEquals(List.of("transfer", "asset1", "bob"), view.args().stream().map(ByteString::toStringUtf8).toList());
        assertEquals(SECRET, view.transientMap());
        assertEquals(TxIds.compute(view.nonce(), view.creator()), view.txId());
        assertEquals(1_700_000_000L, view.timestamp().getSeconds());
        assertTrue(CLIENT.verifies(view.signedContent()));
        assertArrayEquals(signed.getProposalBytes().toByteArray(), view.signedBytes());
    }

    @Test
    void proposalHashLeavesOutTheTransientMap() throws Exception {
        SignedProposalView view = SignedProposalView.parse(proposal());
        Proposal proposal = view.proposal();
        Header header = Header.parseFrom(proposal.getHeader());
        ChaincodeProposalPayload full = ChaincodeProposalPayload.parseFrom(proposal.getPayload());
        ByteString withoutTransient = ChaincodeProposalPayload.newBuilder().setInput(full.getInput()).build()
                .toByteString();

        assertEquals(withoutTransient, view.payloadWithoutTransient());
        assertFalse(view.payloadWithoutTransient().toStringUtf8().contains("price"));
        assertEquals(ByteString.copyFrom(Sha256.digest(header.getChannelHeader(), header.getSignatureHeader(),
                withoutTransient)), view.proposalHash());
        assertFalse(view.proposalHash().equals(ProposalHashes.compute(header.getChannelHeader(),
                header.getSignatureHeader(), proposal.getPayload())));
    }

    @Test
    void assemblesThePreparedTransactionAsFabricsGatewayDoes() throws Exception {
        SignedProposalView view = SignedProposalView.parse(proposal());
        ByteString prp = prp(view, ProposalFixtures.writes(CHAINCODE, "asset1", "bob"),
                ChaincodeEvent.newBuilder().setChaincodeId(CHAINCODE).setTxId(view.txId()).setEventName("Moved").build());
        List<ProposalResponse> responses = List.of(ProposalFixtures.endorse(PEER1, prp, ProposalFixtures.ok("done")),
                ProposalFixtures.endorse(PEER2, prp, ProposalFixtures.ok("done")),
                ProposalFixtures.endorse(PEER1, prp, ProposalFixtures.ok("done")));

        Envelope prepared = PreparedTransactions.assemble(view, responses);

        assertTrue(prepared.getSignature().isEmpty());
        Payload payload = Payload.parseFrom(prepared.getPayload());
        assertEquals(view.header().header(), payload.getHeader());
        Transaction transaction = Transaction.parseFrom(payload.getData());
        TransactionAction action = transaction.getActions(0);
        assertEquals(view.header().signatureHeaderBytes(), action.getHeader());
        ChaincodeActionPayload actionPayload = ChaincodeActionPayload.parseFrom(action.getPayload());
        assertEquals(view.payloadWithoutTransient(), actionPayload.getChaincodeProposalPayload());
        assertEquals(prp, actionPayload.getAction().getProposalResponsePayload());
        assertEquals(2, actionPayload.getAction().getEndorsementsCount(), "endorsements de-duplicated by endorser");
        assertFalse(prepared.toByteString().toStringUtf8().contains("price"), "no transient data in the transaction");

        // The client signs the payload; the envelope then parses as a checked transaction.
        Envelope signed = prepared.toBuilder()
                .setSignature(ByteString.copyFrom(CLIENT.sign(prepared.getPayload().toByteArray()))).build();
        EnvelopeView envelope = EnvelopeView.parse(signed);
        assertTrue(CLIENT.verifies(envelope.signedContent()));
        assertEquals(view.txId(), envelope.txId());
        assertEquals("Org1MSP", envelope.mspId());
        TransactionView tx = envelope.transaction();
        assertEquals(CHAINCODE, tx.chaincodeName());
        assertTrue(tx.chaincodeNameMatchesAction());
        assertEquals("done", tx.response().getPayload().toStringUtf8());
        assertEquals("Moved", tx.event().getEventName());
        assertEquals(List.of(CHAINCODE), tx.readWriteSet().writtenNamespaces());
        assertEquals("asset1", tx.readWriteSet().namespace(CHAINCODE).orElseThrow().rwSet().getWrites(0).getKey());
        assertEquals(List.of("transfer", "asset1", "bob"), tx.args().stream().map(ByteString::toStringUtf8).toList());
        List<SignedContent> endorsements = tx.endorsementSignedContents();
        assertTrue(PEER1.verifies(endorsements.get(0)));
        assertTrue(PEER2.verifies(endorsements.get(1)));
    }

    @Test
    void assemblyRejectsDisagreeingOrFailedEndorsements() throws Exception {
        SignedProposalView view = SignedProposalView.parse(proposal());
        ByteString prp1 = prp(view, ProposalFixtures.writes(CHAINCODE, "asset1", "bob"), null);
        ByteString prp2 = prp(view, ProposalFixtures.writes(CHAINCODE, "asset1", "carol"), null);

        WireFormatException mismatch = assertThrows(WireFormatException.class, () -> PreparedTransactions.assemble(view,
                List.of(ProposalFixtures.endorse(PEER1, prp1, ProposalFixtures.ok("done")),
                        ProposalFixtures.endorse(PEER2, prp2, ProposalFixtures.ok("done")))));
        assertEquals("ProposalResponsePayloads do not match", mismatch.getMessage());

        Response failed = Response.newBuilder().setStatus(500).setMessage("asset1 does not exist").build();
        WireFormatException status = assertThrows(WireFormatException.class, () -> PreparedTransactions.assemble(view,
                List.of(ProposalFixtures.endorse(PEER1, prp1, failed))));
        assertEquals("ProposalResponse[0].response.status: 500 is not successful (asset1 does not exist)",
                status.getMessage());

        ProposalResponse unendorsed = ProposalFixtures.endorse(PEER1, prp1, ProposalFixtures.ok("done")).toBuilder()
                .clearEndorsement().build();
        assertEquals("ProposalResponse[0].endorsement: missing", assertThrows(WireFormatException.class,
                () -> PreparedTransactions.assemble(view, List.of(unendorsed))).getMessage());
        assertEquals("ProposalResponses: none to assemble", assertThrows(WireFormatException.class,
                () -> PreparedTransactions.assemble(view, List.of())).getMessage());

        ByteString otherHash = ProposalFixtures.proposalResponsePayload(ByteString.copyFromUtf8("not the hash"),
                CHAINCODE, ProposalFixtures.ok("done"), ProposalFixtures.writes(CHAINCODE, "k", "v"), null);
        assertTrue(assertThrows(WireFormatException.class, () -> PreparedTransactions.assemble(view,
                List.of(ProposalFixtures.endorse(PEER1, otherHash, ProposalFixtures.ok("done"))))).getMessage()
                .startsWith("ProposalResponsePayload.proposal_hash"));
    }

    @Test
    void rejectsMalformedProposals() {
        byte[] nonce = TxIds.newNonce();
        String txId = TxIds.compute(nonce, CLIENT.serializedIdentity());
        ChaincodeProposalPayload payload = ProposalFixtures.payload(List.of("f"), Map.of());

        assertEquals("SignedProposal.proposal_bytes: missing",
                proposalFails(SignedProposal.newBuilder().setSignature(ByteString.copyFromUtf8("s")).build()).getMessage());
        assertTrue(proposalFails(proposal().toBuilder().setProposalBytes(proposal().getProposalBytes().substring(0, 20))
                .build()).getMessage().startsWith("SignedProposal.proposal_bytes: not a valid Proposal"));
        assertEquals("SignedProposal.signature: missing",
                proposalFails(proposal().toBuilder().clearSignature().build()).getMessage());
        assertEquals("Proposal.header: missing", proposalFails(ProposalFixtures.sign(CLIENT,
                Proposal.newBuilder().setPayload(payload.toByteString()).build())).getMessage());
        assertEquals("ChannelHeader.epoch: must be 0, was 7", proposalFails(proposalWith(
                ProposalFixtures.channelHeader(txId).setEpoch(7).build(), clientHeader(nonce), payload)).getMessage());
        assertEquals("ChannelHeader.timestamp: missing", proposalFails(proposalWith(
                ProposalFixtures.channelHeader(txId).clearTimestamp().build(), clientHeader(nonce), payload)).getMessage());
        assertEquals("ChannelHeader.channel_id: missing", proposalFails(proposalWith(
                ProposalFixtures.channelHeader(txId).clearChannelId().build(), clientHeader(nonce), payload)).getMessage());
        assertEquals("ChannelHeader.type: a proposal must be ENDORSER_TRANSACTION, was CONFIG_UPDATE", proposalFails(
                proposalWith(ProposalFixtures.channelHeader(txId).setType(HeaderType.CONFIG_UPDATE_VALUE).build(),
                        clientHeader(nonce), payload)).getMessage());
        assertEquals("ChannelHeader.type: unknown header type 99", proposalFails(proposalWith(
                ProposalFixtures.channelHeader(txId).setType(99).build(), clientHeader(nonce), payload)).getMessage());

        WireFormatException badTxId = proposalFails(proposalWith(ProposalFixtures.channelHeader(txId.toUpperCase())
                .build(), clientHeader(nonce), payload));
        assertTrue(badTxId.getMessage().startsWith("ChannelHeader.tx_id: not 64 lowercase hex characters"));
        assertEquals(TxValidationCode.BAD_PROPOSAL_TXID, badTxId.validationCode());
        WireFormatException mismatch = proposalFails(proposalWith(ProposalFixtures.channelHeader(txId).build(),
                clientHeader(TxIds.newNonce()), payload));
        assertTrue(mismatch.getMessage().startsWith("ChannelHeader.tx_id: " + txId + " is not SHA-256(nonce ‖ creator)"));
        assertEquals(TxValidationCode.BAD_PROPOSAL_TXID, mismatch.validationCode());

        assertEquals("SignatureHeader.creator: missing", proposalFails(proposalWith(
                ProposalFixtures.channelHeader(TxIds.compute(nonce, new byte[0])).build(),
                SignatureHeader.newBuilder().setNonce(ByteString.copyFrom(nonce)).build(), payload)).getMessage());
        assertTrue(proposalFails(proposalWith(ProposalFixtures.channelHeader(txId).build(),
                SignatureHeader.newBuilder().setCreator(ByteString.copyFromUtf8("\u00ff\u00ff")).setNonce(
                        ByteString.copyFrom(nonce)).build(), payload)).getMessage()
                .startsWith("SignatureHeader.creator: not a valid SerializedIdentity"));
        assertEquals("ChannelHeader.extension: missing", proposalFails(proposalWith(
                ProposalFixtures.channelHeader(txId).clearExtension().build(), clientHeader(nonce), payload)).getMessage());
        assertEquals("ChaincodeInput.args: missing (args[0] must name the transaction)", proposalFails(proposalWith(
                ProposalFixtures.channelHeader(txId).build(), clientHeader(nonce),
                ProposalFixtures.payload(List.of(), Map.of()))).getMessage());
        assertEquals("ChaincodeProposalPayload.input: missing", proposalFails(proposalWith(
                ProposalFixtures.channelHeader(txId).build(), clientHeader(nonce),
                ChaincodeProposalPayload.getDefaultInstance())).getMessage());
    }

    private static Envelope signedTransaction(SignedProposalView view, Transaction transaction, Header header) {
        ByteString payload = Payload.newBuilder().setHeader(header).setData(transaction.toByteString()).build()
                .toByteString();
        return Envelope.newBuilder().setPayload(payload)
                .setSignature(ByteString.copyFrom(CLIENT.sign(payload.toByteArray()))).build();
    }

    @Test
    void rejectsMalformedTransactions() throws Exception {
        SignedProposalView view = SignedProposalView.parse(proposal());
        ByteString prp = prp(view, ProposalFixtures.writes(CHAINCODE, "k", "v"), null);
        Envelope good = PreparedTransactions.assemble(view,
                List.of(ProposalFixtures.endorse(PEER1, prp, ProposalFixtures.ok("done"))));
        Payload payload = Payload.parseFrom(good.getPayload());
        Transaction transaction = Transaction.parseFrom(payload.getData());
        Header header = payload.getHeader();

        assertEquals("Envelope.payload: missing",
                assertThrows(WireFormatException.class, () -> EnvelopeView.parse(Envelope.getDefaultInstance())).getMessage());
        assertEquals("Envelope.signature: missing",
                assertThrows(WireFormatException.class, () -> EnvelopeView.parse(good)).getMessage());
        assertTrue(assertThrows(WireFormatException.class, () -> EnvelopeView.parse(good.toBuilder()
                .setPayload(good.getPayload().substring(0, good.getPayload().size() - 3))
                .setSignature(ByteString.copyFromUtf8("s")).build())).getMessage()
                .startsWith("Envelope.payload: not a valid Payload"));

        WireFormatException twoActions = assertThrows(WireFormatException.class, () -> EnvelopeView.parse(
                signedTransaction(view, transaction.toBuilder().addActions(transaction.getActions(0)).build(), header)));
        assertEquals("Transaction.actions: exactly one action is supported, found 2", twoActions.getMessage());
        assertEquals(TxValidationCode.INVALID_ENDORSER_TRANSACTION, twoActions.validationCode());

        TransactionAction action = transaction.getActions(0);
        ChaincodeActionPayload actionPayload = ChaincodeActionPayload.parseFrom(action.getPayload());
        SignatureHeader otherHeader = SignatureHeader.parseFrom(view.header().signatureHeaderBytes()).toBuilder()
                .setNonce(ByteString.copyFrom(TxIds.newNonce())).build();
        assertEquals("TransactionAction.header: differs from the envelope's signature header",
                assertThrows(WireFormatException.class, () -> EnvelopeView.parse(signedTransaction(view,
                        Transaction.newBuilder().addActions(action.toBuilder().setHeader(otherHeader.toByteString()))
                                .build(), header))).getMessage());

        ChaincodeProposalPayload withTransient = ChaincodeProposalPayload.parseFrom(
                actionPayload.getChaincodeProposalPayload()).toBuilder().putAllTransientMap(SECRET).build();
        Transaction leaking = Transaction.newBuilder().addActions(action.toBuilder().setPayload(actionPayload.toBuilder()
                .setChaincodeProposalPayload(withTransient.toByteString()).build().toByteString())).build();
        assertEquals("ChaincodeProposalPayload.TransientMap: transient data must not be in a transaction",
                assertThrows(WireFormatException.class, () -> EnvelopeView.parse(signedTransaction(view, leaking,
                        header))).getMessage());

        ChaincodeProposalPayload otherArgs = ProposalFixtures.payload(List.of("transfer", "asset1", "mallory"), Map.of());
        Transaction swapped = Transaction.newBuilder().addActions(action.toBuilder().setPayload(actionPayload.toBuilder()
                .setChaincodeProposalPayload(otherArgs.toByteString()).build().toByteString())).build();
        assertEquals("ProposalResponsePayload.proposal_hash: does not match the transaction's headers and proposal payload",
                assertThrows(WireFormatException.class, () -> EnvelopeView.parse(signedTransaction(view, swapped,
                        header))).getMessage());

        Transaction unendorsed = Transaction.newBuilder().addActions(action.toBuilder().setPayload(actionPayload
                .toBuilder().setAction(actionPayload.getAction().toBuilder().clearEndorsements()).build()
                .toByteString())).build();
        assertEquals("ChaincodeEndorsedAction.endorsements: none", assertThrows(WireFormatException.class,
                () -> EnvelopeView.parse(signedTransaction(view, unendorsed, header))).getMessage());

        assertEquals("Payload.data: missing", assertThrows(WireFormatException.class,
                () -> EnvelopeView.parse(signedTransaction(view, Transaction.getDefaultInstance(), header))).getMessage());

        // A transaction that fails parsing still yields its tx id for the duplicate index.
        assertEquals(java.util.Optional.of(view.txId()), EnvelopeView.txIdOf(good.toByteString()));
        assertEquals(java.util.Optional.empty(), EnvelopeView.txIdOf(ByteString.copyFromUtf8("junk")));
    }

    @Test
    void exposesAChaincodeNameMismatchAndHashedCollections() throws Exception {
        SignedProposalView view = SignedProposalView.parse(proposal());
        HashedRWSet hashed = HashedRWSet.newBuilder().addHashedWrites(KVWriteHash.newBuilder()
                .setKeyHash(ByteString.copyFrom(Sha256.digest("secret".getBytes())))
                .setValueHash(ByteString.copyFrom(Sha256.digest("v".getBytes())))).build();
        TxReadWriteSet results = TxReadWriteSet.newBuilder().setDataModel(TxReadWriteSet.DataModel.KV)
                .addNsRwset(NsReadWriteSet.newBuilder().setNamespace("other")
                        .addCollectionHashedRwset(CollectionHashedReadWriteSet.newBuilder().setCollectionName("deal")
                                .setHashedRwset(hashed.toByteString())
                                .setPvtRwsetHash(ByteString.copyFromUtf8("h"))))
                .build();
        ByteString prp = ProposalFixtures.proposalResponsePayload(view.proposalHash(), "other",
                ProposalFixtures.ok(""), results, null);
        Envelope prepared = PreparedTransactions.assemble(view,
                List.of(ProposalFixtures.endorse(PEER1, prp, ProposalFixtures.ok(""))));
        TransactionView tx = EnvelopeView.parse(prepared.toBuilder()
                .setSignature(ByteString.copyFrom(CLIENT.sign(prepared.getPayload().toByteArray()))).build()).transaction();

        assertFalse(tx.chaincodeNameMatchesAction());
        assertNull(tx.event());
        assertEquals(List.of("other"), tx.readWriteSet().writtenNamespaces());
        ReadWriteSetView.CollectionHashes deal = tx.readWriteSet().namespace("other").orElseThrow()
                .collection("deal").orElseThrow();
        assertEquals(hashed, deal.hashedRwSet());
        assertEquals(ByteString.copyFromUtf8("h"), deal.privateRwSetHash());

        assertTrue(assertThrows(WireFormatException.class, () -> ReadWriteSetView.parse(
                ByteString.copyFrom(new byte[] {0x12, 0x05, 0x0a}))).getMessage()
                .startsWith("ChaincodeAction.results: not a valid TxReadWriteSet"));
    }
}
