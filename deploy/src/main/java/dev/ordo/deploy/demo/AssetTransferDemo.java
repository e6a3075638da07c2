package dev.ordo.deploy.demo;

import dev.ordo.sdk.GatewayConnectException;
import dev.ordo.sdk.OrdoGateway;
import dev.ordo.sdk.profile.NetworkProfile;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.hyperledger.fabric.client.CallOption;
import org.hyperledger.fabric.client.ChaincodeEvent;
import org.hyperledger.fabric.client.CloseableIterator;
import org.hyperledger.fabric.client.Contract;
import org.hyperledger.fabric.client.GatewayException;
import org.hyperledger.fabric.client.Network;
import org.hyperledger.fabric.client.Status;
import org.hyperledger.fabric.client.SubmittedTransaction;
import org.hyperledger.fabric.protos.common.Block;

/**
 * A short tour of the network with the official Fabric Gateway client, printing each step: Org1
 * creates an asset and transfers it to Org2 (each endorsed by both organisations' peers, as the
 * channel's endorsement policy demands), Org2 reads it through its own peer, Org1 reads its
 * history, and the chaincode events of both transactions are replayed from the ledger.
 */
public final class AssetTransferDemo {
    /** The asset-transfer sample's name on the channel (as Fabric's asset-transfer-basic). */
    public static final String CONTRACT = "basic";
    private static final Duration EVENT_WAIT = Duration.ofSeconds(30);
    private static final Duration BLOCK_WAIT = Duration.ofSeconds(60);

    private final NetworkProfile profile;
    private final String channelId;
    private final PrintWriter out;

    /** What the demo did. */
    public record Outcome(String assetId, String createTxId, long createBlock, String transferTxId,
            long transferBlock, String assetAsSeenByOrg2, int historyEntries, List<String> events) {
    }

    public AssetTransferDemo(NetworkProfile profile, String channelId, PrintWriter out) {
        this.profile = profile;
        this.channelId = channelId;
        this.out = out;
    }

    /**
     * Runs the demo as {@code Org1MSP} and {@code Org2MSP}.
     *
     * @throws DemoFailedException saying which step failed and why
     */
    public Outcome run() throws DemoFailedException {
        String assetId = "asset-" + Instant.now().toEpochMilli();
        try (OrdoGateway org1 = connect("Org1MSP"); OrdoGateway org2 = connect("Org2MSP")) {
            Network org1Network = org1.getNetwork(channelId);
            Contract org1Contract = org1Network.getContract(CONTRACT);
            Network org2Network = org2.getNetwork(channelId);
            Contract org2Contract = org2Network.getContract(CONTRACT);

            step("Org1 creates " + assetId + " (endorsed by Org1 and Org2, ordered by the Raft orderers)");
            Committed create = submit(org1Contract, "CreateAsset", assetId, "blue", "5", "Tom", "1300");
            awaitBlock(org2Network, "Org2", create.block());

            step("Org1 transfers " + assetId + " to Bob of Org2");
            Committed transfer = submit(org1Contract, "TransferAsset", assetId, "Bob", "Org2MSP");
            awaitBlock(org2Network, "Org2", transfer.block());

            step("Org2 reads " + assetId + " through its own peer");
            String asset = evaluate(org2Contract, "ReadAsset", assetId);
            out.println("    " + asset);
            if (!asset.contains("\"Bob\"") || !asset.contains("\"Org2MSP\"")) {
                throw new DemoFailedException("ReadAsset on Org2's peer does not show the transfer: " + asset);
            }

            step("Org1 reads the history of " + assetId);
            String history = evaluate(org1Contract, "GetAssetHistory", assetId);
            int entries = history.split("\"txId\"", -1).length - 1;
            out.println("    " + entries + " entries: " + history);
            if (entries != 2) {
                throw new DemoFailedException("GetAssetHistory returned " + entries + " entries, expected 2: " + history);
            }

            step("chaincode events of " + CONTRACT + " from block " + create.block());
            List<String> events = replayEvents(org1Network, create.block(), Set.of(create.txId(), transfer.txId()));
            return new Outcome(assetId, create.txId(), create.block(), transfer.txId(), transfer.block(), asset,
                    entries, events);
        } catch (GatewayConnectException e) {
            throw new DemoFailedException("cannot connect a gateway: " + e.getMessage(), e);
        }
    }

