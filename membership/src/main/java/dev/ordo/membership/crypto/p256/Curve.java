package dev.ordo.membership.crypto.p256;

import java.math.BigInteger;

/**
 * The P-256 (secp256r1) domain parameters: y² = x³ − 3x + b over the field of {@link Field#P},
 * a base point G of prime order n, cofactor 1.
 */
final class Curve {
    /** The order of G (and of the whole group: the cofactor is 1). */
    static final BigInteger N = new BigInteger(
            "FFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551", 16);
    /** The curve coefficient b (a is −3). */
    static final BigInteger B = new BigInteger(
            "5AC635D8AA3A93E7B3EBBD55769886BC651D06B0CC53B0F63BCE3C3E27D2604B", 16);
    /** The affine x of the base point G. */
    static final BigInteger GX = new BigInteger(
            "6B17D1F2E12C4247F8BCE6E563A440F277037D812DEB33A0F4A13945D898C296", 16);
    /** The affine y of the base point G. */
    static final BigInteger GY = new BigInteger(
            "4FE342E2FE1A7F9B8EE7EB4A7C0F9E162BCE33576B315ECECBB6406837BF51F5", 16);
    /** The coefficient a = −3 as an element of the field. */
    static final BigInteger A = Field.P.subtract(BigInteger.valueOf(3));

    private Curve() {
    }

    /** Whether (x, y) is an affine point of the curve (both coordinates in [0, p)). */
    static boolean isOnCurve(BigInteger x, BigInteger y) {
        BigInteger p = Field.P;
        if (x.signum() < 0 || x.compareTo(p) >= 0 || y.signum() < 0 || y.compareTo(p) >= 0) {
            return false;
        }
        BigInteger left = y.multiply(y).mod(p);
        BigInteger right = x.multiply(x).add(A).multiply(x).add(B).mod(p);
        return left.equals(right);
    }

    /**
     * The integer ECDSA signs for a message digest: the digest's leftmost bits, as many as n
     * has (256), read big-endian. Not reduced mod n (the verification equation does that).
     */
    static BigInteger digestToInteger(byte[] digest) {
        BigInteger e = new BigInteger(1, digest);
        int excess = digest.length * 8 - N.bitLength();
        return excess > 0 ? e.shiftRight(excess) : e;
    }
}
