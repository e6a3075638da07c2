package dev.ordo.ledgernode.ledger.store;

import java.nio.ByteBuffer;
import org.h2.mvstore.DataUtils;

/**
 * A stored value with the height that wrote it. Encoded as {@code varlong block, varint tx,
 * value bytes}: the compact form used for world state and private hashes.
 */
public record VersionedBytes(byte[] value, Height height) {

    static byte[] encode(byte[] value, Height height) {
        int prefix = DataUtils.getVarLongLen(height.blockNum()) + DataUtils.getVarIntLen(height.txNum());
        byte[] out = new byte[prefix + value.length];
        ByteBuffer buffer = ByteBuffer.wrap(out);
        DataUtils.writeVarLong(buffer, height.blockNum());
        DataUtils.writeVarInt(buffer, height.txNum());
        buffer.put(value);
        return out;
    }

    static VersionedBytes decode(byte[] encoded) {
        ByteBuffer buffer = ByteBuffer.wrap(encoded);
        long block = DataUtils.readVarLong(buffer);
        int tx = DataUtils.readVarInt(buffer);
        byte[] value = new byte[buffer.remaining()];
        buffer.get(value);
        return new VersionedBytes(value, new Height(block, tx));
    }

    /** Only the height of an encoded value, without copying the value. */
    static Height heightOf(byte[] encoded) {
        ByteBuffer buffer = ByteBuffer.wrap(encoded);
        long block = DataUtils.readVarLong(buffer);
        return new Height(block, DataUtils.readVarInt(buffer));
    }
}