    private record Committed(String txId, long block) {
    }

    private OrdoGateway connect(String mspId) throws GatewayConnectException {
        return OrdoGateway.connect(profile, mspId);
    }

    private void step(String what) {
        out.println("==> " + what);
    }

    /**
     * Waits until {@code org}'s own peer has committed block {@code number}. A commit status
     * comes from the client's gateway peer only; the other organisation's peer may still be a
     * block behind, and endorsing or reading there too early sees the old state (Fabric
     * behaves the same). Its block events start at that block and wait for it.
     */
    private void awaitBlock(Network network, String org, long number) throws DemoFailedException {
        try (CloseableIterator<Block> blocks = network.newBlockEventsRequest().startBlock(number).build()
                .getEvents(options -> options.withDeadlineAfter(BLOCK_WAIT.toMillis(), TimeUnit.MILLISECONDS))) {
            blocks.next();
        } catch (RuntimeException e) {
            throw new DemoFailedException(org + "'s peer did not commit block " + number + " within " + BLOCK_WAIT
                    + ": " + e.getMessage(), e);
        }
    }

    private Committed submit(Contract contract, String function, String... args) throws DemoFailedException {
        try {
            SubmittedTransaction submitted = contract.newProposal(function).addArguments(args).build()
                    .endorse().submitAsync();
            Status status = submitted.getStatus();
            if (!status.isSuccessful()) {
                throw new DemoFailedException(function + " " + status.getTransactionId() + " committed as invalid: "
                        + status.getCode() + " in block " + status.getBlockNumber());
            }
            out.println("    tx " + status.getTransactionId() + " committed VALID in block " + status.getBlockNumber());
            String result = new String(submitted.getResult(), StandardCharsets.UTF_8);
            if (!result.isEmpty()) {
                out.println("    result: " + result);
            }
            return new Committed(status.getTransactionId(), status.getBlockNumber());
        } catch (GatewayException e) {
            throw new DemoFailedException(function + " failed: " + describe(e), e);
        }
    }

    private String evaluate(Contract contract, String function, String... args) throws DemoFailedException {
        try {
            return new String(contract.evaluateTransaction(function, args), StandardCharsets.UTF_8);
        } catch (GatewayException e) {
            throw new DemoFailedException(function + " failed: " + describe(e), e);
        }
    }

    private List<String> replayEvents(Network network, long fromBlock, Set<String> txIds) throws DemoFailedException {
        List<String> seen = new ArrayList<>();
        Set<String> missing = new java.util.HashSet<>(txIds);
        try (CloseableIterator<ChaincodeEvent> events = network.newChaincodeEventsRequest(CONTRACT)
                .startBlock(fromBlock).build()
                .getEvents(CallOption.deadlineAfter(EVENT_WAIT.toMillis(), TimeUnit.MILLISECONDS))) {
            while (!missing.isEmpty() && events.hasNext()) {
                ChaincodeEvent event = events.next();
                String line = event.getEventName() + " (block " + event.getBlockNumber() + ", tx "
                        + event.getTransactionId() + "): " + new String(event.getPayload(), StandardCharsets.UTF_8);
                out.println("    event " + line);
                seen.add(line);
                missing.remove(event.getTransactionId());
            }
        } catch (RuntimeException e) {
            throw new DemoFailedException("reading chaincode events failed: " + e.getMessage(), e);
        }
        if (!missing.isEmpty()) {
            throw new DemoFailedException("no chaincode event within " + EVENT_WAIT.toSeconds() + " s for " + missing);
        }
        return seen;
    }

    private static String describe(GatewayException e) {
        StringBuilder text = new StringBuilder(e.getMessage());
        e.getDetails().forEach(d -> text.append("; ").append(d.getMspId()).append('@').append(d.getAddress())
                .append(": ").append(d.getMessage()));
        return text.toString();
    }
}
