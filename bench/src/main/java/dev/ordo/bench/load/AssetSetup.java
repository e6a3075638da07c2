package dev.ordo.bench.load;

import dev.ordo.sdk.GatewayErrors;
import java.util.ArrayList;
import java.util.List;
import org.hyperledger.fabric.client.Contract;
import org.hyperledger.fabric.client.GatewayException;
import org.hyperledger.fabric.client.Status;
import org.hyperledger.fabric.client.SubmittedTransaction;

/**
 * Creates the assets a run transfers before its clock starts: all creations of one caller are
 * endorsed and submitted first, then their commit statuses awaited, so a few hundred assets take
 * a few blocks rather than one block each. Every one must commit VALID.
 */
final class AssetSetup {
    private AssetSetup() {
    }

    /**
     * Creates every asset of {@code creations} through {@code contract}.
     *
     * @throws LoadFailedException naming the asset and the failure, at the first one that fails
     */
    static void create(Contract contract, List<ClientWorkload.Call> creations) throws LoadFailedException {
        List<SubmittedTransaction> submitted = new ArrayList<>();
        for (ClientWorkload.Call call : creations) {
            try {
                submitted.add(contract.newProposal(call.function()).addArguments(call.arguments()).build()
                        .endorse().submitAsync());
            } catch (GatewayException | RuntimeException e) {
                throw new LoadFailedException("setup: creating asset " + call.arguments()[0] + " failed: "
                        + GatewayErrors.describe(e), e);
            }
        }
        for (int i = 0; i < submitted.size(); i++) {
            String id = creations.get(i).arguments()[0];
            try {
                Status status = submitted.get(i).getStatus();
                if (!status.isSuccessful()) {
                    throw new LoadFailedException("setup: asset " + id + " (tx " + status.getTransactionId()
                            + ") committed as " + status.getCode() + " in block " + status.getBlockNumber());
                }
            } catch (GatewayException | RuntimeException e) {
                throw new LoadFailedException("setup: commit status of asset " + id + " failed: "
                        + GatewayErrors.describe(e), e);
            }
        }
    }
}
