package dev.ordo.contracts.api;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One call of a contract, as an endorser received it in a proposal.
 *
 * @param channelId the channel the proposal was sent on
 * @param txId the proposal's transaction id
 * @param timestamp the proposal's channel-header timestamp
 * @param creator the marshalled {@code msp.SerializedIdentity} of the client
 * @param signedProposal the marshalled {@code peer.SignedProposal}, handed to contracts as is
 * @param binding Fabric's proposal binding: SHA-256(nonce ‖ creator ‖ epoch as 8 bytes little endian)
 * @param localMspId the MSP id of the node running the contract ({@code ChaincodeStub.getMspId()})
 * @param args {@code args[0]} is the transaction name ({@code Contract:Function} or {@code Function}),
 *     the arguments follow
 * @param transientData the proposal's transient map; never stored on the ledger
 */
public record Invocation(
    String channelId,
    String txId,
    Instant timestamp,
    byte[] creator,
    byte[] signedProposal,
    byte[] binding,
    String localMspId,
    List<byte[]> args,
    Map<String, byte[]> transientData) {

  /** Checks that every field is present and freezes the collections. */
  public Invocation {
    requireText(channelId, "channelId");
    requireText(txId, "txId");
    Objects.requireNonNull(timestamp, "timestamp");
    Objects.requireNonNull(creator, "creator");
    if (creator.length == 0) {
      throw new IllegalArgumentException("creator must not be empty");
    }
    Objects.requireNonNull(signedProposal, "signedProposal");
    Objects.requireNonNull(binding, "binding");
    requireText(localMspId, "localMspId");
    Objects.requireNonNull(args, "args");
    if (args.isEmpty()) {
      throw new IllegalArgumentException("args must name the transaction in args[0]");
    }
    for (int i = 0; i < args.size(); i++) {
      Objects.requireNonNull(args.get(i), "args[" + i + "]");
    }
    args = Collections.unmodifiableList(new ArrayList<>(args));
    Objects.requireNonNull(transientData, "transientData");
    transientData.forEach((k, v) -> {
      Objects.requireNonNull(k, "transient key");
      Objects.requireNonNull(v, "transient value of " + k);
    });
    transientData = Collections.unmodifiableMap(new LinkedHashMap<>(transientData));
  }

  private static void requireText(String value, String name) {
    Objects.requireNonNull(value, name);
    if (value.isEmpty()) {
      throw new IllegalArgumentException(name + " must not be empty");
    }
  }
}
