package dev.ordo.bench.load;

import dev.ordo.sdk.GatewayConnectException;
import dev.ordo.sdk.OrdoGateway;
import dev.ordo.sdk.profile.NetworkProfile;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.hyperledger.fabric.client.Contract;

/**
 * Carries out one run against a live network:
 * <ol>
 *   <li>opens {@code --connections} gateway connections per organisation through {@link OrdoGateway};
 *       client {@code i} acts for organisation {@code i mod orgs} over one of its connections;</li>
 *   <li>creates the hot assets of each organisation and every client's own assets (all must
 *       commit VALID), then pauses a second so the other organisation's peer has them too;</li>
 *   <li>starts the clock: warm-up, then the measured window; each client thread sends one
 *       transaction at a time (as fast as possible, or on the fixed schedule);</li>
 *   <li>at the end, stops the clients (transactions in flight finish but count only if their
 *       status arrived inside the window) and returns the {@link LoadReport}.</li>
 * </ol>
 * Keys carry a run id, so runs can follow each other on the same ledger.
 */
public final class LoadRunner {
    private static final Duration SETTLE = Duration.ofSeconds(1);
    private static final Duration STOP_GRACE = Duration.ofSeconds(10);

    private final LoadOptions options;
    private final NetworkProfile profile;
    private final String channel;
    private final PrintWriter log;

    /**
     * @param options the checked options
     * @param profile the loaded network profile
     * @param channel the channel to use
     * @param log where progress lines go
     */
    public LoadRunner(LoadOptions options, NetworkProfile profile, String channel, PrintWriter log) {
        this.options = options;
        this.profile = profile;
        this.channel = channel;
        this.log = log;
    }

    /**
     * Runs the load and returns its figures.
     *
     * @throws LoadFailedException if a connection or the asset setup fails
     * @throws InterruptedException if interrupted while waiting
     */
    public LoadReport run() throws LoadFailedException, InterruptedException {
        long seed = options.seed().orElseGet(System::nanoTime);
        SplittableRandom seeds = new SplittableRandom(seed);
        String runId = "load" + Long.toString(System.currentTimeMillis(), 36) + Integer.toString(seeds.nextInt(1296), 36);
        List<String> orgs = options.organizations();
        WorkloadMix mix = options.mix();

        Map<String, List<OrdoGateway>> connections = new LinkedHashMap<>();
        List<Thread> threads = new ArrayList<>();
        try {
            for (String org : orgs) {
                List<OrdoGateway> ofOrg = new ArrayList<>();
                connections.put(org, ofOrg);
                for (int i = 0; i < options.connections(); i++) {
                    ofOrg.add(OrdoGateway.connect(profile, org));
                }
            }
            log.printf(Locale.ROOT, "run %s: %d clients over %d connection(s) per organisation %s, channel %s, "
                    + "contract %s, seed %d%n", runId, options.clients(), options.connections(), orgs, channel,
                    options.contract(), seed);

            Map<String, List<String>> hot = new LinkedHashMap<>();
            for (String org : orgs) {
                List<String> ids = new ArrayList<>();
                if (mix.needsHotAssets()) {
                    for (int j = 0; j < options.hotAssets(); j++) {
                        ids.add(ClientWorkload.hotAssetKey(runId, org, j));
                    }
                }
                hot.put(org, ids);
            }
            if (mix.needsHotAssets()) {
                log.printf(Locale.ROOT, "setup: creating %d hot asset(s) per organisation%n", options.hotAssets());
                log.flush();
                for (String org : orgs) {
                    Contract contract = contract(connections.get(org).get(0));
                    ClientWorkload creator = new ClientWorkload(new WorkloadMix(0, 0), runId, -1, org, List.of(),
                            List.of(), seeds.split());
                    AssetSetup.create(contract, hot.get(org).stream().map(creator::create).toList());
                }
            }

            int own = mix.needsOwnAssets() ? options.ownAssets() : 0;
            if (own > 0) {
                log.printf(Locale.ROOT, "setup: each client creates %d asset(s) of its own%n", own);
                log.flush();
            }
            CountDownLatch setupDone = new CountDownLatch(options.clients());
            CountDownLatch go = new CountDownLatch(1);
            AtomicReference<RunClock> clock = new AtomicReference<>();
            AtomicReference<LoadFailedException> setupFailure = new AtomicReference<>();
            List<LoadClient> clients = new ArrayList<>();
            for (int i = 0; i < options.clients(); i++) {
                String org = orgs.get(i % orgs.size());
                OrdoGateway connection = connections.get(org).get((i / orgs.size()) % options.connections());
                List<String> ownIds = new ArrayList<>();
                for (int j = 0; j < own; j++) {
                    ownIds.add(ClientWorkload.ownAssetKey(runId, i, j));
                }
                ClientWorkload workload = new ClientWorkload(mix, runId, i, org, ownIds, hot.get(org), seeds.split());
                LoadClient client = new LoadClient(i, contract(connection), workload, ownIds, setupDone, go, clock,
                        failure -> setupFailure.compareAndSet(null, failure));
                clients.add(client);
                Thread thread = new Thread(client, "load-client-" + i);
                thread.setDaemon(true);
                threads.add(thread);
                thread.start();
            }
            setupDone.await();
            if (setupFailure.get() != null) {
                go.countDown(); // clock left unset: the clients return
                throw setupFailure.get();
            }
            Thread.sleep(SETTLE.toMillis());

            log.printf(Locale.ROOT, "load: %s warm-up, then %s measured, %s%n",
                    DurationConverter.format(options.warmup()), DurationConverter.format(options.duration()),
                    options.rate() > 0 ? LoadOptions.fmtRate(options.rate()) + " tx/s on a fixed schedule"
                            : "as fast as possible");
            log.flush();
            RunClock run = new RunClock(System.nanoTime(), options.warmup().toNanos(), options.duration().toNanos(),
                    options.rate());
            clock.set(run);
            go.countDown();

            sleepUntil(run.windowStart());
            Instant startedAt = Instant.now();
            HostSnapshot atStart = HostSnapshot.take();
            sleepUntil(run.end());
            HostSnapshot atEnd = HostSnapshot.take();
            double windowSeconds = (atEnd.nanoTime() - atStart.nanoTime()) / 1e9;

            long graceEnd = System.nanoTime() + profile.timeouts().commitStatus().toNanos() + STOP_GRACE.toNanos();
            for (Thread thread : threads) {
                long left = graceEnd - System.nanoTime();
                if (left > 0) {
                    thread.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
                }
                if (thread.isAlive()) {
                    thread.interrupt();
                }
            }
            TxStats total = new TxStats();
            clients.forEach(client -> total.add(client.stats()));
            return new LoadReport(options.runLabel(), startedAt, options, orgs, channel, seed, windowSeconds, total,
                    run.slotsDue(), Math.max(0, run.slotsDue() - run.slotsStarted()), atStart, atEnd);
        } catch (GatewayConnectException e) {
            throw new LoadFailedException("cannot connect: " + e.getMessage(), e);
        } finally {
            threads.forEach(Thread::interrupt);
            connections.values().forEach(list -> list.forEach(OrdoGateway::close));
        }
    }

    private Contract contract(OrdoGateway connection) {
        return connection.getNetwork(channel).getContract(options.contract());
    }

    private static void sleepUntil(long nanoTime) throws InterruptedException {
        long left;
        while ((left = nanoTime - System.nanoTime()) > 0) {
            TimeUnit.NANOSECONDS.sleep(left);
        }
    }
}
