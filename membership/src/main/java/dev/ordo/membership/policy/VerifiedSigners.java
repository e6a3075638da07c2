package dev.ordo.membership.policy;

import dev.ordo.membership.identity.Identity;
import dev.ordo.membership.msp.ChannelMsp;
import dev.ordo.membership.msp.IdentityValidationException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The distinct identities whose signatures verified and whose identities the channel's MSP
 * accepts, plus a note for every signature that was not counted. Each signature is checked
 * once, however many policies are then evaluated over the result.
 */
final class VerifiedSigners {
    /** Keeps decision reasons (which end up in logs and error responses) short. */
    private static final int MAX_REFUSALS_SHOWN = 10;

    private final List<Identity> signers;
    private final List<String> refusals;

    private VerifiedSigners(List<Identity> signers, List<String> refusals) {
        this.signers = signers;
        this.refusals = refusals;
    }

    static VerifiedSigners check(List<SignedData> signatures, ChannelMsp msp) {
        Set<Identity> signers = new LinkedHashSet<>();
        List<String> refusals = new ArrayList<>();
        for (int i = 0; i < signatures.size(); i++) {
            SignedData signed = signatures.get(i);
            Identity identity;
            try {
                identity = msp.validate(signed.identity());
            } catch (IdentityValidationException e) {
                refusals.add("signature " + i + ": " + e.getMessage());
                continue;
            }
            if (signers.contains(identity)) {
                refusals.add("signature " + i + ": duplicate signer " + identity.mspId() + "/"
                        + identity.role().name().toLowerCase(java.util.Locale.ROOT) + " counted once");
                continue;
            }
            if (!identity.verify(signed.data(), signed.signature())) {
                refusals.add("signature " + i + " by " + identity.mspId() + "/"
                        + identity.certificate().getSubjectX500Principal().getName() + ": signature does not verify");
                continue;
            }
            signers.add(identity);
        }
        return new VerifiedSigners(List.copyOf(signers), List.copyOf(refusals));
    }

    List<Identity> signers() {
        return signers;
    }

    /** "valid signers [...]; not counted: ..." for decision reasons. */
    String describe() {
        String valid = signers.stream()
                .map(s -> s.mspId() + "." + s.role().name().toLowerCase(java.util.Locale.ROOT))
                .collect(Collectors.joining(", ", "[", "]"));
        if (refusals.isEmpty()) {
            return "valid signers " + valid;
        }
        List<String> shown = refusals.size() <= MAX_REFUSALS_SHOWN ? refusals : refusals.subList(0, MAX_REFUSALS_SHOWN);
        String more = refusals.size() > shown.size() ? "; and " + (refusals.size() - shown.size()) + " more" : "";
        return "valid signers " + valid + "; not counted: " + String.join("; ", shown) + more;
    }
}
