package dev.ordo.ledgernode.ledger;

import dev.ordo.contracts.state.HistoryEntry;
import dev.ordo.contracts.state.Version;
import dev.ordo.ledgernode.ledger.store.Height;
import dev.ordo.ledgernode.ledger.store.LedgerCorruptedException;
import dev.ordo.ledgernode.ledger.store.LedgerStore;
import dev.ordo.ledgernode.ledger.store.Writes;
import dev.ordo.proto.wire.EnvelopeView;
import dev.ordo.proto.wire.ReadWriteSetView;
import dev.ordo.proto.wire.WireFormatException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Optional;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVWrite;

/**
 * Turns a history index entry (a key changed at block:tx) into the change itself by reading the
 * transaction from the block file, as Fabric's history database does: the index stays a few
 * bytes per change and values are stored once, in the blocks.
 */
final class HistoryResolver {
    private final LedgerStore store;

    HistoryResolver(LedgerStore store) {
        this.store = store;
    }

    HistoryEntry resolve(String namespace, String key, Height height) {
        try {
            byte[] bytes = store.blockBytes(height.blockNum()).orElseThrow(() -> new LedgerCorruptedException(
                    "history of " + namespace + "/" + key + " names block " + height.blockNum() + " beyond the chain"));
            Block block = Block.parseFrom(bytes);
            EnvelopeView envelope = EnvelopeView.parse(block.getData().getData(height.txNum()));
            Optional<ReadWriteSetView.Namespace> ns = envelope.transaction().readWriteSet().namespace(namespace);
            KVWrite write = ns.flatMap(n -> n.rwSet().getWritesList().stream()
                            .filter(w -> w.getKey().equals(key)).reduce((first, second) -> second))
                    .orElseThrow(() -> new LedgerCorruptedException("history of " + namespace + "/" + key
                            + " names transaction " + height + ", which does not write it"));
            Instant timestamp = Instant.ofEpochSecond(envelope.timestamp().getSeconds(), envelope.timestamp().getNanos());
            boolean deleted = Writes.isDelete(write);
            return new HistoryEntry(envelope.txId(), timestamp, deleted ? new byte[0] : write.getValue().toByteArray(),
                    deleted, new Version(height.blockNum(), height.txNum()));
        } catch (IOException e) {
            throw new UncheckedIOException("reading history of " + namespace + "/" + key + " at " + height, e);
        } catch (WireFormatException e) {
            throw new IllegalStateException("committed transaction " + height + " no longer parses: " + e.getMessage(), e);
        }
    }

}
