package dev.ordo.ledgernode.endorse;

import dev.ordo.contracts.api.Invocation;
import dev.ordo.contracts.runtime.ProposalInvocations;
import dev.ordo.contracts.simulation.SimulationResult;
import dev.ordo.ledgernode.channel.ChannelDirectory;
import dev.ordo.ledgernode.channel.PeerChannel;
import dev.ordo.ledgernode.contract.ContractDeployments;
import dev.ordo.ledgernode.ledger.StateSnapshot;
import dev.ordo.ledgernode.validate.ChannelRules;
import dev.ordo.membership.identity.Identity;
import dev.ordo.membership.identity.SigningIdentity;
import dev.ordo.membership.msp.IdentityValidationException;
import dev.ordo.proto.v1.ContractDefinition;
import dev.ordo.proto.wire.ProposalResponses;
import dev.ordo.proto.wire.SignedProposalView;
import dev.ordo.proto.wire.WireFormatException;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.hyperledger.fabric.protos.peer.ProposalResponse;
import org.hyperledger.fabric.protos.peer.SignedProposal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fabric's endorser: checks a signed proposal (well-formed, tx id bound to nonce and creator,
 * creator valid in the channel's MSP and its signature good, the channel's access policy, tx id
 * not yet committed), runs the contract in-process against committed state and signs the
 * result. Every refusal is an unendorsed response with status 500 and a message saying why; a
 * contract error keeps the contract's status and message.
 */
public final class ProposalEndorser {
    private static final Logger log = LoggerFactory.getLogger(ProposalEndorser.class);
    private static final int SERVER_ERROR = 500;

    private final String mspId;
    private final SigningIdentity signer;
    private final ChannelDirectory channels;
    private final ContractDeployments contracts;
    private final Consumer<Long> latencyNanos;

    public ProposalEndorser(String mspId, SigningIdentity signer, ChannelDirectory channels,
            ContractDeployments contracts, Consumer<Long> latencyNanos) {
        this.mspId = mspId;
        this.signer = signer;
        this.channels = channels;
        this.contracts = contracts;
        this.latencyNanos = latencyNanos;
    }

    public String mspId() {
        return mspId;
    }

    /**
     * Endorses (or refuses) {@code signedProposal}.
     *
     * @param accessPolicy the channel policy the creator must satisfy: Writers for proposals to
     *     be submitted (Fabric's peer/Propose ACL), Readers for the gateway's Evaluate
     */
    public EndorsementOutcome process(SignedProposal signedProposal, String accessPolicy) {
        long started = System.nanoTime();
        SignedProposalView proposal;
        try {
            proposal = SignedProposalView.parse(signedProposal);
        } catch (WireFormatException e) {
            return rejected(null, "malformed proposal: " + e.getMessage());
        }
        try {
            return endorse(proposal, accessPolicy);
        } catch (RuntimeException e) {
            log.error("channel {}, tx {}: endorsement failed unexpectedly", proposal.channelId(), proposal.txId(), e);
            return rejected(proposal.txId(), "endorsement failed: " + e);
        } finally {
            latencyNanos.accept(System.nanoTime() - started);
        }
    }

    private EndorsementOutcome endorse(SignedProposalView proposal, String accessPolicy) {
        String txId = proposal.txId();
        Optional<PeerChannel> found = channels.channel(proposal.channelId());
        if (found.isEmpty()) {
            return rejected(txId, "channel " + proposal.channelId() + " not found on this peer");
        }
        PeerChannel channel = found.get();
        ChannelRules rules = channel.rules();
        Identity creator;
        try {
            creator = rules.msp().validate(proposal.creator());
        } catch (IdentityValidationException e) {
            return denied(txId, "access denied: creator is not valid on channel " + channel.id() + ": "
                    + e.getMessage());
        }
        if (!creator.verify(proposal.signedBytes(), proposal.signature())) {
            return denied(txId, "access denied: the proposal's signature does not verify for its creator "
                    + creator.mspId());
        }
        // The signature was just verified: evaluate over the identity, not the signed data,
        // which would verify it a second time (a whole P-256 verification per proposal).
        boolean allowed;
        try {
            allowed = rules.satisfiedBy(rules.channelPolicy(accessPolicy), List.of(creator));
        } catch (IllegalArgumentException e) {
            return denied(txId, "access denied: channel " + channel.id() + " has no policy " + accessPolicy);
        }
        if (!allowed) {
            return denied(txId, "access denied: channel " + channel.id() + " policy " + accessPolicy
                    + " is not satisfied by " + creator.mspId() + "/"
                    + creator.role().name().toLowerCase(java.util.Locale.ROOT));
        }
        if (channel.ledger().transaction(txId).isPresent()) {
            return rejected(txId, "duplicate transaction found [" + txId + "]: it is already committed");
        }
        Optional<ContractDefinition> definition = rules.contract(proposal.chaincodeName());
        if (definition.isEmpty()) {
            return rejected(txId, "contract " + proposal.chaincodeName() + " is not defined on channel "
                    + channel.id());
        }
        ContractDeployments.Lookup lookup = contracts.lookup(definition.get());
        if (lookup instanceof ContractDeployments.Unavailable unavailable) {
            return rejected(txId, unavailable.reason());
        }
        ContractDeployments.Ready ready = (ContractDeployments.Ready) lookup;
        Invocation invocation = ProposalInvocations.from(proposal, mspId);
        SimulationResult result;
        try (StateSnapshot state = channel.ledger().snapshot()) {
            result = ready.contract().simulate(invocation, state);
        }
        if (!result.isSuccess()) {
            log.debug("channel {}, tx {}: contract {} returned {}: {}", channel.id(), txId, proposal.chaincodeName(),
                    result.response().getStatus(), result.response().getMessage());
            return new EndorsementOutcome(EndorsementOutcome.Kind.CONTRACT_ERROR,
                    ProposalResponses.failure(result.response().getStatus(), result.response().getMessage()), txId);
        }
        if (result.hasPrivateWrites()) {
            return rejected(txId, "contract " + proposal.chaincodeName()
                    + " wrote private data, which needs the private-tx-manager (not configured on this peer)");
        }
        ProposalResponse response = ProposalResponses.endorse(proposal, ready.definition().getVersion(),
                result.response(), result.readWriteSet(), result.event().orElse(null), signer);
        return new EndorsementOutcome(EndorsementOutcome.Kind.ENDORSED, response, txId);
    }

    private static EndorsementOutcome denied(String txId, String message) {
        return new EndorsementOutcome(EndorsementOutcome.Kind.DENIED,
                ProposalResponses.failure(SERVER_ERROR, message), txId);
    }

    private static EndorsementOutcome rejected(String txId, String message) {
        return new EndorsementOutcome(EndorsementOutcome.Kind.REJECTED,
                ProposalResponses.failure(SERVER_ERROR, message), txId);
    }
}
