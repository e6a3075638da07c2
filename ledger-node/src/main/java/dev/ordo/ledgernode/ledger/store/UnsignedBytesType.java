package dev.ordo.ledgernode.ledger.store;

import java.nio.ByteBuffer;
import java.util.Arrays;
import org.h2.mvstore.DataUtils;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.BasicDataType;

/**
 * MVStore key/value type for byte arrays ordered lexicographically as unsigned bytes: the
 * order of Fabric's state database (UTF-8 byte order of keys). H2's own byte[] type compares
 * signed bytes, which would misorder every key byte above 0x7F.
 */
final class UnsignedBytesType extends BasicDataType<byte[]> {
    static final UnsignedBytesType INSTANCE = new UnsignedBytesType();

    private UnsignedBytesType() {
    }

    @Override
    public int getMemory(byte[] value) {
        return 24 + value.length;
    }

    @Override
    public void write(WriteBuffer buffer, byte[] value) {
        buffer.putVarInt(value.length).put(value);
    }

    @Override
    public byte[] read(ByteBuffer buffer) {
        int length = DataUtils.readVarInt(buffer);
        byte[] value = new byte[length];
        buffer.get(value);
        return value;
    }

    @Override
    public byte[][] createStorage(int size) {
        return new byte[size][];
    }

    @Override
    public int compare(byte[] a, byte[] b) {
        return Arrays.compareUnsigned(a, b);
    }
}
