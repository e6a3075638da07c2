package dev.ordo.ledgernode.intake;

import com.google.protobuf.ByteString;
import dev.ordo.ledgernode.validate.ChannelRules;
import dev.ordo.membership.identity.Identity;
import dev.ordo.membership.msp.IdentityValidationException;
import dev.ordo.proto.v1.Consenter;
import dev.ordo.proto.wire.BlockSignatures;
import dev.ordo.proto.wire.SignedContent;
import dev.ordo.proto.wire.WireFormatException;
import java.util.HashSet;
import java.util.Set;
import org.hyperledger.fabric.protos.common.Block;

/**
 * Checks that a block pulled from an orderer was signed by one of the channel's consenters
 * (ChannelConfig.ordering.consenters[].identity): the signer's identity must be a consenter's,
 * valid in the channel's MSP, and its signature over the block's signed bytes must verify.
 * The consenters are those of the configuration in force before the block.
 */
final class OrdererSignatureCheck {
    private OrdererSignatureCheck() {
    }

    /** Why the block is not properly signed, or null if it is. */
    static String problem(Block block, ChannelRules rules) {
        Set<ByteString> consenters = new HashSet<>();
        for (Consenter consenter : rules.config().getOrdering().getConsentersList()) {
            consenters.add(consenter.getIdentity());
        }
        java.util.List<SignedContent> signatures;
        try {
            signatures = BlockSignatures.signedContents(block);
        } catch (WireFormatException e) {
            return "unreadable signatures: " + e.getMessage();
        }
        if (signatures.isEmpty()) {
            return "no orderer signature";
        }
        String last = "no signature from a consenter of the channel";
        for (SignedContent signature : signatures) {
            if (!consenters.contains(signature.identity())) {
                continue;
            }
            try {
                Identity signer = rules.msp().validate(signature.identity());
                if (signer.verify(signature.dataBytes(), signature.signatureBytes())) {
                    return null;
                }
                last = "the signature of consenter " + signer.mspId() + " does not verify";
            } catch (IdentityValidationException e) {
                last = "consenter identity not valid: " + e.getMessage();
            }
        }
        return last;
    }
}
