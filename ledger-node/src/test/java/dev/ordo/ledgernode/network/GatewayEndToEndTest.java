package dev.ordo.ledgernode.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ordo.membership.ca.CertificateAuthority;
import dev.ordo.membership.ca.IssuedCredential;
import dev.ordo.membership.identity.Role;
import dev.ordo.proto.v1.ChannelConfig;
import dev.ordo.proto.v1.ConfigUpdate;
import dev.ordo.proto.v1.Policy;
import dev.ordo.proto.wire.ConfigBlocks;
import java.net.URI;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.orderer.BroadcastResponse;
import java.time.Instant;
import org.hyperledger.fabric.protos.orderer.SeekInfo;
import org.hyperledger.fabric.protos.orderer.SeekOldest;
import org.hyperledger.fabric.protos.orderer.SeekPosition;
import org.hyperledger.fabric.protos.orderer.SeekSpecified;
import org.hyperledger.fabric.protos.peer.DeliverResponse;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import com.google.protobuf.ByteString;
import dev.ordo.membership.identity.SigningIdentity;
import dev.ordo.proto.wire.EnvelopeView;
import dev.ordo.proto.wire.PreparedTransactions;
import dev.ordo.proto.wire.Proposals;
import dev.ordo.proto.wire.SignedProposalView;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.hyperledger.fabric.client.ChaincodeEvent;
import org.hyperledger.fabric.client.Gateway;
import org.hyperledger.fabric.client.SubmitException;
import org.hyperledger.fabric.protos.peer.EndorserGrpc;
import org.hyperledger.fabric.protos.peer.ProposalResponse;
import org.hyperledger.fabric.protos.peer.SignedProposal;
import org.hyperledger.fabric.client.CloseableIterator;
import org.hyperledger.fabric.client.CommitException;
import org.hyperledger.fabric.client.Contract;
import org.hyperledger.fabric.client.EndorseException;
import org.hyperledger.fabric.client.GatewayException;
import org.hyperledger.fabric.client.Network;
import org.hyperledger.fabric.client.Status;
import org.hyperledger.fabric.client.SubmittedTransaction;
import org.hyperledger.fabric.client.Checkpointer;
import org.hyperledger.fabric.client.InMemoryCheckpointer;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.gateway.ErrorDetail;
import org.hyperledger.fabric.protos.peer.FilteredBlock;
import org.hyperledger.fabric.protos.peer.TxValidationCode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ledger node end to end with the official fabric-gateway client: two ledger nodes (Org1,
 * Org2) and the real ordering service, the asset-transfer sample under AND(Org1.peer, Org2.peer).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class GatewayEndToEndTest {
    @TempDir
    static Path root;
    static TestNetwork network;
    static Network org1;
    static Contract assets;

    @BeforeAll
    static void startNetwork() throws Exception {
        network = TestNetwork.start(root, "AND('Org1MSP.peer','Org2MSP.peer')");
        org1 = network.gateway(1).getNetwork(TestNetwork.CHANNEL);
        assets = org1.getContract(TestNetwork.CONTRACT);
    }

    @AfterAll
    static void stopNetwork() {
        if (network != null) {
            network.close();
        }
    }

    private static String utf8(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    @Test
    void submitCommitsOnBothPeersAndEvaluateReadsIt() throws Exception {
        byte[] created = assets.submitTransaction("CreateAsset", "asset-e2e-1", "blue", "5", "Tomoko", "300");
        assertTrue(utf8(created).contains("\"assetId\":\"asset-e2e-1\""), utf8(created));

        String read = utf8(assets.evaluateTransaction("ReadAsset", "asset-e2e-1"));
        assertTrue(read.contains("\"color\":\"blue\""), read);
        assertTrue(read.contains("\"ownerOrg\":\"Org1MSP\""), read);

        long height = network.peer(0).height();
        network.awaitHeight(height, Duration.ofSeconds(20));
        Contract viaOrg2 = network.gateway(2).getNetwork(TestNetwork.CHANNEL).getContract(TestNetwork.CONTRACT);
        assertEquals(read, utf8(viaOrg2.evaluateTransaction("ReadAsset", "asset-e2e-1")));
    }

    @Test
    void submitAsyncThenCommitStatusIsValidWithBlockNumber() throws Exception {
        assets.submitTransaction("CreateAsset", "asset-e2e-2", "red", "3", "Max", "100");
        SubmittedTransaction submitted = assets.newProposal("UpdateAsset")
                .addArguments("asset-e2e-2", "green", "4", "150")
                .putTransient("note", "never on the ledger".getBytes(StandardCharsets.UTF_8))
                .build().endorse().submitAsync();

        assertTrue(utf8(submitted.getResult()).contains("\"color\":\"green\""));
        Status status = submitted.getStatus();
        assertTrue(status.isSuccessful());
        assertEquals(TxValidationCode.VALID, status.getCode());
        assertTrue(status.getBlockNumber() > 0);

        Block block = network.peer(0).channels().channel(TestNetwork.CHANNEL).orElseThrow().ledger()
                .block(status.getBlockNumber()).orElseThrow();
        assertFalse(block.toByteString().toStringUtf8().contains("never on the ledger"),
                "transient data stays out of the transaction");
    }

    @Test
    void conflictingUpdatesOneCommitsTheOtherGetsMvccReadConflict() throws Exception {
        assets.submitTransaction("CreateAsset", "asset-e2e-mvcc", "black", "2", "Ann", "50");
        // Both are endorsed before either is ordered, so both read the same version of the asset.
        var first = assets.newProposal("UpdateAsset").addArguments("asset-e2e-mvcc", "pink", "2", "60")
                .build().endorse();
        var second = assets.newProposal("UpdateAsset").addArguments("asset-e2e-mvcc", "teal", "2", "70")
                .build().endorse();

        Status firstStatus = first.submitAsync().getStatus();
        Status secondStatus = second.submitAsync().getStatus();

        assertEquals(TxValidationCode.VALID, firstStatus.getCode());
        assertEquals(TxValidationCode.MVCC_READ_CONFLICT, secondStatus.getCode());
        assertFalse(secondStatus.isSuccessful());
        String read = utf8(assets.evaluateTransaction("ReadAsset", "asset-e2e-mvcc"));
        assertTrue(read.contains("\"color\":\"pink\""), "the invalid update never touches state: " + read);
    }

    /**
     * A client that bypasses the gateway: it asks Org1's endorser alone, assembles and signs the
     * envelope itself and broadcasts it to the orderer, which orders it (orderers do not check
     * endorsements); both peers then commit it as ENDORSEMENT_POLICY_FAILURE and its write is lost.
     */
    @Test
    void handBuiltTransactionEndorsedByOneOrgFailsThePolicyOnEveryPeer() throws Exception {
        SigningIdentity user = network.user(1);
        SignedProposal proposal = Proposals.newSignedProposal(TestNetwork.CHANNEL, TestNetwork.CONTRACT,
                List.of(ByteString.copyFromUtf8("CreateAsset"), ByteString.copyFromUtf8("asset-e2e-byhand"),
                        ByteString.copyFromUtf8("grey"), ByteString.copyFromUtf8("1"), ByteString.copyFromUtf8("Al"),
                        ByteString.copyFromUtf8("10")),
                Map.of(), user, Instant.now());
        ProposalResponse response = EndorserGrpc.newBlockingStub(network.connectionTo(1))
                .withDeadlineAfter(30, TimeUnit.SECONDS).processProposal(proposal);
        assertEquals(200, response.getResponse().getStatus(), response.getResponse().getMessage());
        Envelope envelope = Proposals.sign(PreparedTransactions.assemble(SignedProposalView.parse(proposal),
                List.of(response)), user);
        String txId = EnvelopeView.txIdOf(envelope.toByteString()).orElseThrow();

        BroadcastResponse broadcast = network.broadcast(envelope);
        assertEquals(org.hyperledger.fabric.protos.common.Status.SUCCESS, broadcast.getStatus(), broadcast.getInfo());

        for (int peer = 0; peer < 2; peer++) {
            assertEquals(TxValidationCode.ENDORSEMENT_POLICY_FAILURE, awaitValidationCode(peer, txId));
        }
        GatewayException missing = assertThrows(GatewayException.class,
                () -> assets.evaluateTransaction("ReadAsset", "asset-e2e-byhand"));
        assertTrue(missing.getMessage().contains("does not exist"), missing.getMessage());
        // The official client's commit status agrees with the ledgers.
        byte[] commitRequest = commitRequestBytes(txId);
        byte[] signature = user.sign(commitRequest);
        byte[] signedRequest = org.hyperledger.fabric.protos.gateway.SignedCommitStatusRequest.newBuilder()
                .setRequest(ByteString.copyFrom(commitRequest)).setSignature(ByteString.copyFrom(signature)).build()
                .toByteArray();
        Status status = network.gateway(1).newSignedCommit(signedRequest, signature).getStatus();
        assertEquals(TxValidationCode.ENDORSEMENT_POLICY_FAILURE, status.getCode());
    }

    /**
     * A client that holds Org1 User1's certificate but not its key signs with another key: the
     * endorsers refuse the proposal, and an envelope whose own signature is forged (endorsed
     * honestly, then re-signed) is refused by the orderer through the gateway and directly.
     * Nothing of either reaches a ledger.
     */
    @Test
    void forgedCreatorSignaturesAreRefusedAndNeverCommitted() throws Exception {
        Gateway impostor = network.gateway("Org1MSP", network.userCertificate(1), network.userKey(2));
        Contract viaImpostor = impostor.getNetwork(TestNetwork.CHANNEL).getContract(TestNetwork.CONTRACT);
        EndorseException endorse = assertThrows(EndorseException.class,
                () -> viaImpostor.submitTransaction("CreateAsset", "asset-e2e-forged-1", "red", "1", "Mallory", "1"));
        assertEquals(2, endorse.getDetails().size(), endorse.getDetails().toString());
        for (ErrorDetail detail : endorse.getDetails()) {
            assertTrue(detail.getMessage().contains("signature does not verify"), detail.getMessage());
        }

        org.hyperledger.fabric.client.Transaction endorsed = assets.newProposal("CreateAsset")
                .addArguments("asset-e2e-forged-2", "red", "1", "Mallory", "1").build().endorse();
        byte[] forgedSignature = network.user(2).sign(endorsed.getBytes());
        SubmitException submit = assertThrows(SubmitException.class,
                () -> network.gateway(1).newSignedTransaction(endorsed.getBytes(), forgedSignature).submitAsync());
        assertTrue(submit.getMessage().contains("signature") || submit.getDetails().toString().contains("signature"),
                submit.getMessage() + submit.getDetails());

        // The client signs the envelope only at submit: this one is still unsigned.
        Envelope unsigned = org.hyperledger.fabric.protos.gateway.PreparedTransaction.parseFrom(endorsed.getBytes())
                .getEnvelope();
        Envelope forged = Proposals.sign(unsigned, network.user(2));
        BroadcastResponse broadcast = network.broadcast(forged);
        assertEquals(org.hyperledger.fabric.protos.common.Status.FORBIDDEN, broadcast.getStatus(), broadcast.getInfo());
        assertTrue(broadcast.getInfo().contains("signature"), broadcast.getInfo());

        // The honest envelope, submitted afterwards, is the only one ever committed for its tx id.
        BroadcastResponse honestBroadcast = network.broadcast(Proposals.sign(unsigned, network.user(1)));
        assertEquals(org.hyperledger.fabric.protos.common.Status.SUCCESS, honestBroadcast.getStatus());
        assertEquals(TxValidationCode.VALID, awaitValidationCode(0, endorsed.getTransactionId()));
        for (String asset : List.of("asset-e2e-forged-1")) {
            GatewayException missing = assertThrows(GatewayException.class,
                    () -> assets.evaluateTransaction("ReadAsset", asset));
            assertTrue(missing.getMessage().contains("does not exist"), missing.getMessage());
        }
    }

    private static TxValidationCode awaitValidationCode(int peer, String txId) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            Optional<TxValidationCode> code = network.peer(peer).channels().channel(TestNetwork.CHANNEL).orElseThrow()
                    .ledger().txValidationCode(txId);
            if (code.isPresent()) {
                return code.get();
            }
            Thread.sleep(100);
        }
        throw new AssertionError("tx " + txId + " not committed on peer " + peer + " within 30 s");
    }

    /** A {@code gateway.SignedCommitStatusRequest}'s request bytes for {@code txId}, as User1 of Org1. */
    private static byte[] commitRequestBytes(String txId) throws Exception {
        return org.hyperledger.fabric.protos.gateway.CommitStatusRequest.newBuilder()
                .setChannelId(TestNetwork.CHANNEL).setTransactionId(txId)
                .setIdentity(ByteString.copyFrom(network.user(1).serializedIdentity())).build().toByteArray();
    }

    @Test
    void contractErrorIsEndorseExceptionNamingEachPeer() throws Exception {
        assets.submitTransaction("CreateAsset", "asset-e2e-3", "white", "1", "Ann", "10");

        EndorseException failure = assertThrows(EndorseException.class, () -> assets.newProposal("CreateAsset")
                .addArguments("asset-e2e-3", "white", "1", "Ann", "10").build().endorse());

        assertEquals(io.grpc.Status.Code.ABORTED, failure.getStatus().getCode());
        assertTrue(failure.getMessage().contains("failed to endorse transaction"), failure.getMessage());
        List<ErrorDetail> details = failure.getDetails();
        assertEquals(Set.of("Org1MSP", "Org2MSP"), details.stream().map(ErrorDetail::getMspId)
                .collect(Collectors.toSet()));
        for (ErrorDetail detail : details) {
            assertTrue(detail.getMessage().contains("chaincode response 500"), detail.getMessage());
            assertTrue(detail.getMessage().contains("asset asset-e2e-3 already exists"), detail.getMessage());
            assertTrue(detail.getAddress().startsWith("127.0.0.1:"), detail.getAddress());
        }
    }

    @Test
    void evaluateErrorCarriesTheContractMessage() {
        GatewayException failure = assertThrows(GatewayException.class,
                () -> assets.evaluateTransaction("ReadAsset", "no-such-asset"));
        assertEquals(io.grpc.Status.Code.UNKNOWN, failure.getStatus().getCode());
        assertTrue(failure.getMessage().contains("evaluate call to endorser returned error: chaincode response 500,"
                + " asset no-such-asset does not exist"), failure.getMessage());
        assertEquals("Org1MSP", failure.getDetails().get(0).getMspId());
    }

    @Test
    void evaluateOnATargetOrganisationRunsOnItsPeer() throws Exception {
        assets.submitTransaction("CreateAsset", "asset-e2e-13", "lime", "1", "Uma", "13");

        byte[] viaOrg2 = assets.newProposal("ReadAsset").addArguments("asset-e2e-13")
                .setEndorsingOrganizations("Org2MSP").build().evaluate();
        assertTrue(utf8(viaOrg2).contains("\"color\":\"lime\""), utf8(viaOrg2));

        GatewayException failure = assertThrows(GatewayException.class, () -> assets.newProposal("ReadAsset")
                .addArguments("no-such-asset").setEndorsingOrganizations("Org2MSP").build().evaluate());
        assertEquals(io.grpc.Status.Code.UNKNOWN, failure.getStatus().getCode());
        ErrorDetail detail = failure.getDetails().get(0);
        assertEquals("Org2MSP", detail.getMspId());
        assertEquals("127.0.0.1:" + network.peer(1).port(), detail.getAddress());
        assertTrue(detail.getMessage().contains("asset no-such-asset does not exist"), detail.getMessage());
    }

    @Test
    void endorsingOnlyOrg1FailsThePolicyAtCommit() {
        CommitException commit = assertThrows(CommitException.class, () -> assets.newProposal("CreateAsset")
                .addArguments("asset-e2e-4", "black", "2", "Bo", "20")
                .setEndorsingOrganizations("Org1MSP")
                .build().endorse().submit());

        assertEquals(TxValidationCode.ENDORSEMENT_POLICY_FAILURE, commit.getCode());
        GatewayException missing = assertThrows(GatewayException.class,
                () -> assets.evaluateTransaction("ReadAsset", "asset-e2e-4"));
        assertTrue(missing.getMessage().contains("does not exist"), missing.getMessage());
    }

    @Test
    void chaincodeEventsLiveAndReplayedFromCheckpoint() throws Exception {
        long startBlock;
        List<ChaincodeEvent> live = new ArrayList<>();
        try (CloseableIterator<ChaincodeEvent> events = org1.getChaincodeEvents(TestNetwork.CONTRACT)) {
            assets.submitTransaction("CreateAsset", "asset-e2e-5", "pink", "7", "Eve", "70");
            assets.submitTransaction("CreateAsset", "asset-e2e-6", "grey", "8", "Eve", "80");
            while (live.size() < 2) {
                ChaincodeEvent event = events.next();
                if (event.getPayload().length > 0 && utf8(event.getPayload()).contains("asset-e2e-")
                        && (utf8(event.getPayload()).contains("asset-e2e-5")
                                || utf8(event.getPayload()).contains("asset-e2e-6"))) {
                    live.add(event);
                }
            }
        }
        assertEquals("AssetCreated", live.get(0).getEventName());
        assertTrue(utf8(live.get(0).getPayload()).contains("asset-e2e-5"));
        assertTrue(utf8(live.get(1).getPayload()).contains("asset-e2e-6"));
        startBlock = live.get(0).getBlockNumber();

        InMemoryCheckpointer checkpointer = new InMemoryCheckpointer();
        checkpointer.checkpointChaincodeEvent(live.get(0));
        try (CloseableIterator<ChaincodeEvent> replay = org1.newChaincodeEventsRequest(TestNetwork.CONTRACT)
                .checkpoint(checkpointer).build().getEvents()) {
            ChaincodeEvent next = replay.next();
            assertEquals(live.get(1).getTransactionId(), next.getTransactionId(),
                    "resuming after the checkpointed transaction skips it");
        }
        try (CloseableIterator<ChaincodeEvent> replay = org1.newChaincodeEventsRequest(TestNetwork.CONTRACT)
                .startBlock(startBlock).build().getEvents()) {
            assertEquals(live.get(0).getTransactionId(), replay.next().getTransactionId());
        }
    }

    @Test
    void blockEventsFromGenesisAndFilteredBlocks() throws Exception {
        assets.submitTransaction("CreateAsset", "asset-e2e-7", "gold", "9", "Kim", "90");
        try (CloseableIterator<Block> blocks = org1.newBlockEventsRequest().startBlock(0).build().getEvents()) {
            Block genesis = blocks.next();
            assertEquals(0, genesis.getHeader().getNumber());
            Block first = blocks.next();
            assertEquals(1, first.getHeader().getNumber());
            assertEquals(genesis.getHeader().getNumber() + 1, first.getHeader().getNumber());
        }
        try (CloseableIterator<FilteredBlock> filtered = org1.newFilteredBlockEventsRequest().startBlock(1).build()
                .getEvents()) {
            FilteredBlock block = filtered.next();
            assertEquals(1, block.getNumber());
            assertEquals(TestNetwork.CHANNEL, block.getChannelId());
            assertFalse(block.getFilteredTransactionsList().isEmpty());
            assertFalse(block.getFilteredTransactions(0).getTxid().isEmpty());
        }
    }

    @Test
    void clientOfAnUntrustedCaIsDenied() throws Exception {
        CertificateAuthority rogue = CertificateAuthority.createRoot("ca.org1.example.com", "org1.example.com");
        IssuedCredential user = rogue.issueIdentity("User9@org1.example.com", Role.CLIENT);
        Network asRogue = network.gateway("Org1MSP", user.certificate(), user.privateKey())
                .getNetwork(TestNetwork.CHANNEL);

        GatewayException evaluate = assertThrows(GatewayException.class,
                () -> asRogue.getContract(TestNetwork.CONTRACT).evaluateTransaction("ReadAsset", "asset-e2e-1"));
        assertEquals(io.grpc.Status.Code.PERMISSION_DENIED, evaluate.getStatus().getCode());
        assertTrue(evaluate.getMessage().contains("access denied"), evaluate.getMessage());

        EndorseException endorse = assertThrows(EndorseException.class, () -> asRogue
                .getContract(TestNetwork.CONTRACT).newProposal("CreateAsset")
                .addArguments("asset-rogue", "red", "1", "Mallory", "1").build().endorse());
        assertEquals(io.grpc.Status.Code.ABORTED, endorse.getStatus().getCode());
        assertTrue(endorse.getDetails().get(0).getMessage().contains("access denied"),
                endorse.getDetails().get(0).getMessage());

        RuntimeException blocks = assertThrows(RuntimeException.class, () -> {
            try (CloseableIterator<Block> events = asRogue.newBlockEventsRequest().startBlock(0).build().getEvents()) {
                events.next();
            }
        });
        assertTrue(String.valueOf(blocks.getMessage()).contains("FORBIDDEN")
                || String.valueOf(blocks.getCause()).contains("FORBIDDEN"), String.valueOf(blocks));
    }

    @Test
    void healthIsUpAndMetricsCountCommittedTransactions() throws Exception {
        assets.submitTransaction("CreateAsset", "asset-e2e-8", "cyan", "2", "Lu", "20");
        HttpClient http = HttpClient.newHttpClient();
        int operations = network.peer(0).operationsPort();
        HttpResponse<String> health = http.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + operations + "/actuator/health")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, health.statusCode(), health.body());
        assertTrue(health.body().contains("\"status\":\"UP\""), health.body());
        assertTrue(health.body().contains("connected to orderer0.example.com"), health.body());

        String metrics = http.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + operations + "/actuator/prometheus")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        assertTrue(metrics.contains("ordo_ledger_height{channel=\"mychannel\"}"), metrics);
        assertTrue(metrics.contains("ordo_transactions_total{channel=\"mychannel\",code=\"VALID\"}"), metrics);
        assertTrue(metrics.contains("ordo_endorsement_seconds_count"), metrics);
        assertTrue(metrics.contains("ordo_block_commit_seconds_count{channel=\"mychannel\"}"), metrics);
    }

    @Test
    void peerWhoseDataDirWasDeletedRebuildsFromTheOrderers() throws Exception {
        assets.submitTransaction("CreateAsset", "asset-e2e-9", "olive", "6", "Ida", "60");
        network.stopPeer(1);
        deleteRecursively(network.peer(1).dataDir());
        // Reads on Org1 go on meanwhile.
        assertTrue(utf8(assets.evaluateTransaction("ReadAsset", "asset-e2e-9")).contains("olive"));

        network.startPeer(1);
        network.awaitHeight(network.peer(0).height(), Duration.ofSeconds(60));

        Contract viaOrg2 = network.gateway(2).getNetwork(TestNetwork.CHANNEL).getContract(TestNetwork.CONTRACT);
        assertTrue(utf8(viaOrg2.evaluateTransaction("ReadAsset", "asset-e2e-9")).contains("olive"));
        assertEquals(network.peer(0).channels().channel(TestNetwork.CHANNEL).orElseThrow().ledger().stateHash().hex(),
                network.peer(1).channels().channel(TestNetwork.CHANNEL).orElseThrow().ledger().stateHash().hex());
        // And it endorses again: a transaction needing both organisations commits.
        assets.submitTransaction("CreateAsset", "asset-e2e-10", "navy", "6", "Ida", "60");
    }

    private static void deleteRecursively(Path path) throws java.io.IOException {
        try (java.util.stream.Stream<Path> walk = java.nio.file.Files.walk(path)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                java.nio.file.Files.delete(p);
            }
        }
    }

    @Test
    void deliverAnswersSeeksWithBlocksAndAFinalStatus() throws Exception {
        assets.submitTransaction("CreateAsset", "asset-e2e-11", "plum", "1", "Noa", "11");
        io.grpc.ManagedChannel peer = network.connectionTo(1);
        dev.ordo.membership.identity.SigningIdentity user = network.user(1);
        long height = network.peer(0).height();

        List<DeliverResponse> oldestTwo = DeliverEndToEndChecks.deliver(peer, DeliverEndToEndChecks.seek(
                TestNetwork.CHANNEL, seek(SeekPosition.newBuilder().setOldest(SeekOldest.getDefaultInstance()),
                        specified(1), SeekInfo.SeekBehavior.BLOCK_UNTIL_READY), user, Instant.now()));
        assertEquals(3, oldestTwo.size());
        assertEquals(0, oldestTwo.get(0).getBlock().getHeader().getNumber());
        assertEquals(1, oldestTwo.get(1).getBlock().getHeader().getNumber());
        assertEquals(org.hyperledger.fabric.protos.common.Status.SUCCESS, oldestTwo.get(2).getStatus());

        List<DeliverResponse> pastTheTip = DeliverEndToEndChecks.deliver(peer, DeliverEndToEndChecks.seek(
                TestNetwork.CHANNEL, seek(specified(height + 5), specified(height + 5),
                        SeekInfo.SeekBehavior.FAIL_IF_NOT_READY), user, Instant.now()));
        assertEquals(List.of(org.hyperledger.fabric.protos.common.Status.NOT_FOUND),
                pastTheTip.stream().map(DeliverResponse::getStatus).toList());

        List<DeliverResponse> backwards = DeliverEndToEndChecks.deliver(peer, DeliverEndToEndChecks.seek(
                TestNetwork.CHANNEL, seek(specified(2), specified(1), SeekInfo.SeekBehavior.BLOCK_UNTIL_READY), user,
                Instant.now()));
        assertEquals(org.hyperledger.fabric.protos.common.Status.BAD_REQUEST, backwards.get(0).getStatus());

        List<DeliverResponse> stale = DeliverEndToEndChecks.deliver(peer, DeliverEndToEndChecks.seek(
                TestNetwork.CHANNEL, seek(specified(0), specified(0), SeekInfo.SeekBehavior.BLOCK_UNTIL_READY), user,
                Instant.now().minus(Duration.ofHours(1))));
        assertEquals(org.hyperledger.fabric.protos.common.Status.BAD_REQUEST, stale.get(0).getStatus());

        List<DeliverResponse> unknown = DeliverEndToEndChecks.deliver(peer, DeliverEndToEndChecks.seek(
                "nosuchchannel", seek(specified(0), specified(0), SeekInfo.SeekBehavior.BLOCK_UNTIL_READY), user,
                Instant.now()));
        assertEquals(org.hyperledger.fabric.protos.common.Status.NOT_FOUND, unknown.get(0).getStatus());
    }

    @Test
    void adminJoinOfAJoinedChannelIsIdempotentAndListed() throws Exception {
        HttpClient admin = network.adminClient(1);
        String base = "https://127.0.0.1:" + network.peer(0).adminPort() + "/participation/v1/channels";
        HttpResponse<String> join = admin.send(HttpRequest.newBuilder(URI.create(base))
                .header("Content-Type", "application/octet-stream")
                .POST(HttpRequest.BodyPublishers.ofFile(network.genesisFile())).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(201, join.statusCode(), join.body());
        assertTrue(join.body().contains("\"name\":\"mychannel\""), join.body());

        HttpResponse<String> garbage = admin.send(HttpRequest.newBuilder(URI.create(base))
                .header("Content-Type", "application/octet-stream")
                .POST(HttpRequest.BodyPublishers.ofString("not a block")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(400, garbage.statusCode(), garbage.body());

        HttpResponse<String> list = admin.send(HttpRequest.newBuilder(URI.create(base)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertTrue(list.body().contains("mychannel"), list.body());
    }

    private static SeekPosition.Builder specified(long number) {
        return SeekPosition.newBuilder().setSpecified(SeekSpecified.newBuilder().setNumber(number));
    }

    private static SeekInfo seek(SeekPosition.Builder start, SeekPosition.Builder stop, SeekInfo.SeekBehavior behavior) {
        return SeekInfo.newBuilder().setStart(start).setStop(stop).setBehavior(behavior).build();
    }

    /** Runs last: it relaxes the channel's policy for the contract, which the other tests rely on. */
    @Test
    @Order(Integer.MAX_VALUE)
    void configUpdateChangesTheEndorsementPolicyOnBothPeers() throws Exception {
        ChannelConfig current = network.peer(0).channels().channel(TestNetwork.CHANNEL).orElseThrow().rules().config();
        ChannelConfig next = current.toBuilder()
                .setSequence(current.getSequence() + 1)
                .setContracts(0, current.getContracts(0).toBuilder().setVersion("1.1").setSequence(2)
                        .setEndorsementPolicy(Policy.newBuilder().setSignature("OR('Org1MSP.peer','Org2MSP.peer')")))
                .build();
        ConfigUpdate update = ConfigUpdate.newBuilder().setChannelId(TestNetwork.CHANNEL)
                .setBaseSequence(current.getSequence()).setNewConfig(next).build();
        Envelope envelope = ConfigBlocks.configUpdate(update, List.of(network.admin(1), network.admin(2)),
                network.admin(1));

        BroadcastResponse answer = network.broadcast(envelope);
        assertEquals(org.hyperledger.fabric.protos.common.Status.SUCCESS, answer.getStatus(), answer.getInfo());
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        for (int i = 0; i < 2; i++) {
            var channel = network.peer(i).channels().channel(TestNetwork.CHANNEL).orElseThrow();
            while (channel.rules().config().getSequence() != next.getSequence() && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertEquals(next.getSequence(), channel.rules().config().getSequence());
        }

        Status status = assets.newProposal("CreateAsset").addArguments("asset-e2e-12", "teal", "1", "Oz", "12")
                .setEndorsingOrganizations("Org1MSP").build().endorse().submitAsync().getStatus();
        assertEquals(TxValidationCode.VALID, status.getCode(), "one organisation now satisfies the policy");
    }
}
