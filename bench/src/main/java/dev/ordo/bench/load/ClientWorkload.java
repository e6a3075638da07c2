package dev.ordo.bench.load;

import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * The transactions of one client: the kind from the {@link WorkloadMix}, then the contract
 * call with its arguments for the asset-transfer contract ({@code CreateAsset(id, color, size,
 * owner, appraisedValue)}, {@code TransferAsset(id, newOwner, newOwnerOrg)}).
 *
 * <p>Creations use a key made of the run id, the client number and a per-client counter, so
 * keys never collide, within a run or with earlier runs on the same ledger. Transfers of own
 * assets go round-robin over the client's assets, so consecutive transactions of a client never
 * touch the same key (the second organisation's peer, which must endorse too, may still be a
 * block behind the client's gateway peer). Transfers keep the asset in the client's
 * organisation, since the contract lets only the owning organisation transfer it.
 */
public final class ClientWorkload {
    private static final String[] COLORS = {"blue", "red", "green", "yellow", "black", "white"};
    private static final String[] OWNERS = {"Tomoko", "Brad", "Jin Soo", "Max", "Adriana", "Michel"};

    private final WorkloadMix mix;
    private final String runId;
    private final int client;
    private final String mspId;
    private final List<String> ownAssets;
    private final List<String> hotAssets;
    private final SplittableRandom random;
    private long created;
    private int nextOwn;

    /** One transaction: its kind, the contract function and the arguments. */
    public record Call(TxKind kind, String function, String[] arguments) {
    }

    /**
     * @param mix the transaction mix
     * @param runId prefix of every key this run creates
     * @param client the client's number
     * @param mspId the client's organisation (new owners stay in it)
     * @param ownAssets the assets only this client transfers (may be empty if the mix has no own transfers)
     * @param hotAssets the shared assets of the organisation (may be empty if the mix has no hot transfers)
     * @param random this client's random source
     */
    public ClientWorkload(WorkloadMix mix, String runId, int client, String mspId, List<String> ownAssets,
            List<String> hotAssets, SplittableRandom random) {
        this.mix = Objects.requireNonNull(mix, "mix");
        this.runId = Objects.requireNonNull(runId, "runId");
        this.client = client;
        this.mspId = Objects.requireNonNull(mspId, "mspId");
        this.ownAssets = List.copyOf(ownAssets);
        this.hotAssets = List.copyOf(hotAssets);
        this.random = Objects.requireNonNull(random, "random");
        if (mix.needsOwnAssets() && this.ownAssets.isEmpty()) {
            throw new IllegalArgumentException("the mix transfers own assets but client " + client + " has none");
        }
        if (mix.needsHotAssets() && this.hotAssets.isEmpty()) {
            throw new IllegalArgumentException("the mix transfers hot assets but there are none");
        }
    }

    /** The key of the {@code n}-th asset created by {@code client} in run {@code runId}. */
    public static String assetKey(String runId, int client, long n) {
        return runId + "-c" + client + "-" + n;
    }

    /** The key of the {@code n}-th asset client {@code client} creates before the run to transfer it. */
    public static String ownAssetKey(String runId, int client, int n) {
        return runId + "-own-c" + client + "-" + n;
    }

    /** The key of the {@code n}-th hot asset of organisation {@code mspId}. */
    public static String hotAssetKey(String runId, String mspId, int n) {
        return runId + "-hot-" + mspId + "-" + n;
    }

    /** The next transaction. */
    public Call next() {
        TxKind kind = mix.choose(random);
        return switch (kind) {
            case CREATE -> create(assetKey(runId, client, created++));
            case TRANSFER_OWN -> transfer(kind, ownAssets.get(nextOwn++ % ownAssets.size()));
            case TRANSFER_HOT -> transfer(kind, hotAssets.get(random.nextInt(hotAssets.size())));
        };
    }

    /** A creation of asset {@code id} with random attributes. */
    public Call create(String id) {
        return new Call(TxKind.CREATE, "CreateAsset", new String[] {id, COLORS[random.nextInt(COLORS.length)],
                Integer.toString(1 + random.nextInt(20)), OWNERS[random.nextInt(OWNERS.length)],
                Integer.toString(100 + random.nextInt(900))});
    }

    private Call transfer(TxKind kind, String id) {
        return new Call(kind, "TransferAsset", new String[] {id, OWNERS[random.nextInt(OWNERS.length)], mspId});
    }
}
