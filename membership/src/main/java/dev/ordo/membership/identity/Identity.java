package dev.ordo.membership.identity;

import com.google.protobuf.ByteString;
import dev.ordo.membership.crypto.EcKeys;
import dev.ordo.membership.crypto.EcdsaSignatures;
import dev.ordo.membership.crypto.EcdsaVerificationKey;
import dev.ordo.membership.crypto.Pem;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.Objects;
import org.hyperledger.fabric.protos.msp.SerializedIdentity;

/**
 * An X.509 identity of one MSP: its certificate, its role and the exact
 * {@code msp.SerializedIdentity} bytes it travels as.
 *
 * <p>An {@code Identity} says nothing about trust by itself; {@code ChannelMsp.validate}
 * is what produces identities that chain to a channel's organisation. The public key is
 * prepared for verification at construction ({@link EcdsaVerificationKey}: for P-256, the
 * per-key tables of Ordo's own verifier), so repeated checks are fast.
 * Instances are immutable and thread-safe; equality is by serialized bytes.
 */
public final class Identity {
    private final String mspId;
    private final X509Certificate certificate;
    private final byte[] serialized;
    private final Role role;
    private final EcdsaVerificationKey publicKey;
    private final int hash;

    /**
     * An identity whose serialized form is built here ({@code mspid} + Fabric-style PEM).
     *
     * @throws IllegalArgumentException if the certificate's key is not an EC key
     */
    public Identity(String mspId, X509Certificate certificate, Role role) {
        this(mspId, certificate, serialize(mspId, certificate), role);
    }

    /**
     * An identity that arrived as {@code serialized} (kept byte for byte, since those bytes are
     * what Fabric hashes and compares).
     *
     * @throws IllegalArgumentException if the certificate's key is not an EC key
     */
    public Identity(String mspId, X509Certificate certificate, byte[] serialized, Role role) {
        this.mspId = Objects.requireNonNull(mspId, "mspId");
        this.certificate = Objects.requireNonNull(certificate, "certificate");
        this.serialized = Objects.requireNonNull(serialized, "serialized").clone();
        this.role = Objects.requireNonNull(role, "role");
        this.publicKey = EcdsaVerificationKey.of(EcKeys.publicParameters(certificate.getPublicKey()));
        this.hash = Arrays.hashCode(this.serialized);
    }

    /** The marshalled {@code msp.SerializedIdentity} of an MSP id and certificate. */
    public static byte[] serialize(String mspId, X509Certificate certificate) {
        return SerializedIdentity.newBuilder()
                .setMspid(mspId)
                .setIdBytes(ByteString.copyFromUtf8(Pem.encodeCertificate(certificate)))
                .build()
                .toByteArray();
    }

    public String mspId() {
        return mspId;
    }

    public X509Certificate certificate() {
        return certificate;
    }

    /** A copy of the marshalled {@code msp.SerializedIdentity}. */
    public byte[] serialized() {
        return serialized.clone();
    }

    public Role role() {
        return role;
    }

    /**
     * Whether {@code signature} is this identity's ECDSA/SHA-256 signature of {@code data}:
     * DER-encoded, canonical and low-S. Malformed or high-S signatures give {@code false}.
     */
    public boolean verify(byte[] data, byte[] signature) {
        return EcdsaSignatures.verify(publicKey, data, signature);
    }

    /** Whether these are the same serialized bytes, without copying them. */
    public boolean hasSerialized(byte[] bytes) {
        return Arrays.equals(serialized, bytes);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Identity that && hash == that.hash && Arrays.equals(serialized, that.serialized);
    }

    @Override
    public int hashCode() {
        return hash;
    }

    @Override
    public String toString() {
        return mspId + "/" + role.name().toLowerCase(java.util.Locale.ROOT) + "/"
                + certificate.getSubjectX500Principal().getName();
    }
}
