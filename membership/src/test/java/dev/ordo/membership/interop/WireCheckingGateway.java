package dev.ordo.membership.interop;

import com.google.protobuf.ByteString;
import dev.ordo.membership.identity.Identity;
import dev.ordo.membership.identity.SigningIdentity;
import dev.ordo.membership.msp.ChannelMsp;
import dev.ordo.membership.msp.IdentityValidationException;
import dev.ordo.proto.wire.EnvelopeView;
import dev.ordo.proto.wire.PreparedTransactions;
import dev.ordo.proto.wire.ProposalResponses;
import dev.ordo.proto.wire.SignedContent;
import dev.ordo.proto.wire.SignedGatewayRequests;
import dev.ordo.proto.wire.SignedProposalView;
import dev.ordo.proto.wire.WireFormatException;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.gateway.CommitStatusRequest;
import org.hyperledger.fabric.protos.gateway.CommitStatusResponse;
import org.hyperledger.fabric.protos.gateway.EndorseRequest;
import org.hyperledger.fabric.protos.gateway.EndorseResponse;
import org.hyperledger.fabric.protos.gateway.GatewayGrpc;
import org.hyperledger.fabric.protos.gateway.SignedCommitStatusRequest;
import org.hyperledger.fabric.protos.gateway.SubmitRequest;
import org.hyperledger.fabric.protos.gateway.SubmitResponse;
import org.hyperledger.fabric.protos.ledger.rwset.NsReadWriteSet;
import org.hyperledger.fabric.protos.ledger.rwset.TxReadWriteSet;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVRWSet;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVWrite;
import org.hyperledger.fabric.protos.peer.ProposalResponse;
import org.hyperledger.fabric.protos.peer.Response;
import org.hyperledger.fabric.protos.peer.TxValidationCode;

/**
 * A Fabric {@code gateway.Gateway} built only from Ordo's wire functions and membership's
 * identities, to prove that the official client and Ordo agree on every byte: Endorse parses
 * and checks the client's proposal, has each peer sign a real endorsement over what a contract
 * "writes" ({@code args[1] = args[2]}) and assembles the prepared transaction; Submit checks the
 * client's envelope signature and every endorsement; CommitStatus checks the signed request and
 * answers VALID for submitted transactions.
 */
final class WireCheckingGateway extends GatewayGrpc.GatewayImplBase {
    static final String RESULT_PREFIX = "endorsed:";

    private final ChannelMsp msp;
    private final List<SigningIdentity> peers;
    /** Lets a test make one peer's result differ (endorsers that disagree). */
    private final Function<SigningIdentity, String> valueOverride;

    final Map<String, SignedProposalView> proposals = new ConcurrentHashMap<>();
    final Map<String, Envelope> prepared = new ConcurrentHashMap<>();
    final Map<String, EnvelopeView> submitted = new ConcurrentHashMap<>();

    WireCheckingGateway(ChannelMsp msp, List<SigningIdentity> peers, Function<SigningIdentity, String> valueOverride) {
        this.msp = msp;
        this.peers = List.copyOf(peers);
        this.valueOverride = valueOverride;
    }

    @Override
    public void endorse(EndorseRequest request, StreamObserver<EndorseResponse> observer) {
        try {
            SignedProposalView proposal = SignedProposalView.parse(request.getProposedTransaction());
            require(proposal.txId().equals(request.getTransactionId()), "EndorseRequest.transaction_id differs from the proposal's");
            require(proposal.channelId().equals(request.getChannelId()), "EndorseRequest.channel_id differs from the proposal's");
            verify(proposal.signedContent(), "proposal");
            proposals.put(proposal.txId(), proposal);

            List<ProposalResponse> responses = new ArrayList<>();
            for (SigningIdentity peer : peers) {
                responses.add(endorsementFor(proposal, peer));
            }
            Envelope transaction;
            try {
                transaction = PreparedTransactions.assemble(proposal, responses);
            } catch (WireFormatException e) {
                throw Status.ABORTED.withDescription("failed to assemble transaction: " + e.getMessage()).asRuntimeException();
            }
            prepared.put(proposal.txId(), transaction);
            observer.onNext(EndorseResponse.newBuilder().setPreparedTransaction(transaction).build());
            observer.onCompleted();
        } catch (RuntimeException e) {
            observer.onError(e);
        } catch (WireFormatException e) {
            observer.onError(Status.INVALID_ARGUMENT.withDescription(e.getMessage()).asRuntimeException());
        }
    }

