package dev.ordo.proto.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.BlockData;
import org.hyperledger.fabric.protos.common.BlockHeader;
import org.hyperledger.fabric.protos.common.BlockMetadataIndex;
import org.hyperledger.fabric.protos.common.Metadata;
import org.hyperledger.fabric.protos.common.OrdererBlockMetadata;
import org.junit.jupiter.api.Test;

class BlocksTest {
    private static final HexFormat HEX = HexFormat.of();

    private static ByteString filled(int length, int value) {
        byte[] bytes = new byte[length];
        Arrays.fill(bytes, (byte) value);
        return ByteString.copyFrom(bytes);
    }

    private static byte[] concat(byte[]... parts) {
        int length = 0;
        for (byte[] part : parts) {
            length += part.length;
        }
        byte[] out = new byte[length];
        int offset = 0;
        for (byte[] part : parts) {
            System.arraycopy(part, 0, out, offset, part.length);
            offset += part.length;
        }
        return out;
    }

    @Test
    void headerDerIsSequenceOfIntegerAndTwoOctetStrings() {
        BlockHeader header = BlockHeader.newBuilder()
                .setNumber(1).setPreviousHash(filled(32, 1)).setDataHash(filled(32, 2)).build();
        byte[] expected = concat(new byte[] {0x30, 0x47, 0x02, 0x01, 0x01, 0x04, 0x20}, filled(32, 1).toByteArray(),
                new byte[] {0x04, 0x20}, filled(32, 2).toByteArray());
        assertArrayEquals(expected, Blocks.headerBytes(header));
        // sha256 of the bytes above, computed independently (Python hashlib).
        assertEquals("8958d309221dff9175606e70d8b0f60d44326787f5375730953d3e4c7277894b",
                HEX.formatHex(Blocks.headerHash(header).toByteArray()));
    }

    @Test
    void headerDerEncodesZeroEmptyHashesAndHighBitNumbers() {
        assertArrayEquals(HEX.parseHex("300702010004000400"), Blocks.headerBytes(BlockHeader.getDefaultInstance()));
        // 128 needs a leading zero byte to stay positive.
        assertArrayEquals(HEX.parseHex("30080202008004000400"),
                Blocks.headerBytes(BlockHeader.newBuilder().setNumber(128).build()));
        // The proto number is unsigned: 2^64-1 is a positive 9-byte INTEGER.
        assertArrayEquals(HEX.parseHex("300f020900ffffffffffffffff04000400"),
                Blocks.headerBytes(BlockHeader.newBuilder().setNumber(-1L).build()));
    }

    @Test
    void headerDerUsesLongFormLengthsAbove127Bytes() {
        BlockHeader header = BlockHeader.newBuilder().setNumber(5).setPreviousHash(filled(200, 7)).build();
        // body: 02 01 05 | 04 81 c8 <200 bytes> | 04 00 = 208 = 0xd0 bytes
        byte[] expected = concat(HEX.parseHex("3081d0" + "020105" + "0481c8"), filled(200, 7).toByteArray(),
                HEX.parseHex("0400"));
        assertArrayEquals(expected, Blocks.headerBytes(header));
    }

    @Test
    void dataHashIsSha256OfConcatenatedEnvelopes() {
        BlockData data = BlockData.newBuilder()
                .addData(ByteString.copyFromUtf8("ab")).addData(ByteString.copyFromUtf8("cd")).build();
        assertEquals("88d4266fd4e6338d13b845fcf289579d209c897823b9217da3e161936f031589",
                HEX.formatHex(Blocks.dataHash(data).toByteArray()));
        assertEquals("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
                HEX.formatHex(Blocks.dataHash(BlockData.getDefaultInstance()).toByteArray()));
    }

    @Test
    void newBlockChainsAndHasFiveEmptyMetadataSlots() throws Exception {
        Block first = Blocks.newBlock(0, ByteString.EMPTY, List.of(ByteString.copyFromUtf8("x")));
        Block second = Blocks.newBlock(1, Blocks.headerHash(first.getHeader()), List.of(ByteString.copyFromUtf8("y")));
        assertEquals(5, second.getMetadata().getMetadataCount());
        second.getMetadata().getMetadataList().forEach(slot -> assertTrue(slot.isEmpty()));
        assertEquals(Blocks.headerHash(first.getHeader()), second.getHeader().getPreviousHash());
        assertTrue(Blocks.dataHashMatches(second));
        Block tampered = second.toBuilder().setData(BlockData.newBuilder().addData(ByteString.copyFromUtf8("z"))).build();
        assertFalse(Blocks.dataHashMatches(tampered));
        Block roundTripped = Block.parseFrom(second.toByteArray());
        assertEquals(second, roundTripped);
    }

