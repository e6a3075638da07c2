package dev.ordo.membership.policy;

import dev.ordo.membership.msp.ChannelMsp;
import dev.ordo.membership.msp.MspConfigurationException;
import dev.ordo.proto.v1.ChannelConfig;
import dev.ordo.proto.v1.ImplicitMetaPolicy;
import dev.ordo.proto.v1.Organization;
import dev.ordo.proto.v1.Policy;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The policies of one channel, evaluated over signatures with the channel's MSP.
 *
 * <p>Channel policies come from {@code ChannelConfig.policies}; a missing one of the four
 * names Ordo relies on takes the default of Fabric's sample configuration:
 * {@code Readers} = ANY Readers, {@code Writers} = ANY Writers, {@code Admins} = MAJORITY
 * Admins, {@code Endorsement} = MAJORITY Endorsement. Organisation policies (the targets of
 * ImplicitMeta rules) come from {@code Organization.policies} and must be signature
 * policies; missing ones default to {@code Readers}/{@code Writers} = {@code OR('<msp>.member')},
 * {@code Admins} = {@code OR('<msp>.admin')}, {@code Endorsement} = {@code OR('<msp>.peer')}.
 *
 * <p>ImplicitMeta: ANY needs one organisation's sub-policy, ALL every organisation's,
 * MAJORITY more than half; a channel without organisations satisfies none of them. Every
 * signature is verified and its identity validated once per evaluation; a signature counts
 * only if both succeed, and an identity counts once however often it signed.
 *
 * <p>All policies of the configuration are parsed when this is built, so a bad policy fails
 * here, not at evaluation. Immutable and thread-safe.
 */
public final class ChannelPolicies {
    public static final String READERS = "Readers";
    public static final String WRITERS = "Writers";
    public static final String ADMINS = "Admins";
    public static final String ENDORSEMENT = "Endorsement";

    private static final int PARSED_POLICY_CACHE_LIMIT = 1_024;

    private final String channelId;
    private final ChannelMsp msp;
    private final Map<String, Policy> channelPolicies;
    /** Organisation policies by policy name, then MSP id. */
    private final Map<String, Map<String, SignaturePolicy>> organizationPolicies;
    private final List<String> mspIds;
    private final Map<String, SignaturePolicy> parsed = new ConcurrentHashMap<>();

    private ChannelPolicies(String channelId, ChannelMsp msp, Map<String, Policy> channelPolicies,
                            Map<String, Map<String, SignaturePolicy>> organizationPolicies, List<String> mspIds) {
        this.channelId = channelId;
        this.msp = msp;
        this.channelPolicies = channelPolicies;
        this.organizationPolicies = organizationPolicies;
        this.mspIds = mspIds;
    }

    /**
     * The policies of {@code config}, evaluated with {@code msp}.
     *
     * @throws MspConfigurationException naming the policy if one does not parse or an
     *     organisation policy is not a signature policy
     */
    public static ChannelPolicies of(ChannelConfig config, ChannelMsp msp) {
        Objects.requireNonNull(msp, "msp");
        String channelId = config.getChannelId();
        Map<String, Policy> channelPolicies = new LinkedHashMap<>(config.getPoliciesMap());
        channelPolicies.putIfAbsent(READERS, implicitMeta(ImplicitMetaPolicy.Rule.ANY, READERS));
        channelPolicies.putIfAbsent(WRITERS, implicitMeta(ImplicitMetaPolicy.Rule.ANY, WRITERS));
        channelPolicies.putIfAbsent(ADMINS, implicitMeta(ImplicitMetaPolicy.Rule.MAJORITY, ADMINS));
        channelPolicies.putIfAbsent(ENDORSEMENT, implicitMeta(ImplicitMetaPolicy.Rule.MAJORITY, ENDORSEMENT));

        Map<String, Map<String, SignaturePolicy>> byName = new LinkedHashMap<>();
        List<String> mspIds = new ArrayList<>();
        for (Organization organization : config.getOrganizationsList()) {
            String mspId = organization.getMspId();
            mspIds.add(mspId);
            Map<String, SignaturePolicy> own = new LinkedHashMap<>();
            own.put(READERS, member(mspId, PrincipalRole.MEMBER));
            own.put(WRITERS, member(mspId, PrincipalRole.MEMBER));
            own.put(ADMINS, member(mspId, PrincipalRole.ADMIN));
            own.put(ENDORSEMENT, member(mspId, PrincipalRole.PEER));
            for (Map.Entry<String, Policy> entry : organization.getPoliciesMap().entrySet()) {
                String where = "channel " + channelId + ", organisation " + mspId + ", policy " + entry.getKey();
                if (entry.getValue().getTypeCase() != Policy.TypeCase.SIGNATURE) {
                    throw new MspConfigurationException(where + ": organisation policies must be signature policies");
                }
                own.put(entry.getKey(), parseOrThrow(entry.getValue().getSignature(), where));
            }
            own.forEach((name, policy) -> byName.computeIfAbsent(name, n -> new LinkedHashMap<>()).put(mspId, policy));
        }
        ChannelPolicies policies = new ChannelPolicies(channelId, msp, Collections.unmodifiableMap(channelPolicies),
                byName, List.copyOf(mspIds));
        for (Map.Entry<String, Policy> entry : channelPolicies.entrySet()) {
            policies.check(entry.getValue(), "channel " + channelId + ", policy " + entry.getKey());
        }
        return policies;
    }

