package dev.ordo.membership.interop;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import dev.ordo.membership.ca.CertificateAuthority;
import dev.ordo.membership.ca.IssuedCredential;
import dev.ordo.membership.identity.Identity;
import dev.ordo.membership.identity.Role;
import dev.ordo.membership.identity.SigningIdentity;
import dev.ordo.proto.wire.EnvelopeView;
import dev.ordo.proto.wire.PreparedTransactions;
import dev.ordo.proto.wire.ProposalHashes;
import dev.ordo.proto.wire.Sha256;
import dev.ordo.proto.wire.SignedProposalView;
import dev.ordo.proto.wire.TransactionView;
import dev.ordo.proto.wire.TxIds;
import dev.ordo.proto.wire.WireFormatException;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.hyperledger.fabric.client.Contract;
import org.hyperledger.fabric.client.EndorseException;
import org.hyperledger.fabric.client.Gateway;
import org.hyperledger.fabric.client.Proposal;
import org.hyperledger.fabric.client.Status;
import org.hyperledger.fabric.client.SubmittedTransaction;
import org.hyperledger.fabric.client.Transaction;
import org.hyperledger.fabric.client.identity.Signers;
import org.hyperledger.fabric.client.identity.X509Identity;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.Payload;
import org.hyperledger.fabric.protos.gateway.ProposedTransaction;
import org.hyperledger.fabric.protos.peer.ProposalResponse;
import org.hyperledger.fabric.protos.peer.TxValidationCode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Wire agreement between Ordo's proto functions and the official Fabric Gateway Java client
 * (fabric-gateway 1.10.0): the client's proposals, envelopes and commit-status requests parse
 * and verify with Ordo's views and membership's identities, and the client accepts, signs and
 * reads the prepared transaction Ordo assembles.
 */
class GatewayClientInteropTest {
    private static final InteropOrganizations ORGS = new InteropOrganizations();
    private static final String CHANNEL = "mychannel";
    private static final String CHAINCODE = "basic";

    private final List<Server> servers = new ArrayList<>();
    private final List<ManagedChannel> channels = new ArrayList<>();
    private final List<Gateway> gateways = new ArrayList<>();

