package dev.ordo.contracts.runtime;

import com.google.protobuf.ByteString;
import dev.ordo.contracts.api.Invocation;
import dev.ordo.proto.wire.SignedProposalView;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Turns a checked proposal into the {@link Invocation} a contract call needs. */
public final class ProposalInvocations {

  private ProposalInvocations() {}

  /**
   * The call a proposal asks for, with the transient map, Fabric's binding and the signed
   * proposal bytes the stub hands to contracts.
   *
   * @param proposal a proposal already parsed and checked by the wire layer
   * @param localMspId the MSP id of the node that runs the contract
   * @throws IllegalArgumentException if the proposal names no transaction
   */
  public static Invocation from(SignedProposalView proposal, String localMspId) {
    List<byte[]> args = proposal.args().stream().map(ByteString::toByteArray).toList();
    Map<String, byte[]> transientData = new LinkedHashMap<>();
    proposal.transientMap().forEach((k, v) -> transientData.put(k, v.toByteArray()));
    byte[] creator = proposal.creator();
    return new Invocation(proposal.channelId(), proposal.txId(),
        proposal.header().timestampInstant(), creator,
        proposal.signedProposal().toByteArray(),
        ProposalBinding.compute(proposal.nonce(), creator, proposal.header().epoch()),
        localMspId, args, transientData);
  }
}
