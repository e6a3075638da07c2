package dev.ordo.proto.wire;

import static dev.ordo.proto.wire.Decoding.parse;

import com.google.protobuf.ByteString;
import java.util.List;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.BlockData;
import org.hyperledger.fabric.protos.common.BlockHeader;
import org.hyperledger.fabric.protos.common.BlockMetadata;
import org.hyperledger.fabric.protos.common.BlockMetadataIndex;
import org.hyperledger.fabric.protos.common.LastConfig;
import org.hyperledger.fabric.protos.common.Metadata;
import org.hyperledger.fabric.protos.common.OrdererBlockMetadata;
import org.hyperledger.fabric.protos.peer.TxValidationCode;

/**
 * Fabric blocks: construction, header and data hashes, and the metadata slots
 * (SIGNATURES 0, LAST_CONFIG 1, TRANSACTIONS_FILTER 2, ORDERER 3, COMMIT_HASH 4).
 */
public final class Blocks {
    /** Number of metadata slots of a Fabric block. */
    public static final int METADATA_SLOTS = 5;

    private Blocks() {
    }

    /** A block with its data hash set and five empty metadata slots. */
    public static Block newBlock(long number, ByteString previousHash, List<ByteString> envelopes) {
        BlockData data = BlockData.newBuilder().addAllData(envelopes).build();
        BlockHeader header = BlockHeader.newBuilder()
                .setNumber(number)
                .setPreviousHash(previousHash)
                .setDataHash(dataHash(data))
                .build();
        BlockMetadata.Builder metadata = BlockMetadata.newBuilder();
        for (int i = 0; i < METADATA_SLOTS; i++) {
            metadata.addMetadata(ByteString.EMPTY);
        }
        return Block.newBuilder().setHeader(header).setData(data).setMetadata(metadata).build();
    }

    /** The DER bytes of the header, as hashed for the chain and signed by orderers. */
    public static byte[] headerBytes(BlockHeader header) {
        return BlockHeaderDer.encode(header);
    }

    /** SHA-256 of the header's DER encoding: the next block's {@code previous_hash}. */
    public static ByteString headerHash(BlockHeader header) {
        return ByteString.copyFrom(Sha256.digest(headerBytes(header)));
    }

    /** SHA-256 of the concatenation of all {@code data[i]}. */
    public static ByteString dataHash(BlockData data) {
        return ByteString.copyFrom(Sha256.digest(data.getDataList().toArray(new ByteString[0])));
    }

    /** True when {@code header.data_hash} is the hash of {@code block.data}. */
    public static boolean dataHashMatches(Block block) {
        return block.getHeader().getDataHash().equals(dataHash(block.getData()));
    }

    /** The bytes an orderer signs for a block: metadata value ‖ signature header ‖ header DER. */
    public static byte[] signatureSignedBytes(ByteString metadataValue, ByteString signatureHeader, BlockHeader header) {
        byte[] headerDer = headerBytes(header);
        byte[] out = new byte[metadataValue.size() + signatureHeader.size() + headerDer.length];
        metadataValue.copyTo(out, 0);
        signatureHeader.copyTo(out, metadataValue.size());
        System.arraycopy(headerDer, 0, out, metadataValue.size() + signatureHeader.size(), headerDer.length);
        return out;
    }

    /** The marshalled {@code OrdererBlockMetadata} an orderer puts into the SIGNATURES slot's value. */
    public static ByteString ordererBlockMetadata(long lastConfigIndex, ByteString consenterMetadata) {
        return OrdererBlockMetadata.newBuilder()
                .setLastConfig(LastConfig.newBuilder().setIndex(lastConfigIndex))
                .setConsenterMetadata(Metadata.newBuilder().setValue(consenterMetadata).build().toByteString())
                .build()
                .toByteString();
    }

    /** The marshalled {@code Metadata{value = LastConfig{index}}} of the LAST_CONFIG slot. */
    public static ByteString lastConfigMetadata(long lastConfigIndex) {
        return Metadata.newBuilder()
                .setValue(LastConfig.newBuilder().setIndex(lastConfigIndex).build().toByteString())
                .build()
                .toByteString();
    }

    /** The metadata slot {@code index}, or empty bytes when the block has fewer slots. */
    public static ByteString metadataSlot(Block block, BlockMetadataIndex index) {
        List<ByteString> slots = block.getMetadata().getMetadataList();
        return index.getNumber() < slots.size() ? slots.get(index.getNumber()) : ByteString.EMPTY;
    }

    /** A copy of {@code block} with slot {@code index} set (slots padded to five). */
    public static Block withMetadataSlot(Block block, BlockMetadataIndex index, ByteString value) {
        BlockMetadata.Builder metadata = block.getMetadata().toBuilder();
        while (metadata.getMetadataCount() < METADATA_SLOTS) {
            metadata.addMetadata(ByteString.EMPTY);
        }
        metadata.setMetadata(index.getNumber(), value);
        return block.toBuilder().setMetadata(metadata).build();
    }

    /**
     * The number of the last config block as recorded by the orderer: from the SIGNATURES slot's
     * OrdererBlockMetadata, else from the legacy LAST_CONFIG slot.
     */
    public static long lastConfigIndex(Block block) throws WireFormatException {
        ByteString signatures = metadataSlot(block, BlockMetadataIndex.SIGNATURES);
        if (!signatures.isEmpty()) {
            Metadata metadata = parse(Metadata.parser(), signatures, "BlockMetadata[SIGNATURES]", "Metadata",
                    TxValidationCode.BAD_PAYLOAD);
            if (!metadata.getValue().isEmpty()) {
                OrdererBlockMetadata ordererMetadata = parse(OrdererBlockMetadata.parser(), metadata.getValue(),
                        "BlockMetadata[SIGNATURES].value", "OrdererBlockMetadata", TxValidationCode.BAD_PAYLOAD);
                if (ordererMetadata.hasLastConfig()) {
                    return ordererMetadata.getLastConfig().getIndex();
                }
            }
        }
        ByteString lastConfig = metadataSlot(block, BlockMetadataIndex.LAST_CONFIG);
        if (lastConfig.isEmpty()) {
            throw new WireFormatException("Block " + block.getHeader().getNumber()
                    + " metadata: neither SIGNATURES nor LAST_CONFIG records the last config block");
        }
        Metadata metadata = parse(Metadata.parser(), lastConfig, "BlockMetadata[LAST_CONFIG]", "Metadata",
                TxValidationCode.BAD_PAYLOAD);
        return parse(LastConfig.parser(), metadata.getValue(), "BlockMetadata[LAST_CONFIG].value", "LastConfig",
                TxValidationCode.BAD_PAYLOAD).getIndex();
    }
}
