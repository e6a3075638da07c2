package dev.ordo.ledgernode.validate;

import com.google.protobuf.ByteString;
import dev.ordo.membership.identity.Identity;
import dev.ordo.membership.msp.IdentityValidationException;
import dev.ordo.membership.policy.ChannelPolicies;
import dev.ordo.proto.v1.ContractDefinition;
import dev.ordo.proto.v1.Policy;
import dev.ordo.proto.wire.EnvelopeView;
import dev.ordo.proto.wire.ReadWriteSetView;
import dev.ordo.proto.wire.TransactionView;
import dev.ordo.proto.wire.WireFormatException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.hyperledger.fabric.protos.common.HeaderType;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVWrite;
import org.hyperledger.fabric.protos.peer.Endorsement;
import org.hyperledger.fabric.protos.peer.TxValidationCode;

/**
 * The checks of one transaction that need no ledger state, so transactions of a block run
 * them in parallel: the envelope parses (the proto module's checked views: headers, tx id =
 * SHA-256(nonce ‖ creator), one action, proposal hash); it is for this channel; the creator is
 * a valid identity of the channel, signed the envelope and satisfies the channel's Writers
 * policy; the header's contract is the one that produced the action; every namespace involved
 * (the invoked contract and every namespace written) is a defined contract whose endorsement
 * policy the endorsements satisfy.
 *
 * <p>Endorsement policies are evaluated over {@code data = prp ‖ endorser} per endorsement,
 * each signature verified once; endorsements that do not verify or whose endorser is not valid
 * on the channel simply do not count.
 */
public final class TransactionValidator {

    /**
     * Checks the envelope at {@code index} of a block of {@code rules}' channel. Certificates are
     * judged valid or expired as of the transaction's timestamp (see {@link TransactionClock}).
     */
    public TxCheck check(int index, ByteString envelopeBytes, ChannelRules rules) {
        EnvelopeView envelope;
        try {
            envelope = EnvelopeView.parse(envelopeBytes);
        } catch (WireFormatException e) {
            TxValidationCode code = e.validationCode() == null ? TxValidationCode.BAD_PAYLOAD : e.validationCode();
            return TxCheck.invalid(index, null, null, code, e.getMessage());
        }
        Instant timestamp = Instant.ofEpochSecond(envelope.timestamp().getSeconds(), envelope.timestamp().getNanos());
        return TransactionClock.at(timestamp, () -> check(index, envelope, rules));
    }

