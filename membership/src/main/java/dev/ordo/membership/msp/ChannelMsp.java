package dev.ordo.membership.msp;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.ordo.membership.crypto.Pem;
import dev.ordo.membership.crypto.PemException;
import dev.ordo.membership.identity.Identity;
import dev.ordo.membership.identity.Role;
import dev.ordo.membership.msp.IdentityValidationException.Reason;
import dev.ordo.proto.v1.Organization;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.hyperledger.fabric.protos.msp.SerializedIdentity;

/**
 * The membership service provider of one channel: validates Fabric
 * {@code msp.SerializedIdentity} bytes against the channel's organisations.
 *
 * <p>An identity is valid when its MSP id names an organisation of the channel, its PEM
 * certificate chains (possibly through intermediates) to one of that organisation's roots,
 * neither it nor a CA above it is on a CRL, every certificate of the chain is within its
 * validity window now, and its OU names exactly one NodeOU role.
 *
 * <p>Parsing and chain checks are cached by the exact serialized bytes (bounded); the
 * validity window is compared with the clock on every call, so an identity that expires
 * while cached is refused from then on. Immutable and thread-safe; build a new one when the
 * channel configuration changes.
 */
public final class ChannelMsp {
    /** Distinct serialized identities whose validation outcome is kept. */
    public static final int DEFAULT_CACHE_CAPACITY = 10_000;
    private static final int MAX_SERIALIZED_BYTES = 64 * 1024;

    private final Map<String, OrganizationTrust> organizations;
    private final Map<String, Organization> definitions;
    private final Clock clock;
    private final IdentityCache<Outcome> cache;

    /** What validating one byte string found, minus the time check. */
    private sealed interface Outcome permits Accepted, Refused {
    }

    private record Accepted(Identity identity, Instant notBefore, Instant notAfter) implements Outcome {
    }

    private record Refused(Reason reason, String message) implements Outcome {
    }

    private ChannelMsp(Map<String, OrganizationTrust> organizations, Map<String, Organization> definitions,
                       Clock clock, int cacheCapacity) {
        this.organizations = organizations;
        this.definitions = definitions;
        this.clock = clock;
        this.cache = new IdentityCache<>(cacheCapacity);
    }

    /**
     * The MSP of a channel with these organisations.
     *
     * @throws MspConfigurationException if an organisation definition is unusable or two
     *     share an MSP id
     */
    public static ChannelMsp of(Collection<Organization> organizations) {
        return of(organizations, Clock.systemUTC(), DEFAULT_CACHE_CAPACITY);
    }

    /** As {@link #of(Collection)}, with the clock validity windows are checked against. */
    public static ChannelMsp of(Collection<Organization> organizations, Clock clock) {
        return of(organizations, clock, DEFAULT_CACHE_CAPACITY);
    }

    /** As {@link #of(Collection, Clock)}, with the number of identities to cache. */
    public static ChannelMsp of(Collection<Organization> organizations, Clock clock, int cacheCapacity) {
        Map<String, OrganizationTrust> trusts = new LinkedHashMap<>();
        Map<String, Organization> definitions = new LinkedHashMap<>();
        for (Organization organization : organizations) {
            OrganizationTrust trust = OrganizationTrust.of(organization);
            if (trusts.putIfAbsent(trust.mspId(), trust) != null) {
                throw new MspConfigurationException("MSP id " + trust.mspId() + " is defined twice");
            }
            definitions.put(trust.mspId(), organization);
        }
        return new ChannelMsp(Map.copyOf(trusts), java.util.Collections.unmodifiableMap(definitions),
                Objects.requireNonNull(clock, "clock"), cacheCapacity);
    }

