package dev.ordo.bench.load;

import dev.ordo.sdk.GatewayErrors;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.hyperledger.fabric.client.Contract;
import org.hyperledger.fabric.client.GatewayException;
import org.hyperledger.fabric.client.Status;
import org.hyperledger.fabric.client.SubmittedTransaction;
import org.hyperledger.fabric.client.Transaction;

/**
 * One client: a thread that first creates its own assets, then, once the run starts, sends one
 * transaction at a time through the official client ({@code newProposal(...).build().endorse()},
 * {@code submitAsync()}, {@code getStatus()}) until the clock says stop, recording each outcome
 * whose commit status or failure arrives inside the measured window. Failures are counted by
 * kind, never thrown.
 */
final class LoadClient implements Runnable {
    private final int number;
    private final Contract contract;
    private final ClientWorkload workload;
    private final List<String> ownAssets;
    private final CountDownLatch setupDone;
    private final CountDownLatch go;
    private final AtomicReference<RunClock> clock;
    private final Consumer<LoadFailedException> setupFailure;
    private final TxStats stats = new TxStats();

    /**
     * @param number the client's number
     * @param contract the contract through the client's gateway connection
     * @param workload the client's transactions
     * @param ownAssets the assets to create before the run
     * @param setupDone counted down when the setup is over, whether it worked or not
     * @param go released by the runner once {@code clock} is set (or left unset to call the run off)
     * @param clock the run's clock
     * @param setupFailure told if the setup fails
     */
    LoadClient(int number, Contract contract, ClientWorkload workload, List<String> ownAssets,
            CountDownLatch setupDone, CountDownLatch go, AtomicReference<RunClock> clock, Consumer<LoadFailedException> setupFailure) {
        this.number = number;
        this.contract = contract;
        this.workload = workload;
        this.ownAssets = List.copyOf(ownAssets);
        this.setupDone = setupDone;
        this.go = go;
        this.clock = clock;
        this.setupFailure = setupFailure;
    }

    /** What this client recorded; read after its thread has ended. */
    TxStats stats() {
        return stats;
    }

    @Override
    public void run() {
        try {
            List<ClientWorkload.Call> creations = new ArrayList<>();
            ownAssets.forEach(id -> creations.add(workload.create(id)));
            AssetSetup.create(contract, creations);
        } catch (LoadFailedException e) {
            setupFailure.accept(new LoadFailedException("client " + number + ": " + e.getMessage(), e));
            return;
        } finally {
            setupDone.countDown();
        }
        try {
            go.await();
        } catch (InterruptedException e) {
            return;
        }
        RunClock run = clock.get();
        if (run == null) {
            return; // the run was called off
        }
        long scheduled;
        while (!Thread.currentThread().isInterrupted() && (scheduled = run.awaitNextStart()) >= 0) {
            send(run, scheduled);
        }
    }

    private void send(RunClock run, long scheduled) {
        ClientWorkload.Call call = workload.next();
        long started = System.nanoTime();
        try {
            Transaction endorsed = contract.newProposal(call.function()).addArguments(call.arguments()).build()
                    .endorse();
            long endorsedAt = System.nanoTime();
            SubmittedTransaction submitted = endorsed.submitAsync();
            long submittedAt = System.nanoTime();
            Status status = submitted.getStatus();
            long done = System.nanoTime();
            if (run.inWindow(done)) {
                stats.committed(call.kind(), status.getCode().name(),
                        new TxTiming(scheduled, started, endorsedAt, submittedAt, done));
            }
        } catch (GatewayException | RuntimeException e) {
            if (run.inWindow(System.nanoTime())) {
                stats.failed(call.kind(), TxFailures.kind(e), GatewayErrors.describe(e));
            }
        }
    }
}