    @AfterEach
    void stopEverything() throws InterruptedException {
        gateways.forEach(Gateway::close);
        for (ManagedChannel channel : channels) {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
        for (Server server : servers) {
            server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    private Contract connect(WireCheckingGateway service) throws Exception {
        return connect(service, ORGS.client);
    }

    private Contract connect(WireCheckingGateway service, IssuedCredential user) throws Exception {
        String name = "ordo-interop-" + System.nanoTime();
        servers.add(InProcessServerBuilder.forName(name).directExecutor().addService(service).build().start());
        ManagedChannel channel = InProcessChannelBuilder.forName(name).directExecutor().build();
        channels.add(channel);
        Gateway gateway = Gateway.newInstance()
                .identity(new X509Identity(InteropOrganizations.ORG1, user.certificate()))
                .signer(Signers.newPrivateKeySigner(user.privateKey()))
                .connection(channel)
                .connect();
        gateways.add(gateway);
        return gateway.getNetwork(CHANNEL).getContract(CHAINCODE);
    }

    private static WireCheckingGateway agreeingPeers() {
        return new WireCheckingGateway(ORGS.msp, List.of(ORGS.peer1, ORGS.peer2), peer -> null);
    }

    @Test
    void officialClientProposalParsesAndVerifies() throws Exception {
        WireCheckingGateway service = agreeingPeers();
        Contract contract = connect(service);
        Proposal proposal = contract.newProposal("CreateAsset")
                .addArguments("asset1", "blue")
                .putTransient("price", "1000000".getBytes(StandardCharsets.UTF_8))
                .build();
        Transaction transaction = proposal.endorse();

        SignedProposalView view = service.proposals.get(proposal.getTransactionId());
        assertEquals(CHANNEL, view.channelId());
        assertEquals(CHAINCODE, view.chaincodeName());
        assertEquals(InteropOrganizations.ORG1, view.mspId());
        assertEquals(List.of("CreateAsset", "asset1", "blue"),
                view.args().stream().map(ByteString::toStringUtf8).toList());
        assertEquals(TxIds.compute(view.nonce(), view.creator()), view.txId());
        assertEquals(24, view.nonce().length);
        // The client's serialized proposal is a gateway.ProposedTransaction wrapping what we parsed.
        ProposedTransaction proposed = ProposedTransaction.parseFrom(proposal.getBytes());
        assertEquals(proposed.getProposal(), view.signedProposal());
        assertEquals(proposed.getTransactionId(), view.txId());

        Identity creator = ORGS.msp.validate(view.creator());
        assertEquals(Role.CLIENT, creator.role());
        assertTrue(creator.verify(view.signedBytes(), view.signature()));
        byte[] tampered = view.signedBytes();
        tampered[tampered.length - 1] ^= 1;
        assertFalse(creator.verify(tampered, view.signature()));

        // Transient data reached the endorser but is neither hashed nor in the transaction.
        assertEquals(ByteString.copyFromUtf8("1000000"), view.transientMap().get("price"));
        ByteString channelHeader = view.header().channelHeaderBytes();
        ByteString signatureHeader = view.header().signatureHeaderBytes();
        assertEquals(ProposalHashes.compute(channelHeader, signatureHeader, view.payloadWithoutTransient()),
                view.proposalHash());
        assertNotEquals(ProposalHashes.compute(channelHeader, signatureHeader, view.proposal().getPayload()),
                view.proposalHash());
        Envelope prepared = service.prepared.get(proposal.getTransactionId());
        assertFalse(prepared.toByteString().toStringUtf8().contains("1000000"));
        assertEquals(proposal.getTransactionId(), transaction.getTransactionId());
        assertEquals(WireCheckingGateway.RESULT_PREFIX + "CreateAsset",
                new String(transaction.getResult(), StandardCharsets.UTF_8));
    }

    @Test
    void clientSignsOrdosPreparedTransactionAndSubmits() throws Exception {
        WireCheckingGateway service = agreeingPeers();
        Contract contract = connect(service);
        Transaction transaction = contract.newProposal("TransferAsset")
                .addArguments("asset1", "Christopher")
                .putTransient("secret", "s3cr3t".getBytes(StandardCharsets.UTF_8))
                .build()
                .endorse();
        String txId = transaction.getTransactionId();
        Envelope prepared = service.prepared.get(txId);
        assertArrayEquals(Sha256.digest(prepared.getPayload().toByteArray()), transaction.getDigest(),
                "the client signs SHA-256 of the payload Ordo assembled");

        byte[] result = transaction.submit();

        assertEquals(WireCheckingGateway.RESULT_PREFIX + "TransferAsset", new String(result, StandardCharsets.UTF_8));
        EnvelopeView submitted = service.submitted.get(txId);
        assertEquals(prepared.getPayload(), submitted.envelope().getPayload(), "the client signs our bytes unchanged");
        Identity client = ORGS.msp.validate(submitted.creator());
        assertTrue(client.verify(submitted.signedBytes(), submitted.signature()));
        TransactionView tx = submitted.transaction();
        assertTrue(tx.chaincodeNameMatchesAction());
        assertEquals(2, tx.endorsements().size());
        assertEquals("Christopher", tx.readWriteSet().namespace(CHAINCODE).orElseThrow().rwSet().getWrites(0)
                .getValue().toStringUtf8());
        assertEquals(service.proposals.get(txId).proposalHash(), tx.proposalResponsePayload().getProposalHash());
        assertFalse(Payload.parseFrom(submitted.envelope().getPayload()).toByteString().toStringUtf8().contains("s3cr3t"));
        for (var endorsement : tx.endorsementSignedContents()) {
            assertTrue(ORGS.msp.validate(endorsement.identityBytes()).verify(endorsement.dataBytes(),
                    endorsement.signatureBytes()));
        }
    }

    @Test
    void submitAsyncThenCommitStatusIsValid() throws Exception {
        WireCheckingGateway service = agreeingPeers();
        Contract contract = connect(service);
        SubmittedTransaction submitted = contract.newProposal("UpdateAsset").addArguments("asset2", "red").build()
                .endorse().submitAsync();

        assertEquals(WireCheckingGateway.RESULT_PREFIX + "UpdateAsset",
                new String(submitted.getResult(), StandardCharsets.UTF_8));
        Status status = submitted.getStatus();
        assertTrue(status.isSuccessful());
        assertEquals(TxValidationCode.VALID, status.getCode());
        assertEquals(1, status.getBlockNumber());
        assertEquals(submitted.getTransactionId(), status.getTransactionId());
    }

    @Test
    void endorsersThatDisagreeFailTheEndorsement() throws Exception {
        SigningIdentity dissenter = ORGS.peer2;
        WireCheckingGateway service = new WireCheckingGateway(ORGS.msp, List.of(ORGS.peer1, ORGS.peer2),
                peer -> peer == dissenter ? "something else" : null);
        Contract contract = connect(service);

        EndorseException failure = assertThrows(EndorseException.class,
                () -> contract.newProposal("CreateAsset").addArguments("asset3", "green").build().endorse());
        assertEquals(io.grpc.Status.Code.ABORTED, failure.getStatus().getCode());
        assertTrue(failure.getMessage().contains("ProposalResponsePayloads do not match"), failure.getMessage());
    }

    @Test
    void clientFromAnUntrustedCaIsRefusedAtEndorsement() throws Exception {
        CertificateAuthority rogue = CertificateAuthority.createRoot("ca.org1.example.com", "org1.example.com");
        WireCheckingGateway service = agreeingPeers();
        Contract contract = connect(service, rogue.issueIdentity("User1@org1.example.com", Role.CLIENT));

        EndorseException failure = assertThrows(EndorseException.class,
                () -> contract.newProposal("CreateAsset").addArguments("asset5", "grey").build().endorse());
        assertEquals(io.grpc.Status.Code.PERMISSION_DENIED, failure.getStatus().getCode());
        assertTrue(service.proposals.isEmpty());
    }

    @Test
    void assemblingMismatchedPayloadsFromRealEndorsersFails() throws Exception {
        WireCheckingGateway service = agreeingPeers();
        Contract contract = connect(service);
        Proposal proposal = contract.newProposal("CreateAsset").addArguments("asset4", "white").build();
        proposal.endorse();
        SignedProposalView view = service.proposals.get(proposal.getTransactionId());

        ProposalResponse agreeing = service.endorsementFor(view, ORGS.peer1);
        ProposalResponse differing = new WireCheckingGateway(ORGS.msp, List.of(ORGS.peer2), peer -> "black")
                .endorsementFor(view, ORGS.peer2);
        assertTrue(ORGS.peer2.identity().verify(differing.getPayload().concat(differing.getEndorsement().getEndorser())
                .toByteArray(), differing.getEndorsement().getSignature().toByteArray()));
        WireFormatException mismatch = assertThrows(WireFormatException.class,
                () -> PreparedTransactions.assemble(view, List.of(agreeing, differing)));
        assertEquals(PreparedTransactions.PAYLOADS_DO_NOT_MATCH, mismatch.getMessage());
    }
}