    /**
     * The validated identity these bytes serialize.
     *
     * @throws IdentityValidationException with the reason it is not valid on this channel now
     */
    public Identity validate(byte[] serializedIdentity) throws IdentityValidationException {
        if (serializedIdentity == null || serializedIdentity.length == 0) {
            throw new IdentityValidationException(Reason.MALFORMED, "empty serialized identity");
        }
        if (serializedIdentity.length > MAX_SERIALIZED_BYTES) {
            throw new IdentityValidationException(Reason.MALFORMED, "serialized identity of "
                    + serializedIdentity.length + " bytes exceeds " + MAX_SERIALIZED_BYTES);
        }
        Outcome outcome = cache.get(serializedIdentity, this::examine);
        if (outcome instanceof Refused refused) {
            throw new IdentityValidationException(refused.reason(), refused.message());
        }
        Accepted accepted = (Accepted) outcome;
        Instant now = clock.instant();
        if (now.isBefore(accepted.notBefore())) {
            throw new IdentityValidationException(Reason.NOT_YET_VALID, "MSP " + accepted.identity().mspId()
                    + ": certificate chain of " + subject(accepted.identity()) + " is valid only from "
                    + accepted.notBefore());
        }
        if (now.isAfter(accepted.notAfter())) {
            throw new IdentityValidationException(Reason.EXPIRED, "MSP " + accepted.identity().mspId()
                    + ": certificate chain of " + subject(accepted.identity()) + " expired at " + accepted.notAfter());
        }
        return accepted.identity();
    }

    /** {@link #validate(byte[])} for bytes held in a protobuf field. */
    public Identity validate(com.google.protobuf.ByteString serializedIdentity) throws IdentityValidationException {
        return validate(serializedIdentity.toByteArray());
    }

    /** The MSP ids of the channel's organisations, in configuration order. */
    public Set<String> mspIds() {
        return definitions.keySet();
    }

    /** The definition of an organisation of this channel. */
    public Optional<Organization> organization(String mspId) {
        return Optional.ofNullable(definitions.get(mspId));
    }

    /** The TLS root CA certificates of one organisation (empty if it is not on the channel). */
    public List<X509Certificate> tlsRoots(String mspId) {
        OrganizationTrust trust = organizations.get(mspId);
        return trust == null ? List.of() : trust.tlsRoots();
    }

    /** The TLS root CA certificates of every organisation: what a node's TLS trusts on this channel. */
    public List<X509Certificate> tlsRoots() {
        List<X509Certificate> all = new ArrayList<>();
        for (String mspId : definitions.keySet()) {
            all.addAll(organizations.get(mspId).tlsRoots());
        }
        return List.copyOf(all);
    }

    private Outcome examine(byte[] bytes) {
        SerializedIdentity serialized;
        try {
            serialized = SerializedIdentity.parseFrom(bytes);
        } catch (InvalidProtocolBufferException e) {
            return new Refused(Reason.MALFORMED, "not a marshalled msp.SerializedIdentity: " + e.getMessage());
        }
        String mspId = serialized.getMspid();
        if (mspId.isEmpty()) {
            return new Refused(Reason.MALFORMED, "serialized identity without an MSP id");
        }
        OrganizationTrust trust = organizations.get(mspId);
        if (trust == null) {
            return new Refused(Reason.UNKNOWN_MSP, "MSP " + mspId + " is not an organisation of this channel "
                    + organizations.keySet());
        }
        X509Certificate certificate;
        try {
            certificate = Pem.decodeCertificate(serialized.getIdBytes().toByteArray());
        } catch (PemException e) {
            return new Refused(Reason.MALFORMED, "MSP " + mspId + ": id_bytes: " + e.getMessage());
        }
        OrganizationTrust.Chain chain;
        try {
            chain = trust.chainOf(certificate);
        } catch (IdentityValidationException e) {
            return new Refused(e.reason(), e.detail());
        }
        Optional<Role> role = trust.roles().roleOf(certificate);
        if (role.isEmpty()) {
            return new Refused(Reason.NO_ROLE, "MSP " + mspId + ": " + certificate.getSubjectX500Principal().getName()
                    + ": " + trust.roles().whyNoRole(certificate));
        }
        try {
            return new Accepted(new Identity(mspId, certificate, bytes, role.get()), chain.notBefore(), chain.notAfter());
        } catch (IllegalArgumentException e) {
            return new Refused(Reason.MALFORMED, "MSP " + mspId + ": " + e.getMessage());
        }
    }

    private static String subject(Identity identity) {
        return identity.certificate().getSubjectX500Principal().getName();
    }
}
