package dev.ordo.membership.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import dev.ordo.membership.identity.Identity;
import dev.ordo.membership.identity.Role;
import dev.ordo.proto.v1.ChannelConfig;
import dev.ordo.proto.wire.BlockSignatures;
import dev.ordo.proto.wire.Blocks;
import dev.ordo.proto.wire.ConfigBlocks;
import dev.ordo.proto.wire.DeliverRequestView;
import dev.ordo.proto.wire.SignedContent;
import dev.ordo.proto.wire.TransactionsFilter;
import dev.ordo.proto.wire.WireFormatException;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.Status;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.stub.StreamObserver;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.hyperledger.fabric.client.CloseableIterator;
import org.hyperledger.fabric.client.Gateway;
import org.hyperledger.fabric.client.identity.Signers;
import org.hyperledger.fabric.client.identity.X509Identity;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.peer.DeliverGrpc;
import org.hyperledger.fabric.protos.peer.DeliverResponse;
import org.hyperledger.fabric.protos.peer.TxValidationCode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The official client's block-events request parses and verifies as a {@link DeliverRequestView},
 * and the blocks Ordo builds (a genesis config block, an orderer-signed block chained to it)
 * reach the client intact and check out with membership's identities.
 */
class DeliverClientInteropTest {
    private static final InteropOrganizations ORGS = new InteropOrganizations();

    private Server server;
    private ManagedChannel channel;
    private Gateway gateway;

    @AfterEach
    void stop() throws InterruptedException {
        if (gateway != null) {
            gateway.close();
        }
        if (channel != null) {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
        if (server != null) {
            server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    /** Serves the given blocks to any request that parses and whose signature verifies. */
    private static final class BlockServer extends DeliverGrpc.DeliverImplBase {
        private final List<Block> blocks;
        final CompletableFuture<DeliverRequestView> request = new CompletableFuture<>();

        BlockServer(List<Block> blocks) {
            this.blocks = blocks;
        }

        @Override
        public StreamObserver<Envelope> deliver(StreamObserver<DeliverResponse> responses) {
            return new StreamObserver<>() {
                @Override
                public void onNext(Envelope envelope) {
                    try {
                        DeliverRequestView view = DeliverRequestView.parse(envelope);
                        SignedContent signed = view.signedContent();
                        Identity creator = ORGS.msp.validate(signed.identityBytes());
                        if (!creator.verify(signed.dataBytes(), signed.signatureBytes())) {
                            responses.onError(Status.PERMISSION_DENIED.withDescription("bad signature").asRuntimeException());
                            return;
                        }
                        request.complete(view);
                        for (Block block : blocks) {
                            responses.onNext(DeliverResponse.newBuilder().setBlock(block).build());
                        }
                    } catch (WireFormatException | RuntimeException
                            | dev.ordo.membership.msp.IdentityValidationException e) {
                        request.completeExceptionally(e);
                        responses.onError(Status.INVALID_ARGUMENT.withDescription(e.getMessage()).asRuntimeException());
                    }
                }

                @Override
                public void onError(Throwable t) {
                    request.completeExceptionally(t);
                }

                @Override
                public void onCompleted() {
                    responses.onCompleted();
                }
            };
        }
    }

    @Test
    void clientSeekRequestVerifiesAndOrdoBlocksArriveIntact() throws Exception {
        ChannelConfig config = ChannelConfig.newBuilder().setChannelId("mychannel").addAllOrganizations(ORGS.organizations)
                .build();
        Block genesis = ConfigBlocks.genesis(config);
        Block next = Blocks.newBlock(1, Blocks.headerHash(genesis.getHeader()), List.of(ByteString.copyFromUtf8("tx")));
        next = TransactionsFilter.of(1, TxValidationCode.VALID).writeTo(BlockSignatures.sign(next, ORGS.orderer, 0,
                ByteString.EMPTY));
        BlockServer service = new BlockServer(List.of(genesis, next));

        String name = "ordo-deliver-" + System.nanoTime();
        server = InProcessServerBuilder.forName(name).addService(service).build().start();
        channel = InProcessChannelBuilder.forName(name).build();
        gateway = Gateway.newInstance()
                .identity(new X509Identity(InteropOrganizations.ORG1, ORGS.client.certificate()))
                .signer(Signers.newPrivateKeySigner(ORGS.client.privateKey()))
                .connection(channel)
                .connect();

        try (CloseableIterator<Block> events = gateway.getNetwork("mychannel").newBlockEventsRequest().startBlock(0)
                .build().getEvents()) {
            Block first = events.next();
            Block second = events.next();

            DeliverRequestView request = service.request.get(10, TimeUnit.SECONDS);
            assertEquals("mychannel", request.channelId());
            assertEquals(0, request.seekInfo().getStart().getSpecified().getNumber());
            assertEquals(InteropOrganizations.ORG1, request.envelope().mspId());

            assertEquals(genesis, first);
            assertEquals(config, ConfigBlocks.configOf(first));
            assertEquals(Blocks.headerHash(first.getHeader()), second.getHeader().getPreviousHash());
            assertTrue(TransactionsFilter.of(second).isValid(0));
            assertEquals(0, Blocks.lastConfigIndex(second));
            SignedContent signature = BlockSignatures.signedContents(second).get(0);
            Identity orderer = ORGS.msp.validate(signature.identityBytes());
            assertEquals(Role.ORDERER, orderer.role());
            assertTrue(orderer.verify(signature.dataBytes(), signature.signatureBytes()));
        }
    }
}
