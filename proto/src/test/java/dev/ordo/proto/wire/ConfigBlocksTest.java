package dev.ordo.proto.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import dev.ordo.proto.v1.BatchSize;
import dev.ordo.proto.v1.ChannelConfig;
import dev.ordo.proto.v1.ConfigEnvelope;
import dev.ordo.proto.v1.ConfigUpdate;
import dev.ordo.proto.v1.ConfigUpdateEnvelope;
import dev.ordo.proto.v1.OrderingConfig;
import dev.ordo.proto.v1.Organization;
import dev.ordo.proto.v1.Policy;
import java.time.Instant;
import java.util.List;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.BlockData;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.HeaderType;
import org.hyperledger.fabric.protos.common.Payload;
import org.junit.jupiter.api.Test;

class ConfigBlocksTest {
    private static final TestSigner ADMIN1 = TestSigner.create("Org1MSP");
    private static final TestSigner ADMIN2 = TestSigner.create("Org2MSP");
    private static final TestSigner ORDERER = TestSigner.create("OrdererMSP");

    private static ChannelConfig config(String channel, long sequence, int maxMessages) {
        return ChannelConfig.newBuilder()
                .setChannelId(channel)
                .setSequence(sequence)
                .addOrganizations(Organization.newBuilder().setMspId("Org1MSP"))
                .addOrganizations(Organization.newBuilder().setMspId("Org2MSP"))
                .putPolicies("Admins", Policy.newBuilder().setSignature("AND('Org1MSP.admin','Org2MSP.admin')").build())
                .setOrdering(OrderingConfig.newBuilder()
                        .setBatchSize(BatchSize.newBuilder().setMaxMessageCount(maxMessages))
                        .setBatchTimeoutMillis(250))
                .build();
    }

    private static ConfigUpdate update(String channel, long base, ChannelConfig newConfig) {
        return ConfigUpdate.newBuilder().setChannelId(channel).setBaseSequence(base).setNewConfig(newConfig).build();
    }

    @Test
    void genesisBlockCarriesTheConfigAndIsDeterministic() throws Exception {
        ChannelConfig config = config("mychannel", 0, 10);
        Block genesis = ConfigBlocks.genesis(config);

        assertEquals(genesis, ConfigBlocks.genesis(config));
        assertEquals(0, genesis.getHeader().getNumber());
        assertTrue(genesis.getHeader().getPreviousHash().isEmpty());
        assertEquals(5, genesis.getMetadata().getMetadataCount());
        assertEquals(0, Blocks.lastConfigIndex(genesis));
        assertTrue(ConfigBlocks.isConfigBlock(genesis));
        assertEquals(config, ConfigBlocks.configOf(Block.parseFrom(genesis.toByteArray())));

        EnvelopeView envelope = EnvelopeView.parse(genesis.getData().getData(0));
        assertEquals(HeaderType.CONFIG, envelope.headerType());
        assertEquals("mychannel", envelope.channelId());
        assertTrue(envelope.header().txIdMatchesNonceAndCreator());
        assertTrue(TxIds.isWellFormed(envelope.txId()));
        assertNull(envelope.mspId());

        Block stamped = ConfigBlocks.genesis(config, Instant.parse("2026-01-02T03:04:05Z"));
        assertEquals(1_767_323_045L, EnvelopeView.parse(stamped.getData().getData(0)).timestamp().getSeconds());
    }

    @Test
    void genesisRejectsABadConfiguration() {
        assertEquals("ChannelConfig.sequence: a genesis configuration has sequence 0, was 3",
                assertThrows(WireFormatException.class, () -> ConfigBlocks.genesis(config("mychannel", 3, 10)))
                        .getMessage());
        assertTrue(assertThrows(WireFormatException.class, () -> ConfigBlocks.genesis(config("My_Channel", 0, 10)))
                .getMessage().startsWith("ChannelConfig.channel_id: 'My_Channel' is not a valid channel name"));
    }

