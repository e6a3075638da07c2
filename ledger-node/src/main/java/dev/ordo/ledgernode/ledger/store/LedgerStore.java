package dev.ordo.ledgernode.ledger.store;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.ordo.proto.v1.ChannelConfig;
import dev.ordo.proto.wire.Blocks;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Optional;
import org.h2.mvstore.Cursor;
import org.h2.mvstore.DataUtils;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.hyperledger.fabric.protos.common.Block;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The committed ledger of one channel: an H2 MVStore (block index, transaction index, world
 * state with versions, key history, private key hashes, metadata) plus an append-only
 * {@link BlockFile} with the block bytes.
 *
 * <p>Writes go to the MVStore's maps in memory and become durable together at
 * {@link #commit()}: the block file is fdatasync'ed first, then the maps and the metadata
 * (height, last header hash, state hash) are written as one MVStore version. A crash therefore
 * leaves every block fully committed or not at all; {@link #open} cuts block bytes that no
 * committed index references and checks the last indexed block against the recorded header
 * hash. {@link #rollback()} discards everything since the last commit.
 *
 * <p>One writer (the committer) at a time; reads may run concurrently with each other.
 * Consistency of reads against a concurrent writer is the caller's business (the channel
 * ledger's read/write lock).
 */
public final class LedgerStore implements AutoCloseable {
    public static final String STORE_FILE = "ledger.mv.db";
    public static final String BLOCK_FILE = "blocks.bin";

    private static final Logger log = LoggerFactory.getLogger(LedgerStore.class);
    private static final byte[] META_HEIGHT = StoreKeys.utf8("height");
    private static final byte[] META_LAST_HEADER_HASH = StoreKeys.utf8("lastHeaderHash");
    private static final byte[] META_STATE_HASH = StoreKeys.utf8("stateHash");
    private static final byte[] META_CONFIG = StoreKeys.utf8("config");
    private static final byte[] META_CONFIG_BLOCK = StoreKeys.utf8("configBlock");
    private static final byte[] META_FORMAT = StoreKeys.utf8("format");
    private static final byte[] FORMAT_VERSION = {1};
    private static final byte[] EMPTY = new byte[0];

    private final Path directory;
    private final Durability durability;
    private final MVStore store;
    private final BlockFile blockFile;
    private final MVMap<byte[], byte[]> meta;
    private final MVMap<byte[], byte[]> blockIndex;
    private final MVMap<byte[], byte[]> txIndex;
    private final MVMap<byte[], byte[]> state;
    private final MVMap<byte[], byte[]> history;
    private final MVMap<byte[], byte[]> privateHashes;

    private long height;
    private byte[] lastHeaderHash;
    private StateHash stateHash;
    private ChannelConfig config;
    private long configBlock;

    private LedgerStore(Path directory, Durability durability, MVStore store, BlockFile blockFile) {
        this.directory = directory;
        this.durability = durability;
        this.store = store;
        this.blockFile = blockFile;
        this.meta = openMap("meta");
        this.blockIndex = openMap("blocks");
        this.txIndex = openMap("txs");
        this.state = openMap("state");
        this.history = openMap("history");
        this.privateHashes = openMap("privateHashes");
    }

    /**
     * Opens (or creates) the ledger in {@code directory}, recovering from an interrupted commit.
     *
     * @throws LedgerCorruptedException if the files disagree beyond what recovery repairs
     */
    public static LedgerStore open(Path directory, Durability durability) throws IOException {
        Files.createDirectories(directory);
        MVStore store = new MVStore.Builder()
                .fileName(directory.resolve(STORE_FILE).toString())
                .autoCommitDisabled()
                .cacheSize(64)
                .open();
        BlockFile blockFile = null;
        try {
            // Old chunks are reused as soon as they hold no live data; without this the file
            // grew superlinearly (H2-NOTES). Safe against process crashes; see Durability.
            store.setRetentionTime(0);
            blockFile = BlockFile.open(directory.resolve(BLOCK_FILE));
            LedgerStore ledger = new LedgerStore(directory, durability, store, blockFile);
            ledger.initializeFormat();
            ledger.loadCommitted();
            ledger.recoverBlockFile();
            return ledger;
        } catch (IOException | RuntimeException e) {
            if (blockFile != null) {
                blockFile.close();
            }
            store.closeImmediately();
            throw e;
        }
    }

    private MVMap<byte[], byte[]> openMap(String name) {
        return store.openMap(name, new MVMap.Builder<byte[], byte[]>()
                .keyType(UnsignedBytesType.INSTANCE)
                .valueType(UnsignedBytesType.INSTANCE));
    }

    /**
     * Marks a new store with its format and commits once, so that there is always a committed
     * version for {@link #rollback()} to return to; refuses a store of another format.
     */
    private void initializeFormat() throws LedgerCorruptedException {
        byte[] format = meta.get(META_FORMAT);
        if (format == null) {
            meta.put(META_FORMAT, FORMAT_VERSION);
            store.commit();
        } else if (!Arrays.equals(format, FORMAT_VERSION)) {
            throw new LedgerCorruptedException(directory + ": ledger format " + Arrays.toString(format)
                    + " is not the supported format " + Arrays.toString(FORMAT_VERSION));
        }
    }

    private void loadCommitted() throws LedgerCorruptedException {
        byte[] storedHeight = meta.get(META_HEIGHT);
        height = storedHeight == null ? 0 : ByteBuffer.wrap(storedHeight).getLong();
        lastHeaderHash = orEmpty(meta.get(META_LAST_HEADER_HASH));
        byte[] storedStateHash = meta.get(META_STATE_HASH);
        stateHash = storedStateHash == null ? StateHash.empty() : StateHash.of(storedStateHash);
        byte[] storedConfig = meta.get(META_CONFIG);
        try {
            config = storedConfig == null ? null : ChannelConfig.parseFrom(storedConfig);
        } catch (InvalidProtocolBufferException e) {
            throw new LedgerCorruptedException(directory + ": stored channel configuration does not parse", e);
        }
        byte[] storedConfigBlock = meta.get(META_CONFIG_BLOCK);
        configBlock = storedConfigBlock == null ? 0 : ByteBuffer.wrap(storedConfigBlock).getLong();
    }

    private void recoverBlockFile() throws IOException {
        long end = 0;
        if (height > 0) {
            long last = height - 1;
            byte[] offsetBytes = blockIndex.get(StoreKeys.blockNumber(last));
            if (offsetBytes == null) {
                throw new LedgerCorruptedException(directory + ": height " + height + " but block " + last
                        + " is not indexed");
            }
            long offset = decodeOffset(offsetBytes);
            byte[] bytes;
            try {
                end = blockFile.endOf(offset);
                bytes = blockFile.read(offset);
            } catch (IOException e) {
                throw new LedgerCorruptedException(directory + ": block " + last + " is committed in the store but "
                        + "its bytes in " + BLOCK_FILE + " are missing or damaged: " + e.getMessage(), e);
            }
            Block block;
            try {
                block = Block.parseFrom(bytes);
            } catch (InvalidProtocolBufferException e) {
                throw new LedgerCorruptedException(directory + ": block " + last + " does not parse", e);
            }
            byte[] hash = Blocks.headerHash(block.getHeader()).toByteArray();
            if (block.getHeader().getNumber() != last || !Arrays.equals(hash, lastHeaderHash)) {
                throw new LedgerCorruptedException(directory + ": the last block in " + BLOCK_FILE + " (number "
                        + block.getHeader().getNumber() + ") is not the committed block " + last);
            }
        }
        if (blockFile.size() > end) {
            log.warn("Ledger {}: cutting {} bytes of uncommitted blocks after block {} from {}", directory,
                    blockFile.size() - end, height - 1, BLOCK_FILE);
            blockFile.truncate(end);
        }
    }

    // ---- reads ----

    /** Number of committed blocks (the next block's number). */
    public long height() {
        return height;
    }

    /** Header hash of the last block, empty before the genesis block. */
    public byte[] lastHeaderHash() {
        return lastHeaderHash.clone();
    }

    /** The channel configuration as of the last config block, if any block is committed. */
    public Optional<ChannelConfig> config() {
        return Optional.ofNullable(config);
    }

    /** Number of the last config block. */
    public long configBlock() {
        return configBlock;
    }

    public StateHash stateHash() {
        return stateHash.copy();
    }

    /** The stored bytes of block {@code number} (with its validation codes), if committed. */
    public Optional<byte[]> blockBytes(long number) throws IOException {
        if (number < 0 || number >= height) {
            return Optional.empty();
        }
        byte[] offset = blockIndex.get(StoreKeys.blockNumber(number));
        if (offset == null) {
            throw new LedgerCorruptedException(directory + ": block " + number + " below height " + height
                    + " is not indexed");
        }
        return Optional.of(blockFile.read(decodeOffset(offset)));
    }

    public Optional<TxRecord> transaction(String txId) {
        byte[] record = txIndex.get(StoreKeys.utf8(txId));
        return record == null ? Optional.empty() : Optional.of(TxRecord.decode(record));
    }

    public boolean containsTransaction(String txId) {
        return txIndex.containsKey(StoreKeys.utf8(txId));
    }

    /** The committed value and version of a key, or null. */
    public VersionedBytes state(String namespace, String key) {
        byte[] stored = state.get(StoreKeys.state(namespace, key));
        return stored == null ? null : VersionedBytes.decode(stored);
    }

    /** The committed version of a state key, or null when absent. */
    public Height stateHeight(byte[] stateKey) {
        byte[] stored = state.get(stateKey);
        return stored == null ? null : VersionedBytes.heightOf(stored);
    }

    /** Committed keys of {@code namespace} in {@code [startKey, endKey)} (empty end: no bound), in key order. */
    public Iterator<StateEntry> range(String namespace, String startKey, String endKey) {
        byte[] from = StoreKeys.rangeStart(namespace, startKey);
        byte[] to = StoreKeys.rangeEnd(namespace, endKey);
        int namespaceLength = StoreKeys.utf8(namespace).length;
        Cursor<byte[], byte[]> cursor = state.cursor(from);
        return new Iterator<>() {
            private StateEntry next = advance();

            private StateEntry advance() {
                if (!cursor.hasNext()) {
                    return null;
                }
                byte[] key = cursor.next();
                if (Arrays.compareUnsigned(key, to) >= 0) {
                    return null;
                }
                return new StateEntry(key, StoreKeys.keyOf(key, namespaceLength), cursor.getValue());
            }

            @Override
            public boolean hasNext() {
                return next != null;
            }

            @Override
            public StateEntry next() {
                if (next == null) {
                    throw new NoSuchElementException();
                }
                StateEntry current = next;
                next = advance();
                return current;
            }
        };
    }

    /** The heights at which a key changed, newest first. */
    public Iterator<Height> history(String namespace, String key) {
        byte[] prefix = StoreKeys.historyPrefix(StoreKeys.state(namespace, key));
        byte[] last = Arrays.copyOf(prefix, prefix.length + 12);
        Arrays.fill(last, prefix.length, last.length, (byte) 0xFF);
        Cursor<byte[], byte[]> cursor = history.cursor(last, prefix, true);
        return new Iterator<>() {
            private Height next = advance();

            private Height advance() {
                while (cursor.hasNext()) {
                    byte[] entry = cursor.next();
                    if (!StoreKeys.hasPrefix(entry, prefix)) {
                        return null;
                    }
                    if (entry.length == prefix.length + 12) {
                        return new Height(StoreKeys.historyBlock(entry), StoreKeys.historyTx(entry));
                    }
                }
                return null;
            }

            @Override
            public boolean hasNext() {
                return next != null;
            }

            @Override
            public Height next() {
                if (next == null) {
                    throw new NoSuchElementException();
                }
                Height current = next;
                next = advance();
                return current;
            }
        };
    }

    /** The committed value hash and version of a private key hash, or null. */
    public VersionedBytes privateHash(String namespace, String collection, byte[] keyHash) {
        byte[] stored = privateHashes.get(StoreKeys.privateHash(namespace, collection, keyHash));
        return stored == null ? null : VersionedBytes.decode(stored);
    }

    /** The committed version of an encoded private hash key, or null. */
    public Height privateHashHeight(byte[] privateKey) {
        byte[] stored = privateHashes.get(privateKey);
        return stored == null ? null : VersionedBytes.heightOf(stored);
    }

    /** The state hash recomputed by a full ordered scan (for verification; the running one is {@link #stateHash()}). */
    public StateHash recomputeStateHash() {
        StateHash scan = StateHash.empty();
        for (Cursor<byte[], byte[]> c = state.cursor(null); c.hasNext(); ) {
            byte[] key = c.next();
            scan.addPublic(key, c.getValue());
        }
        for (Cursor<byte[], byte[]> c = privateHashes.cursor(null); c.hasNext(); ) {
            byte[] key = c.next();
            scan.addPrivate(key, c.getValue());
        }
        return scan;
    }

    // ---- writes (committer only; durable at commit()) ----

    /** Appends block {@code number} (the next one) and makes it the chain head. */
    public void appendBlock(long number, byte[] blockBytes, byte[] headerHash) throws IOException {
        if (number != height) {
            throw new IllegalStateException("ledger " + directory + " expects block " + height + ", got " + number);
        }
        long offset = blockFile.append(blockBytes);
        blockIndex.put(StoreKeys.blockNumber(number), encodeOffset(offset));
        height = number + 1;
        lastHeaderHash = headerHash.clone();
    }

    /** Writes a key's value at {@code at} and records the change in the key's history. */
    public void putState(byte[] stateKey, byte[] value, Height at) {
        byte[] stored = VersionedBytes.encode(value, at);
        byte[] previous = state.put(stateKey, stored);
        if (previous != null) {
            stateHash.removePublic(stateKey, previous);
        }
        stateHash.addPublic(stateKey, stored);
        history.put(StoreKeys.history(stateKey, at.blockNum(), at.txNum()), EMPTY);
    }

    /** Deletes a key (if present) and records the delete in the key's history. */
    public void deleteState(byte[] stateKey, Height at) {
        byte[] previous = state.remove(stateKey);
        if (previous != null) {
            stateHash.removePublic(stateKey, previous);
        }
        history.put(StoreKeys.history(stateKey, at.blockNum(), at.txNum()), EMPTY);
    }

    public void putPrivateHash(byte[] privateKey, byte[] valueHash, Height at) {
        byte[] stored = VersionedBytes.encode(valueHash, at);
        byte[] previous = privateHashes.put(privateKey, stored);
        if (previous != null) {
            stateHash.removePrivate(privateKey, previous);
        }
        stateHash.addPrivate(privateKey, stored);
    }

    public void deletePrivateHash(byte[] privateKey) {
        byte[] previous = privateHashes.remove(privateKey);
        if (previous != null) {
            stateHash.removePrivate(privateKey, previous);
        }
    }

    /** Indexes a transaction id unless it is already indexed (the first occurrence wins). */
    public void indexTransaction(String txId, TxRecord record) {
        txIndex.putIfAbsent(StoreKeys.utf8(txId), record.encode());
    }

    public void setConfig(ChannelConfig newConfig, long blockNumber) {
        config = newConfig;
        configBlock = blockNumber;
        meta.put(META_CONFIG, newConfig.toByteArray());
        meta.put(META_CONFIG_BLOCK, ByteBuffer.allocate(8).putLong(blockNumber).array());
    }

    /**
     * Makes every write since the last commit durable as one unit: fdatasync of the block file,
     * then one MVStore version with the metadata (and an fsync of it under {@link Durability#POWER_LOSS}).
     */
    public void commit() throws IOException {
        blockFile.sync();
        meta.put(META_HEIGHT, ByteBuffer.allocate(8).putLong(height).array());
        meta.put(META_LAST_HEADER_HASH, lastHeaderHash);
        meta.put(META_STATE_HASH, stateHash.bytes());
        store.commit();
        if (durability == Durability.POWER_LOSS) {
            store.sync();
        }
    }

    /** Discards every write since the last commit (maps, block bytes and chain head). */
    public void rollback() throws IOException {
        store.rollback();
        loadCommitted();
        long end = 0;
        if (height > 0) {
            end = blockFile.endOf(decodeOffset(blockIndex.get(StoreKeys.blockNumber(height - 1))));
        }
        if (blockFile.size() > end) {
            blockFile.truncate(end);
        }
    }

    public Path directory() {
        return directory;
    }

    @Override
    public void close() throws IOException {
        try {
            blockFile.close();
        } finally {
            store.close();
        }
    }

    /** Closes the files without writing anything (what a crash leaves behind; for tests and fatal errors). */
    public void closeAbruptly() throws IOException {
        try {
            blockFile.close();
        } finally {
            store.closeImmediately();
        }
    }

    private static byte[] encodeOffset(long offset) {
        byte[] out = new byte[DataUtils.getVarLongLen(offset)];
        DataUtils.writeVarLong(ByteBuffer.wrap(out), offset);
        return out;
    }

    private static long decodeOffset(byte[] encoded) {
        return DataUtils.readVarLong(ByteBuffer.wrap(encoded));
    }

    private static byte[] orEmpty(byte[] bytes) {
        return bytes == null ? EMPTY : bytes;
    }

}
