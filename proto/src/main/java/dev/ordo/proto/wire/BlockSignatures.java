package dev.ordo.proto.wire;

import static dev.ordo.proto.wire.Decoding.parse;
import static dev.ordo.proto.wire.Decoding.parseRequired;
import static dev.ordo.proto.wire.Decoding.require;

import com.google.protobuf.ByteString;
import java.util.ArrayList;
import java.util.List;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.BlockMetadataIndex;
import org.hyperledger.fabric.protos.common.Metadata;
import org.hyperledger.fabric.protos.common.MetadataSignature;
import org.hyperledger.fabric.protos.common.SignatureHeader;
import org.hyperledger.fabric.protos.peer.TxValidationCode;

/**
 * Orderer signatures on blocks, as Fabric's block writer makes them: the SIGNATURES slot holds
 * {@code Metadata{value = OrdererBlockMetadata{last_config, consenter_metadata},
 * signatures = [MetadataSignature{signature_header, signature}]}} where each signature covers
 * value ‖ signature_header ‖ header DER; the LAST_CONFIG slot repeats the last config index.
 */
public final class BlockSignatures {
    private BlockSignatures() {
    }

    /**
     * Signs {@code block} as an orderer: returns a copy with the SIGNATURES and LAST_CONFIG slots set.
     *
     * @param consenterMetadata consensus-specific metadata (Ordo: empty), wrapped in a Metadata as Fabric does
     */
    public static Block sign(Block block, MessageSigner signer, long lastConfigIndex, ByteString consenterMetadata) {
        ByteString value = Blocks.ordererBlockMetadata(lastConfigIndex, consenterMetadata);
        ByteString signatureHeader = SignatureHeader.newBuilder()
                .setCreator(ByteString.copyFrom(signer.serializedIdentity()))
                .setNonce(ByteString.copyFrom(TxIds.newNonce()))
                .build()
                .toByteString();
        byte[] signature = signer.sign(Blocks.signatureSignedBytes(value, signatureHeader, block.getHeader()));
        Metadata signatures = Metadata.newBuilder()
                .setValue(value)
                .addSignatures(MetadataSignature.newBuilder()
                        .setSignatureHeader(signatureHeader)
                        .setSignature(ByteString.copyFrom(signature)))
                .build();
        Block signed = Blocks.withMetadataSlot(block, BlockMetadataIndex.SIGNATURES, signatures.toByteString());
        return Blocks.withMetadataSlot(signed, BlockMetadataIndex.LAST_CONFIG, Blocks.lastConfigMetadata(lastConfigIndex));
    }

    /**
     * The signatures in the SIGNATURES slot, each with the bytes it signs and the signer's
     * marshalled identity, for the membership module to verify against the consenters.
     */
    public static List<SignedContent> signedContents(Block block) throws WireFormatException {
        String where = "Block " + block.getHeader().getNumber() + " metadata[SIGNATURES]";
        Metadata metadata = parseRequired(Metadata.parser(), Blocks.metadataSlot(block, BlockMetadataIndex.SIGNATURES),
                where, "Metadata", TxValidationCode.BAD_PAYLOAD);
        List<SignedContent> contents = new ArrayList<>(metadata.getSignaturesCount());
        for (int i = 0; i < metadata.getSignaturesCount(); i++) {
            MetadataSignature signature = metadata.getSignatures(i);
            String field = where + ".signatures[" + i + "]";
            SignatureHeader header = parseRequired(SignatureHeader.parser(), signature.getSignatureHeader(),
                    field + ".signature_header", "SignatureHeader", TxValidationCode.BAD_PAYLOAD);
            require(!header.getCreator().isEmpty(), TxValidationCode.BAD_PAYLOAD, field + ".signature_header.creator: missing");
            require(!signature.getSignature().isEmpty(), TxValidationCode.BAD_PAYLOAD, field + ".signature: missing");
            byte[] signed = Blocks.signatureSignedBytes(metadata.getValue(), signature.getSignatureHeader(),
                    block.getHeader());
            contents.add(new SignedContent(ByteString.copyFrom(signed), header.getCreator(), signature.getSignature()));
        }
        return contents;
    }

    /** The OrdererBlockMetadata value of the SIGNATURES slot, parsed (empty bytes give the default). */
    public static org.hyperledger.fabric.protos.common.OrdererBlockMetadata ordererMetadata(Block block)
            throws WireFormatException {
        Metadata metadata = parse(Metadata.parser(), Blocks.metadataSlot(block, BlockMetadataIndex.SIGNATURES),
                "BlockMetadata[SIGNATURES]", "Metadata", TxValidationCode.BAD_PAYLOAD);
        return parse(org.hyperledger.fabric.protos.common.OrdererBlockMetadata.parser(), metadata.getValue(),
                "BlockMetadata[SIGNATURES].value", "OrdererBlockMetadata", TxValidationCode.BAD_PAYLOAD);
    }
}
