package dev.ordo.proto.wire;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import org.hyperledger.fabric.protos.common.BlockHeader;

/**
 * The ASN.1 DER encoding of a block header that Fabric hashes and signs:
 * {@code SEQUENCE { INTEGER number, OCTET STRING previous_hash, OCTET STRING data_hash }},
 * the number as an unsigned 64-bit value (Go's {@code big.Int}). A minimal encoder for just
 * these three types, so the proto module needs no ASN.1 library.
 */
final class BlockHeaderDer {
    private static final int TAG_INTEGER = 0x02;
    private static final int TAG_OCTET_STRING = 0x04;
    private static final int TAG_SEQUENCE = 0x30;

    private BlockHeaderDer() {
    }

    static byte[] encode(BlockHeader header) {
        // BigInteger.toByteArray is the minimal two's-complement form DER wants (a leading 0x00
        // when the top bit is set); the number is unsigned in the proto.
        byte[] number = new BigInteger(Long.toUnsignedString(header.getNumber())).toByteArray();
        ByteArrayOutputStream body = new ByteArrayOutputStream(80);
        writeElement(body, TAG_INTEGER, number);
        writeElement(body, TAG_OCTET_STRING, header.getPreviousHash().toByteArray());
        writeElement(body, TAG_OCTET_STRING, header.getDataHash().toByteArray());
        ByteArrayOutputStream out = new ByteArrayOutputStream(body.size() + 4);
        writeElement(out, TAG_SEQUENCE, body.toByteArray());
        return out.toByteArray();
    }

    private static void writeElement(ByteArrayOutputStream out, int tag, byte[] content) {
        out.write(tag);
        writeLength(out, content.length);
        out.write(content, 0, content.length);
    }

    private static void writeLength(ByteArrayOutputStream out, int length) {
        if (length < 0x80) {
            out.write(length);
            return;
        }
        int bytes = (32 - Integer.numberOfLeadingZeros(length) + 7) / 8;
        out.write(0x80 | bytes);
        for (int shift = (bytes - 1) * 8; shift >= 0; shift -= 8) {
            out.write((length >>> shift) & 0xFF);
        }
    }
}