    @Test
    void configOfRejectsBlocksThatAreNotValidConfigBlocks() throws Exception {
        Block genesis = ConfigBlocks.genesis(config("mychannel", 0, 10));

        Block tampered = genesis.toBuilder().setData(BlockData.newBuilder()
                .addData(ConfigBlocks.configEnvelope(config("mychannel", 0, 99), ByteString.EMPTY, null).toByteString()))
                .build();
        assertEquals("Block 0: header.data_hash does not match the block data",
                assertThrows(WireFormatException.class, () -> ConfigBlocks.configOf(tampered)).getMessage());

        Block two = Blocks.newBlock(0, ByteString.EMPTY, List.of(genesis.getData().getData(0), genesis.getData().getData(0)));
        assertEquals("Block 0: a config block holds exactly one envelope, found 2",
                assertThrows(WireFormatException.class, () -> ConfigBlocks.configOf(two)).getMessage());
        assertFalse(ConfigBlocks.isConfigBlock(two));

        Envelope otherChannel = ConfigBlocks.configEnvelope(config("other", 0, 10), ByteString.EMPTY, null);
        Envelope mislabelled = relabel(otherChannel, "mychannel");
        assertEquals("Block 0: ChannelConfig.channel_id 'other' differs from the header's channel 'mychannel'",
                assertThrows(WireFormatException.class, () -> ConfigBlocks.configOf(
                        Blocks.newBlock(0, ByteString.EMPTY, List.of(mislabelled.toByteString())))).getMessage());

        Envelope laterConfig = ConfigBlocks.configEnvelope(config("mychannel", 0, 10), ByteString.EMPTY, ORDERER);
        assertEquals("Block 4: ChannelConfig.sequence: must be > 0 after the genesis block, was 0",
                assertThrows(WireFormatException.class, () -> ConfigBlocks.configOf(
                        Blocks.newBlock(4, ByteString.EMPTY, List.of(laterConfig.toByteString())))).getMessage());
        Envelope noLastUpdate = ConfigBlocks.configEnvelope(config("mychannel", 1, 10), ByteString.EMPTY, ORDERER);
        assertTrue(assertThrows(WireFormatException.class, () -> ConfigBlocks.configOf(
                Blocks.newBlock(4, ByteString.EMPTY, List.of(noLastUpdate.toByteString())))).getMessage()
                .startsWith("Block 4: ConfigEnvelope.last_update: missing"));

        Block normal = Blocks.newBlock(1, Blocks.headerHash(genesis.getHeader()), List.of(ByteString.copyFromUtf8("junk")));
        assertTrue(assertThrows(WireFormatException.class, () -> ConfigBlocks.configOf(normal)).getMessage()
                .startsWith("Envelope: not a valid Envelope"));
    }

    /** Rewrites the header's channel id, keeping the data (to build an inconsistent envelope). */
    private static Envelope relabel(Envelope envelope, String channel) throws Exception {
        Payload payload = Payload.parseFrom(envelope.getPayload());
        var channelHeader = org.hyperledger.fabric.protos.common.ChannelHeader.parseFrom(
                payload.getHeader().getChannelHeader()).toBuilder().setChannelId(channel).build();
        Payload relabelled = payload.toBuilder().setHeader(payload.getHeader().toBuilder()
                .setChannelHeader(channelHeader.toByteString())).build();
        return envelope.toBuilder().setPayload(relabelled.toByteString()).build();
    }

