package dev.ordo.proto.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.peer.ChaincodeEvent;
import org.hyperledger.fabric.protos.peer.ProposalResponse;
import org.hyperledger.fabric.protos.peer.Response;
import org.hyperledger.fabric.protos.peer.SignedProposal;
import org.junit.jupiter.api.Test;

class ProposalsAndResponsesTest {
    private final TestSigner client = TestSigner.create("Org1MSP");
    private final TestSigner peer1 = TestSigner.create("Org1MSP");
    private final TestSigner peer2 = TestSigner.create("Org2MSP");

    private SignedProposalView proposal(Map<String, ByteString> transientMap) throws WireFormatException {
        SignedProposal signed = Proposals.newSignedProposal("mychannel", "basic",
                List.of(ByteString.copyFromUtf8("CreateAsset"), ByteString.copyFromUtf8("asset1")),
                transientMap, client, Instant.now());
        return SignedProposalView.parse(signed);
    }

    @Test
    void builtProposalParsesWithDerivedTxIdAndVerifiableSignature() throws Exception {
        SignedProposalView view = proposal(Map.of("secret", ByteString.copyFromUtf8("s3cr3t")));

        assertEquals("mychannel", view.channelId());
        assertEquals("basic", view.chaincodeName());
        assertEquals("CreateAsset", view.transactionName());
        assertEquals(TxIds.compute(view.nonce(), view.creator()), view.txId());
        assertTrue(client.verifies(view.signedContent()));
        assertEquals(ByteString.copyFromUtf8("s3cr3t"), view.transientMap().get("secret"));
    }

    @Test
    void endorsedResponsesAssembleIntoAnEnvelopeWhoseEveryEndorsementVerifies() throws Exception {
        SignedProposalView view = proposal(Map.of());
        Response ok = Response.newBuilder().setStatus(200).setPayload(ByteString.copyFromUtf8("done")).build();
        ChaincodeEvent event = ChaincodeEvent.newBuilder().setChaincodeId("basic").setTxId(view.txId())
                .setEventName("Created").build();
        var results = ProposalFixtures.writes("basic", "asset1", "v1");
        List<ProposalResponse> responses = List.of(
                ProposalResponses.endorse(view, "1.0", ok, results, event, peer1),
                ProposalResponses.endorse(view, "1.0", ok, results, event, peer2));

        Envelope signed = Proposals.sign(PreparedTransactions.assemble(view, responses), client);
        EnvelopeView envelope = EnvelopeView.parse(signed);

        assertEquals(view.txId(), envelope.txId());
        assertTrue(client.verifies(envelope.signedContent()));
        List<SignedContent> endorsements = envelope.transaction().endorsementSignedContents();
        assertEquals(2, endorsements.size());
        assertTrue(peer1.verifies(endorsements.get(0)) || peer1.verifies(endorsements.get(1)));
        assertTrue(peer2.verifies(endorsements.get(0)) || peer2.verifies(endorsements.get(1)));
        assertEquals("done", envelope.transaction().chaincodeAction().getResponse().getPayload().toStringUtf8());
    }

    @Test
    void tamperedEnvelopePayloadNoLongerVerifies() throws Exception {
        SignedProposalView view = proposal(Map.of());
        Response ok = Response.newBuilder().setStatus(200).build();
        Envelope signed = Proposals.sign(PreparedTransactions.assemble(view, List.of(
                ProposalResponses.endorse(view, "1.0", ok, ProposalFixtures.writes("basic", "k", "v"), null, peer1))),
                client);
        byte[] payload = signed.getPayload().toByteArray();
        payload[payload.length - 1] ^= 1;
        SignedContent tampered = new SignedContent(ByteString.copyFrom(payload),
                ByteString.copyFrom(client.serializedIdentity()), signed.getSignature());

        assertFalse(client.verifies(tampered));
    }

    @Test
    void errorResponsesAreNeverEndorsed() throws Exception {
        SignedProposalView view = proposal(Map.of());
        Response error = Response.newBuilder().setStatus(500).setMessage("asset exists").build();

        assertThrows(IllegalArgumentException.class, () -> ProposalResponses.endorse(view, "1.0", error,
                ProposalFixtures.writes("basic", "k", "v"), null, peer1));
        ProposalResponse failure = ProposalResponses.failure(500, "asset exists");
        assertFalse(failure.hasEndorsement());
        assertEquals("asset exists", failure.getResponse().getMessage());
    }
}
