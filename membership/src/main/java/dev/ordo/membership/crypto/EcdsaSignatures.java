package dev.ordo.membership.crypto;

import java.math.BigInteger;
import dev.ordo.membership.crypto.p256.P256PublicKey;
import dev.ordo.proto.wire.Sha256;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.bouncycastle.crypto.signers.HMacDSAKCalculator;
import org.bouncycastle.crypto.signers.StandardDSAEncoding;

/**
 * ECDSA over SHA-256 with Fabric's rules: signatures are DER-encoded, S is always
 * normalised to the lower half of the group order when signing, and a signature whose S
 * is in the upper half, or whose DER is not in canonical form, never verifies.
 *
 * <p>Signing uses Bouncy Castle's {@link ECDSASigner} directly over key parameters the caller
 * keeps (the curve precomputation lives in the key's point, so reusing the same parameters
 * object is what makes repeated operations fast). Nonces are deterministic (RFC 6979), so
 * signing needs no shared random source. Verification under a prepared
 * {@link EcdsaVerificationKey} (what identities keep) computes the P-256 equation with Ordo's
 * own verifier ({@link P256PublicKey}); verification under bare Bouncy Castle parameters, and
 * under keys on other curves, stays with Bouncy Castle. This class alone applies the DER and
 * low-S rules either way. All methods are thread-safe.
 */
public final class EcdsaSignatures {
    private static final int SHA256_LENGTH = 32;

    private EcdsaSignatures() {
    }

    /** Signs SHA-256(message); returns DER with low S. */
    public static byte[] sign(ECPrivateKeyParameters key, byte[] message) {
        return signDigest(key, sha256(message));
    }

    /**
     * Signs an already computed SHA-256 digest (what Fabric Gateway client signers receive);
     * returns DER with low S.
     *
     * @throws IllegalArgumentException if {@code digest} is not 32 bytes
     */
    public static byte[] signDigest(ECPrivateKeyParameters key, byte[] digest) {
        if (digest == null || digest.length != SHA256_LENGTH) {
            throw new IllegalArgumentException("expected a " + SHA256_LENGTH + "-byte SHA-256 digest, got "
                    + (digest == null ? "null" : digest.length + " bytes"));
        }
        BigInteger n = key.getParameters().getN();
        ECDSASigner signer = new ECDSASigner(new HMacDSAKCalculator(new SHA256Digest()));
        signer.init(true, key);
        BigInteger[] rs = signer.generateSignature(digest);
        BigInteger s = rs[1];
        if (isHighS(n, s)) {
            s = n.subtract(s);
        }
        return encode(n, rs[0], s);
    }

    /**
     * Whether {@code signature} is a valid low-S, canonical-DER ECDSA signature of
     * SHA-256(message) under {@code key}, verified by Bouncy Castle. Malformed input gives
     * {@code false}, never an exception. Callers that verify repeatedly under the same key
     * should prepare it once and use {@link #verify(EcdsaVerificationKey, byte[], byte[])}.
     */
    public static boolean verify(ECPublicKeyParameters key, byte[] message, byte[] signature) {
        BigInteger[] rs = decodeLowS(key.getParameters().getN(), message, signature);
        return rs != null && verifyBouncyCastle(key, sha256(message), rs);
    }

    /**
     * The same check under a prepared key: the same rules (canonical DER, low S, malformed
     * input gives {@code false}), with the ECDSA equation computed by Ordo's P-256 verifier for
     * P-256 keys and by Bouncy Castle for keys on other curves.
     */
    public static boolean verify(EcdsaVerificationKey key, byte[] message, byte[] signature) {
        BigInteger[] rs = decodeLowS(key.parameters().getParameters().getN(), message, signature);
        if (rs == null) {
            return false;
        }
        byte[] digest = sha256(message);
        P256PublicKey p256 = key.p256ForVerification();
        return p256 != null ? p256.verify(digest, rs[0], rs[1]) : verifyBouncyCastle(key.parameters(), digest, rs);
    }

    /** (r, s) of a canonical-DER, low-S signature, or {@code null} if it is not one. */
    private static BigInteger[] decodeLowS(BigInteger n, byte[] message, byte[] signature) {
        if (message == null || signature == null || signature.length == 0) {
            return null;
        }
        // Canonical DER only: BER variants, padding and trailing bytes fail here.
        BigInteger[] rs = DerSignature.decode(n, signature);
        return rs == null || isHighS(n, rs[1]) ? null : rs;
    }

    private static boolean verifyBouncyCastle(ECPublicKeyParameters key, byte[] digest, BigInteger[] rs) {
        ECDSASigner verifier = new ECDSASigner();
        verifier.init(false, key);
        return verifier.verifySignature(digest, rs[0], rs[1]);
    }

    /** Whether S lies in the upper half of the group order (Fabric rejects those). */
    public static boolean isHighS(BigInteger n, BigInteger s) {
        return s.compareTo(n.shiftRight(1)) > 0;
    }

    /** DER encoding of (r, s) as {@code SEQUENCE { INTEGER r, INTEGER s }}. */
    public static byte[] encode(BigInteger n, BigInteger r, BigInteger s) {
        try {
            return StandardDSAEncoding.INSTANCE.encode(n, r, s);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("cannot DER-encode an ECDSA signature", e);
        }
    }

    /**
     * SHA-256 of the message. The JDK's digest, not Bouncy Castle's: on JDK 17 its
     * intrinsics hash a few KB about five times faster, and every verification starts here.
     */
    public static byte[] sha256(byte[] message) {
        return Sha256.digest(message);
    }
}
