package dev.ordo.membership.policy;

import java.util.Objects;

/**
 * One signature offered to a policy: the signed bytes, the signer's marshalled
 * {@code msp.SerializedIdentity} and the DER ECDSA signature (Fabric's
 * {@code protoutil.SignedData}).
 *
 * <p>The arrays are not copied; callers must not modify them while a policy is evaluated.
 */
public record SignedData(byte[] data, byte[] identity, byte[] signature) {
    public SignedData {
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(identity, "identity");
        Objects.requireNonNull(signature, "signature");
    }
}