    /** Evaluates the channel policy named {@code policyName} (e.g. {@code Writers}). */
    public PolicyDecision evaluate(String policyName, List<SignedData> signedData) {
        Policy policy = channelPolicies.get(policyName);
        if (policy == null) {
            return PolicyDecision.denied("channel " + channelId + " has no policy named " + policyName);
        }
        PolicyDecision decision = evaluate(policy, signedData);
        return PolicyDecision.deferred(decision.satisfied(), () -> "policy " + policyName + " " + decision.reason());
    }

    /** Evaluates any policy (e.g. a contract's endorsement policy) over this channel's MSP. */
    public PolicyDecision evaluate(Policy policy, List<SignedData> signedData) {
        VerifiedSigners signers = VerifiedSigners.check(signedData, msp);
        switch (policy.getTypeCase()) {
            case SIGNATURE -> {
                SignaturePolicy rule;
                try {
                    rule = parsed(policy.getSignature());
                } catch (PolicySyntaxException e) {
                    return PolicyDecision.denied(e.getMessage());
                }
                boolean satisfied = SignaturePolicyEvaluator.satisfiedBy(rule, signers.signers());
                return PolicyDecision.deferred(satisfied, () -> rule + (satisfied ? " satisfied; " : " not satisfied; ")
                        + signers.describe());
            }
            case IMPLICIT_META -> {
                return implicitMeta(policy.getImplicitMeta(), signers);
            }
            default -> {
                return PolicyDecision.denied("policy has neither a signature rule nor an implicit meta rule");
            }
        }
    }

    /** Evaluates one organisation's policy (its own or the default) by name. */
    public PolicyDecision evaluateOrganizationPolicy(String mspId, String policyName, List<SignedData> signedData) {
        Optional<SignaturePolicy> rule = organizationPolicy(mspId, policyName);
        if (rule.isEmpty()) {
            return PolicyDecision.denied("organisation " + mspId + " of channel " + channelId + " has no policy "
                    + policyName);
        }
        VerifiedSigners signers = VerifiedSigners.check(signedData, msp);
        boolean satisfied = SignaturePolicyEvaluator.satisfiedBy(rule.get(), signers.signers());
        return PolicyDecision.deferred(satisfied, () -> mspId + " " + policyName + " " + rule.get()
                + (satisfied ? " satisfied; " : " not satisfied; ") + signers.describe());
    }

    /** The channel policy of that name, including defaults. */
    public Optional<Policy> policy(String policyName) {
        return Optional.ofNullable(channelPolicies.get(policyName));
    }

    /** An organisation's policy of that name, including defaults. */
    public Optional<SignaturePolicy> organizationPolicy(String mspId, String policyName) {
        return Optional.ofNullable(organizationPolicies.getOrDefault(policyName, Map.of()).get(mspId));
    }