    @Test
    void configUpdateCarriesVerifiableAdminSignaturesAndLeadsToTheNextConfigBlock() throws Exception {
        ChannelConfig next = config("mychannel", 1, 500);
        Envelope request = ConfigBlocks.configUpdate(update("mychannel", 0, next), List.of(ADMIN1, ADMIN2), ADMIN1);

        ConfigUpdateView view = ConfigBlocks.parseConfigUpdate(Envelope.parseFrom(request.toByteArray()));
        assertEquals("mychannel", view.channelId());
        assertEquals(next, view.configUpdate().getNewConfig());
        assertEquals(2, view.signatures().size());
        assertTrue(ADMIN1.verifies(view.signatures().get(0)));
        assertTrue(ADMIN2.verifies(view.signatures().get(1)));
        assertTrue(view.signatures().get(0).data().endsWith(view.configUpdateBytes()));
        assertTrue(ADMIN1.verifies(view.envelope().signedContent()));
        assertEquals("Org1MSP", view.envelope().mspId());

        // The orderer turns the accepted update into the next config block.
        Envelope config = ConfigBlocks.configEnvelope(next, request.toByteString(), ORDERER);
        EnvelopeView configView = EnvelopeView.parse(config);
        assertTrue(ORDERER.verifies(configView.signedContent()));
        Block block = Blocks.newBlock(3, ByteString.copyFrom(new byte[32]), List.of(config.toByteString()));
        ConfigEnvelope read = ConfigBlocks.configEnvelopeOf(block);
        assertEquals(next, read.getConfig());
        assertEquals(request.toByteString(), read.getLastUpdate());
    }

    @Test
    void parseConfigUpdateRejectsInconsistentRequests() throws Exception {
        Envelope wrongSequence = ConfigBlocks.configUpdate(update("mychannel", 0, config("mychannel", 2, 5)),
                List.of(ADMIN1), ADMIN1);
        assertEquals("ConfigUpdate.new_config.sequence: must be base_sequence + 1 = 1, was 2",
                assertThrows(WireFormatException.class, () -> ConfigUpdateView.parse(wrongSequence)).getMessage());

        Envelope mislabelled = relabel(ConfigBlocks.configUpdate(update("other", 0, config("other", 1, 5)),
                List.of(ADMIN1), ADMIN1), "mychannel");
        Envelope resigned = mislabelled.toBuilder()
                .setSignature(ByteString.copyFrom(ADMIN1.sign(mislabelled.getPayload().toByteArray()))).build();
        assertEquals("ConfigUpdate.channel_id: 'other' differs from the envelope's channel 'mychannel'",
                assertThrows(WireFormatException.class, () -> ConfigUpdateView.parse(resigned)).getMessage());

        Envelope genesisEnvelope = ConfigBlocks.configEnvelope(config("mychannel", 0, 10), ByteString.EMPTY, ADMIN1);
        assertEquals("ChannelHeader.type: expected CONFIG_UPDATE, was CONFIG",
                assertThrows(WireFormatException.class, () -> ConfigUpdateView.parse(genesisEnvelope)).getMessage());

        Envelope good = ConfigBlocks.configUpdate(update("mychannel", 0, config("mychannel", 1, 5)), List.of(ADMIN1),
                ADMIN2);
        Payload payload = Payload.parseFrom(good.getPayload());
        ConfigUpdateEnvelope data = ConfigUpdateEnvelope.parseFrom(payload.getData());
        ConfigUpdateEnvelope unsigned = data.toBuilder().setSignatures(0, data.getSignatures(0).toBuilder()
                .clearSignature()).build();
        ByteString unsignedPayload = payload.toBuilder().setData(unsigned.toByteString()).build().toByteString();
        Envelope withUnsignedAdmin = Envelope.newBuilder().setPayload(unsignedPayload)
                .setSignature(ByteString.copyFrom(ADMIN2.sign(unsignedPayload.toByteArray()))).build();
        assertEquals("ConfigUpdateEnvelope.signatures[0].signature: missing",
                assertThrows(WireFormatException.class, () -> ConfigUpdateView.parse(withUnsignedAdmin)).getMessage());
        assertEquals("Envelope.signature: missing", assertThrows(WireFormatException.class,
                () -> ConfigUpdateView.parse(good.toBuilder().clearSignature().build())).getMessage());
        assertThrows(IllegalArgumentException.class, () -> ConfigBlocks.configUpdate(
                update("mychannel", 0, config("other", 1, 5)), List.of(ADMIN1), ADMIN1));
    }
}
