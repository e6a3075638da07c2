package dev.ordo.membership.crypto.p256;

import java.math.BigInteger;
import java.util.SplittableRandom;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.bouncycastle.crypto.signers.HMacDSAKCalculator;
import org.bouncycastle.math.ec.ECPoint;

/** Bouncy Castle as the reference the tests compare against. */
final class BcReference {
    static final X9ECParameters X9 = CustomNamedCurves.getByName("secp256r1");
    static final ECDomainParameters DOMAIN = new ECDomainParameters(X9.getCurve(), X9.getG(), X9.getN(), X9.getH());
    static final BigInteger N = X9.getN();
    static final ECPoint G = X9.getG();

    private BcReference() {
    }

    static BigInteger randomScalar(SplittableRandom random) {
        while (true) {
            BigInteger k = randomBits(random, 256);
            if (k.signum() > 0 && k.compareTo(N) < 0) {
                return k;
            }
        }
    }

    static BigInteger randomBits(SplittableRandom random, int bits) {
        byte[] bytes = new byte[(bits + 7) / 8];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) random.nextInt();
        }
        return new BigInteger(1, bytes).shiftRight(bytes.length * 8 - bits);
    }

    static byte[] randomBytes(SplittableRandom random, int length) {
        byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++) {
            bytes[i] = (byte) random.nextInt();
        }
        return bytes;
    }

    static ECPublicKeyParameters publicKey(ECPoint q) {
        return new ECPublicKeyParameters(q, DOMAIN);
    }

    static ECPublicKeyParameters publicKey(BigInteger d) {
        return publicKey(G.multiply(d).normalize());
    }

    static P256PublicKey prepared(ECPoint q) {
        ECPoint normal = q.normalize();
        return P256PublicKey.fromAffine(normal.getAffineXCoord().toBigInteger(), normal.getAffineYCoord().toBigInteger());
    }

    /** (r, s) from Bouncy Castle's signer (RFC 6979 nonce, S not normalised). */
    static BigInteger[] sign(BigInteger d, byte[] digest) {
        ECDSASigner signer = new ECDSASigner(new HMacDSAKCalculator(new SHA256Digest()));
        signer.init(true, new ECPrivateKeyParameters(d, DOMAIN));
        return signer.generateSignature(digest);
    }

    static boolean verify(ECPublicKeyParameters key, byte[] digest, BigInteger r, BigInteger s) {
        ECDSASigner verifier = new ECDSASigner();
        verifier.init(false, key);
        return verifier.verifySignature(digest, r, s);
    }

    /** A 32-byte big-endian digest with the value e (0 ≤ e &lt; 2^256). */
    static byte[] digestOf(BigInteger e) {
        byte[] raw = e.toByteArray();
        byte[] digest = new byte[32];
        int copy = Math.min(raw.length, 32);
        System.arraycopy(raw, raw.length - copy, digest, 32 - copy, copy);
        return digest;
    }

    /** The affine point of Jacobian Montgomery-form coordinates, via BigInteger. */
    static ECPoint toBc(JacobianPoint point) {
        if (point.isInfinity()) {
            return X9.getCurve().getInfinity();
        }
        BigInteger p = Field.P;
        BigInteger x = Field.toBigInteger(point.x);
        BigInteger y = Field.toBigInteger(point.y);
        BigInteger z = Field.toBigInteger(point.z);
        BigInteger zInverse = z.modInverse(p);
        BigInteger zInverse2 = zInverse.multiply(zInverse).mod(p);
        return X9.getCurve().createPoint(x.multiply(zInverse2).mod(p), y.multiply(zInverse2).multiply(zInverse).mod(p));
    }

    static long[] montX(ECPoint point) {
        return Field.fromBigInteger(point.normalize().getAffineXCoord().toBigInteger());
    }

    static long[] montY(ECPoint point) {
        return Field.fromBigInteger(point.normalize().getAffineYCoord().toBigInteger());
    }
}