    /** The MSP these policies validate identities with. */
    public ChannelMsp msp() {
        return msp;
    }

    private PolicyDecision implicitMeta(ImplicitMetaPolicy meta, VerifiedSigners signers) {
        String label = meta.getRule() + " " + meta.getSubPolicy();
        int organizations = mspIds.size();
        int needed = switch (meta.getRule()) {
            case ANY -> 1;
            case ALL -> organizations;
            case MAJORITY -> organizations / 2 + 1;
            default -> -1;
        };
        if (needed < 0) {
            return PolicyDecision.denied(label + ": unknown implicit meta rule");
        }
        if (organizations == 0) {
            return PolicyDecision.denied(label + ": channel " + channelId + " has no organisations");
        }
        Map<String, SignaturePolicy> subPolicies = organizationPolicies.getOrDefault(meta.getSubPolicy(), Map.of());
        int satisfiedCount = 0;
        for (String mspId : mspIds) {
            if (satisfiedCount >= needed) {
                break; // decided; the reason below names every organisation that satisfies it
            }
            if (satisfiedBySubPolicy(subPolicies, mspId, signers)) {
                satisfiedCount++;
            }
        }
        boolean satisfied = satisfiedCount >= needed;
        return PolicyDecision.deferred(satisfied, () -> {
            List<String> satisfiedBy = mspIds.stream()
                    .filter(mspId -> satisfiedBySubPolicy(subPolicies, mspId, signers)).toList();
            return label + (satisfied ? " satisfied" : " not satisfied") + ": " + satisfiedBy.size() + " of "
                    + organizations + " organisations " + satisfiedBy + ", " + needed + " needed; "
                    + signers.describe();
        });
    }

    private static boolean satisfiedBySubPolicy(Map<String, SignaturePolicy> subPolicies, String mspId,
            VerifiedSigners signers) {
        SignaturePolicy sub = subPolicies.get(mspId);
        return sub != null && SignaturePolicyEvaluator.satisfiedBy(sub, signers.signers());
    }

    private void check(Policy policy, String where) {
        switch (policy.getTypeCase()) {
            case SIGNATURE -> {
                try {
                    parsed(policy.getSignature());
                } catch (PolicySyntaxException e) {
                    throw new MspConfigurationException(where + ": " + e.getMessage(), e);
                }
            }
            case IMPLICIT_META -> {
                ImplicitMetaPolicy meta = policy.getImplicitMeta();
                if (meta.getRule() == ImplicitMetaPolicy.Rule.RULE_UNSPECIFIED
                        || meta.getRule() == ImplicitMetaPolicy.Rule.UNRECOGNIZED) {
                    throw new MspConfigurationException(where + ": implicit meta policy without a rule");
                }
                if (meta.getSubPolicy().isBlank()) {
                    throw new MspConfigurationException(where + ": implicit meta policy without a sub-policy name");
                }
            }
            default -> throw new MspConfigurationException(where + ": policy has no rule");
        }
    }

    private SignaturePolicy parsed(String expression) throws PolicySyntaxException {
        SignaturePolicy cached = parsed.get(expression);
        if (cached != null) {
            return cached;
        }
        SignaturePolicy policy = PolicyParser.parse(expression);
        if (parsed.size() >= PARSED_POLICY_CACHE_LIMIT) {
            parsed.clear();
        }
        parsed.put(expression, policy);
        return policy;
    }

    private static SignaturePolicy parseOrThrow(String expression, String where) {
        try {
            return PolicyParser.parse(expression);
        } catch (PolicySyntaxException e) {
            throw new MspConfigurationException(where + ": " + e.getMessage(), e);
        }
    }

    private static SignaturePolicy member(String mspId, PrincipalRole role) {
        return new SignaturePolicy.NOutOf(1, List.of(new SignaturePolicy.SignedBy(mspId, role)));
    }

    private static Policy implicitMeta(ImplicitMetaPolicy.Rule rule, String subPolicy) {
        return Policy.newBuilder()
                .setImplicitMeta(ImplicitMetaPolicy.newBuilder().setRule(rule).setSubPolicy(subPolicy))
                .build();
    }
}
