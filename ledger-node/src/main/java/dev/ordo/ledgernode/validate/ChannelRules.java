package dev.ordo.ledgernode.validate;

import dev.ordo.membership.identity.Identity;
import dev.ordo.membership.msp.ChannelMsp;
import dev.ordo.membership.msp.MspConfigurationException;
import dev.ordo.membership.policy.ChannelPolicies;
import dev.ordo.membership.policy.PolicyParser;
import dev.ordo.membership.policy.PolicySyntaxException;
import dev.ordo.membership.policy.SignaturePolicy;
import dev.ordo.membership.policy.SignaturePolicyEvaluator;
import dev.ordo.proto.v1.ChannelConfig;
import dev.ordo.proto.v1.ContractDefinition;
import dev.ordo.proto.v1.ImplicitMetaPolicy;
import dev.ordo.proto.v1.Policy;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What one channel configuration says about transactions: its MSP, its policies and its
 * contract definitions. Immutable; a config block replaces it for the blocks after it.
 *
 * <p>Policies are evaluated here over identities whose signatures the validator has already
 * verified, so each signature of a transaction is verified exactly once however many policies
 * (Writers, one endorsement policy per namespace) are checked; the rules are those of
 * {@link ChannelPolicies} (ImplicitMeta ANY/ALL/MAJORITY over the organisations' own policies).
 *
 * <p>The MSP checks certificate validity against {@link TransactionClock}: the validated
 * transaction's own timestamp, so that validation is deterministic across peers and replays.
 */
public final class ChannelRules {
    private final ChannelConfig config;
    private final long configBlock;
    private final ChannelMsp msp;
    private final ChannelPolicies policies;
    private final Map<String, ContractDefinition> contracts;
    private final Map<String, SignaturePolicy> parsedPolicies = new ConcurrentHashMap<>();

    private ChannelRules(ChannelConfig config, long configBlock, ChannelMsp msp, ChannelPolicies policies,
            Map<String, ContractDefinition> contracts) {
        this.config = config;
        this.configBlock = configBlock;
        this.msp = msp;
        this.policies = policies;
        this.contracts = contracts;
    }

    /**
     * The rules of {@code config}, committed in block {@code configBlock}.
     *
     * @throws MspConfigurationException if an organisation or a policy of the configuration is unusable
     */
    public static ChannelRules of(ChannelConfig config, long configBlock) {
        ChannelMsp msp = ChannelMsp.of(config.getOrganizationsList(), TransactionClock.INSTANCE);
        ChannelPolicies policies = ChannelPolicies.of(config, msp);
        Map<String, ContractDefinition> contracts = new LinkedHashMap<>();
        for (ContractDefinition contract : config.getContractsList()) {
            if (contracts.putIfAbsent(contract.getName(), contract) != null) {
                throw new MspConfigurationException("channel " + config.getChannelId() + ": contract "
                        + contract.getName() + " is defined twice");
            }
        }
        ChannelRules rules = new ChannelRules(config, configBlock, msp, policies, Map.copyOf(contracts));
        for (ContractDefinition contract : contracts.values()) {
            if (contract.hasEndorsementPolicy()
                    && contract.getEndorsementPolicy().getTypeCase() == Policy.TypeCase.SIGNATURE) {
                try {
                    rules.signaturePolicy(contract.getEndorsementPolicy().getSignature());
                } catch (PolicySyntaxException e) {
                    throw new MspConfigurationException("channel " + config.getChannelId() + ", contract "
                            + contract.getName() + ", endorsement policy: " + e.getMessage(), e);
                }
            }
        }
        return rules;
    }

    public ChannelConfig config() {
        return config;
    }

    public String channelId() {
        return config.getChannelId();
    }

    /** Number of the block that carried this configuration. */
    public long configBlock() {
        return configBlock;
    }

    public ChannelMsp msp() {
        return msp;
    }

    public ChannelPolicies policies() {
        return policies;
    }

    public Optional<ContractDefinition> contract(String name) {
        return Optional.ofNullable(contracts.get(name));
    }

    /** The contract's own endorsement policy, else the channel's {@code Endorsement} policy. */
    public Policy endorsementPolicy(ContractDefinition contract) {
        if (contract.hasEndorsementPolicy()
                && contract.getEndorsementPolicy().getTypeCase() != Policy.TypeCase.TYPE_NOT_SET) {
            return contract.getEndorsementPolicy();
        }
        return policies.policy(ChannelPolicies.ENDORSEMENT).orElseThrow();
    }

    /** The channel policy {@code name} (defaults included). */
    public Policy channelPolicy(String name) {
        return policies.policy(name).orElseThrow(() -> new IllegalArgumentException("no channel policy " + name));
    }

    /** Whether {@code policy} is satisfied by these distinct, already verified and validated signers. */
    public boolean satisfiedBy(Policy policy, List<Identity> signers) {
        switch (policy.getTypeCase()) {
            case SIGNATURE -> {
                try {
                    return SignaturePolicyEvaluator.satisfiedBy(signaturePolicy(policy.getSignature()), signers);
                } catch (PolicySyntaxException e) {
                    return false;
                }
            }
            case IMPLICIT_META -> {
                return implicitMetaSatisfied(policy.getImplicitMeta(), signers);
            }
            default -> {
                return false;
            }
        }
    }

    private boolean implicitMetaSatisfied(ImplicitMetaPolicy meta, List<Identity> signers) {
        int organizations = msp.mspIds().size();
        int needed = switch (meta.getRule()) {
            case ANY -> 1;
            case ALL -> organizations;
            case MAJORITY -> organizations / 2 + 1;
            default -> -1;
        };
        if (needed < 0 || organizations == 0) {
            return false;
        }
        int satisfied = 0;
        for (String mspId : msp.mspIds()) {
            Optional<SignaturePolicy> sub = policies.organizationPolicy(mspId, meta.getSubPolicy());
            if (sub.isPresent() && SignaturePolicyEvaluator.satisfiedBy(sub.get(), signers)) {
                satisfied++;
                if (satisfied >= needed) {
                    return true;
                }
            }
        }
        return false;
    }

    private SignaturePolicy signaturePolicy(String expression) throws PolicySyntaxException {
        SignaturePolicy cached = parsedPolicies.get(expression);
        if (cached == null) {
            cached = PolicyParser.parse(expression);
            parsedPolicies.put(expression, cached);
        }
        return cached;
    }
}