    @Test
    void signatureSignedBytesAreValueThenSignatureHeaderThenHeaderDer() {
        BlockHeader header = BlockHeader.newBuilder().setNumber(3).setDataHash(filled(32, 9)).build();
        byte[] signed = Blocks.signatureSignedBytes(ByteString.copyFromUtf8("VAL"), ByteString.copyFromUtf8("SH"), header);
        assertArrayEquals(concat("VALSH".getBytes(), Blocks.headerBytes(header)), signed);
    }

    @Test
    void ordererSignsBlocksAndSignaturesVerifyOverFabricsBytes() throws Exception {
        TestSigner orderer = TestSigner.create("OrdererMSP");
        Block block = Blocks.newBlock(7, filled(32, 3), List.of(ByteString.copyFromUtf8("tx")));
        Block signed = BlockSignatures.sign(block, orderer, 4, ByteString.EMPTY);

        assertEquals(4, Blocks.lastConfigIndex(signed));
        assertEquals(4, BlockSignatures.ordererMetadata(signed).getLastConfig().getIndex());
        List<SignedContent> signatures = BlockSignatures.signedContents(signed);
        assertEquals(1, signatures.size());
        assertTrue(orderer.verifies(signatures.get(0)));

        Metadata metadata = Metadata.parseFrom(Blocks.metadataSlot(signed, BlockMetadataIndex.SIGNATURES));
        byte[] expectedSigned = Blocks.signatureSignedBytes(metadata.getValue(),
                metadata.getSignatures(0).getSignatureHeader(), block.getHeader());
        assertArrayEquals(expectedSigned, signatures.get(0).dataBytes());

        // A signature no longer verifies once the header changes.
        Block renumbered = signed.toBuilder().setHeader(signed.getHeader().toBuilder().setNumber(8)).build();
        assertFalse(orderer.verifies(BlockSignatures.signedContents(renumbered).get(0)));
    }

    @Test
    void lastConfigFallsBackToTheLegacySlot() throws Exception {
        Block block = Blocks.newBlock(9, filled(32, 1), List.of());
        assertTrue(assertThrows(WireFormatException.class, () -> Blocks.lastConfigIndex(block)).getMessage()
                .contains("neither SIGNATURES nor LAST_CONFIG"));
        Block legacy = Blocks.withMetadataSlot(block, BlockMetadataIndex.LAST_CONFIG, Blocks.lastConfigMetadata(6));
        assertEquals(6, Blocks.lastConfigIndex(legacy));
        Block garbage = Blocks.withMetadataSlot(block, BlockMetadataIndex.SIGNATURES, ByteString.copyFrom(new byte[] {(byte) 0xff}));
        assertTrue(assertThrows(WireFormatException.class, () -> Blocks.lastConfigIndex(garbage)).getMessage()
                .startsWith("BlockMetadata[SIGNATURES]"));
        OrdererBlockMetadata value = OrdererBlockMetadata.parseFrom(Blocks.ordererBlockMetadata(11, ByteString.EMPTY));
        assertEquals(11, value.getLastConfig().getIndex());
    }

    @Test
    void signedContentsRejectsMissingOrMalformedSignatures() {
        Block block = Blocks.newBlock(2, filled(32, 1), List.of());
        assertTrue(assertThrows(WireFormatException.class, () -> BlockSignatures.signedContents(block)).getMessage()
                .endsWith("metadata[SIGNATURES]: missing"));
        Block noCreator = Blocks.withMetadataSlot(block, BlockMetadataIndex.SIGNATURES, Metadata.newBuilder()
                .addSignatures(org.hyperledger.fabric.protos.common.MetadataSignature.newBuilder()
                        .setSignatureHeader(ByteString.copyFromUtf8("\u0012\u0001n")).setSignature(ByteString.copyFromUtf8("s")))
                .build().toByteString());
        assertTrue(assertThrows(WireFormatException.class, () -> BlockSignatures.signedContents(noCreator)).getMessage()
                .endsWith("signatures[0].signature_header.creator: missing"));
    }
}
