package dev.ordo.membership.crypto.p256;

import java.math.BigInteger;

/**
 * The last step of ECDSA verification, x(R) mod n == r, on a Jacobian R without inverting Z:
 * x(R) = X/Z² lies in [0, p) and p &lt; 2n, so x(R) mod n == r exactly when X == r·Z² or, if
 * r + n &lt; p, X == (r + n)·Z² (mod p).
 */
final class XCoordinateCheck {
    private XCoordinateCheck() {
    }

    /**
     * Whether the affine x of the finite point with Jacobian X and Z (Montgomery form) is
     * congruent to r modulo n.
     *
     * @param r in [0, n)
     */
    static boolean matches(long[] jacobianX, long[] jacobianZ, BigInteger r) {
        long[] zz = Field.create();
        Field.sqr(zz, jacobianZ);
        if (matchesCandidate(jacobianX, zz, r)) {
            return true;
        }
        BigInteger rPlusN = r.add(Curve.N);
        return rPlusN.compareTo(Field.P) < 0 && matchesCandidate(jacobianX, zz, rPlusN);
    }

    private static boolean matchesCandidate(long[] jacobianX, long[] zz, BigInteger candidate) {
        long[] product = Field.limbs(candidate);
        Field.toMontgomery(product, product);
        Field.mul(product, product, zz);
        return Field.equal(product, jacobianX);
    }
}