    private TxCheck check(int index, EnvelopeView envelope, ChannelRules rules) {
        String txId = envelope.txId();
        if (!envelope.channelId().equals(rules.channelId())) {
            return TxCheck.invalid(index, txId, envelope, TxValidationCode.TARGET_CHAIN_NOT_FOUND,
                    "transaction is for channel " + envelope.channelId());
        }
        if (envelope.headerType() == HeaderType.CONFIG) {
            return TxCheck.invalid(index, txId, envelope, TxValidationCode.INVALID_CONFIG_TRANSACTION,
                    "a CONFIG envelope must be the only envelope of its block");
        }
        if (!envelope.isEndorserTransaction()) {
            return TxCheck.invalid(index, txId, envelope, TxValidationCode.UNKNOWN_TX_TYPE,
                    "header type " + envelope.headerType() + " is not committed by peers");
        }
        Identity creator;
        try {
            creator = rules.msp().validate(envelope.header().creator().toByteArray());
        } catch (IdentityValidationException e) {
            return TxCheck.invalid(index, txId, envelope, TxValidationCode.BAD_CREATOR_SIGNATURE,
                    "creator: " + e.getMessage());
        }
        if (!creator.verify(envelope.signedBytes(), envelope.signature())) {
            return TxCheck.invalid(index, txId, envelope, TxValidationCode.BAD_CREATOR_SIGNATURE,
                    "creator " + creator + ": envelope signature does not verify");
        }
        if (!rules.satisfiedBy(rules.channelPolicy(ChannelPolicies.WRITERS), List.of(creator))) {
            return TxCheck.invalid(index, txId, envelope, TxValidationCode.BAD_CREATOR_SIGNATURE,
                    "creator " + creator + " does not satisfy the channel's Writers policy");
        }
        TransactionView transaction = envelope.transaction();
        if (!transaction.chaincodeNameMatchesAction()) {
            return TxCheck.invalid(index, txId, envelope, TxValidationCode.INVALID_ENDORSER_TRANSACTION,
                    "header names contract " + transaction.chaincodeName() + " but the action was produced by "
                            + transaction.chaincodeAction().getChaincodeId().getName());
        }
        String rwSetProblem = readWriteSetProblem(transaction.readWriteSet());
        if (rwSetProblem != null) {
            TxValidationCode code = rwSetProblem.startsWith("metadata") ? TxValidationCode.ILLEGAL_WRITESET
                    : TxValidationCode.BAD_RWSET;
            return TxCheck.invalid(index, txId, envelope, code, rwSetProblem);
        }
        Set<String> namespaces = new LinkedHashSet<>();
        namespaces.add(transaction.chaincodeName());
        namespaces.addAll(transaction.readWriteSet().writtenNamespaces());
        List<Policy> policies = new ArrayList<>(namespaces.size());
        for (String namespace : namespaces) {
            Optional<ContractDefinition> contract = rules.contract(namespace);
            if (contract.isEmpty()) {
                return TxCheck.invalid(index, txId, envelope, TxValidationCode.INVALID_CHAINCODE,
                        "contract " + namespace + " is not defined on channel " + rules.channelId());
            }
            policies.add(rules.endorsementPolicy(contract.get()));
        }
        List<Identity> endorsers = verifiedEndorsers(transaction, rules);
        int i = 0;
        for (String namespace : namespaces) {
            if (!rules.satisfiedBy(policies.get(i++), endorsers)) {
                return TxCheck.invalid(index, txId, envelope, TxValidationCode.ENDORSEMENT_POLICY_FAILURE,
                        "endorsements by " + endorsers + " do not satisfy the endorsement policy of " + namespace);
            }
        }
        return TxCheck.valid(index, envelope);
    }

    private static List<Identity> verifiedEndorsers(TransactionView transaction, ChannelRules rules) {
        List<Identity> endorsers = new ArrayList<>(transaction.endorsements().size());
        ByteString prp = transaction.proposalResponsePayloadBytes();
        for (Endorsement endorsement : transaction.endorsements()) {
            Identity endorser;
            try {
                endorser = rules.msp().validate(endorsement.getEndorser().toByteArray());
            } catch (IdentityValidationException e) {
                continue;
            }
            if (endorsers.contains(endorser)) {
                continue;
            }
            byte[] signed = prp.concat(endorsement.getEndorser()).toByteArray();
            if (endorser.verify(signed, endorsement.getSignature().toByteArray())) {
                endorsers.add(endorser);
            }
        }
        return endorsers;
    }

    /** What makes the read/write set unusable for this ledger, or null. */
    private static String readWriteSetProblem(ReadWriteSetView rwSet) {
        for (ReadWriteSetView.Namespace namespace : rwSet.namespaces()) {
            if (namespace.namespace().indexOf('\0') >= 0) {
                return "namespace name contains U+0000";
            }
            if (namespace.rwSet().getMetadataWritesCount() > 0) {
                return "metadata writes (key-level endorsement) in namespace " + namespace.namespace()
                        + " are not supported";
            }
            for (KVWrite write : namespace.rwSet().getWritesList()) {
                if (write.getKey().isEmpty()) {
                    return "empty key written in namespace " + namespace.namespace();
                }
            }
            for (ReadWriteSetView.CollectionHashes collection : namespace.collections()) {
                if (collection.collection().indexOf('\0') >= 0) {
                    return "collection name contains U+0000";
                }
                if (collection.hashedRwSet().getMetadataWritesCount() > 0) {
                    return "metadata writes (key-level endorsement) in collection " + collection.collection()
                            + " are not supported";
                }
            }
        }
        return null;
    }
}