    /** {@code peer}'s endorsed response to {@code proposal} (signature over prp ‖ endorser, as Fabric's endorser). */
    ProposalResponse endorsementFor(SignedProposalView proposal, SigningIdentity peer) {
        List<ByteString> args = proposal.args();
        String value = valueOverride.apply(peer);
        KVRWSet writes = KVRWSet.newBuilder()
                .addWrites(KVWrite.newBuilder().setKey(args.get(1).toStringUtf8())
                        .setValue(value == null ? args.get(2) : ByteString.copyFromUtf8(value)))
                .build();
        TxReadWriteSet results = TxReadWriteSet.newBuilder()
                .setDataModel(TxReadWriteSet.DataModel.KV)
                .addNsRwset(NsReadWriteSet.newBuilder().setNamespace(proposal.chaincodeName()).setRwset(writes.toByteString()))
                .build();
        Response response = Response.newBuilder().setStatus(200)
                .setPayload(ByteString.copyFromUtf8(RESULT_PREFIX + proposal.transactionName())).build();
        return ProposalResponses.endorse(proposal, "1.0", response, results, null, peer);
    }

    @Override
    public void submit(SubmitRequest request, StreamObserver<SubmitResponse> observer) {
        try {
            EnvelopeView envelope = EnvelopeView.parse(request.getPreparedTransaction());
            require(envelope.txId().equals(request.getTransactionId()), "SubmitRequest.transaction_id differs from the envelope's");
            verify(envelope.signedContent(), "transaction envelope");
            for (SignedContent endorsement : envelope.transaction().endorsementSignedContents()) {
                verify(endorsement, "endorsement");
            }
            submitted.put(envelope.txId(), envelope);
            observer.onNext(SubmitResponse.getDefaultInstance());
            observer.onCompleted();
        } catch (RuntimeException e) {
            observer.onError(e);
        } catch (WireFormatException e) {
            observer.onError(Status.INVALID_ARGUMENT.withDescription(e.getMessage()).asRuntimeException());
        }
    }

    @Override
    public void commitStatus(SignedCommitStatusRequest request, StreamObserver<CommitStatusResponse> observer) {
        try {
            SignedGatewayRequests.Signed<CommitStatusRequest> status = SignedGatewayRequests.commitStatus(request);
            verify(status.signedContent(), "commit status request");
            String txId = status.request().getTransactionId();
            if (!submitted.containsKey(txId)) {
                throw Status.NOT_FOUND.withDescription("transaction " + txId + " was not submitted").asRuntimeException();
            }
            observer.onNext(CommitStatusResponse.newBuilder().setResult(TxValidationCode.VALID).setBlockNumber(1).build());
            observer.onCompleted();
        } catch (WireFormatException e) {
            observer.onError(Status.INVALID_ARGUMENT.withDescription(e.getMessage()).asRuntimeException());
        } catch (RuntimeException e) {
            observer.onError(e);
        }
    }

    /** Validates the claimed identity against the channel MSP and verifies its signature. */
    private Identity verify(SignedContent content, String what) {
        Identity identity;
        try {
            identity = msp.validate(content.identityBytes());
        } catch (IdentityValidationException e) {
            throw Status.PERMISSION_DENIED.withDescription(what + " signer: " + e.getMessage()).asRuntimeException();
        }
        if (!identity.verify(content.dataBytes(), content.signatureBytes())) {
            throw Status.PERMISSION_DENIED.withDescription(what + ": signature does not verify").asRuntimeException();
        }
        return identity;
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw Status.INVALID_ARGUMENT.withDescription(message).asRuntimeException();
        }
    }
}
