package dev.ordo.ledgernode.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ordo.proto.wire.TransactionsFilter;
import dev.ordo.proto.wire.WireFormatException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.peer.TxValidationCode;
import org.junit.jupiter.api.AfterEach;

/** A validation pool per test and helpers to read back what a ledger recorded. */
abstract class LedgerTestSupport {
    protected final ExecutorService pool = Executors.newFixedThreadPool(2, r -> {
        Thread thread = new Thread(r, "test-validation");
        thread.setDaemon(true);
        return thread;
    });

    @AfterEach
    void stopPool() throws InterruptedException {
        pool.shutdownNow();
        pool.awaitTermination(10, TimeUnit.SECONDS);
    }

    protected ChannelLedger open(Path directory) throws IOException {
        return ChannelLedger.open(directory, "mychannel", LedgerOptions.defaults(), pool);
    }

    protected static void assertCodes(ChannelLedger ledger, long blockNumber, TxValidationCode... expected)
            throws IOException, WireFormatException {
        Block block = ledger.block(blockNumber).orElseThrow();
        TransactionsFilter filter = TransactionsFilter.of(block);
        assertEquals(expected.length, filter.size(), "transactions in block " + blockNumber);
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], filter.get(i), "block " + blockNumber + " tx " + i);
        }
    }
}
