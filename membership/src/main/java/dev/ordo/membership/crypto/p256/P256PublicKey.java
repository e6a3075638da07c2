package dev.ordo.membership.crypto.p256;

import java.math.BigInteger;
import java.util.Objects;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.math.ec.ECPoint;

/**
 * A P-256 public key prepared for fast ECDSA verification.
 *
 * <p>Construction checks that the point lies on the curve (which, the cofactor being 1, puts it
 * in the group of order n) and precomputes the affine odd multiples 1·Q_j, 3·Q_j, …, 31·Q_j of
 * Q_j = 2^(16j)·Q for j = 0..15: 256 points, 20 KB, built in about the time of nine
 * verifications ({@link #withWideTables} gives the same key with 1 024 points, up to 127·Q_j).
 * Each {@link #verify} then computes u1·G + u2·Q over one chain of 17 doublings, the two
 * scalars' width-w NAFs spread over these tables and sixteen static ones for G (see
 * {@code DoubleScalarMultiplier}), and compares x projectively, so no field inversion happens
 * per verification; the one inversion modulo n (s⁻¹) is a binary GCD of its own.
 *
 * <p>This is the bare ECDSA equation: DER decoding and Fabric's low-S rule belong to the
 * caller ({@code EcdsaSignatures}). Variable time (verification handles only public data).
 * Instances are immutable and thread-safe.
 */
public final class P256PublicKey {
    private final BigInteger x;
    private final BigInteger y;
    private final int width;
    private final OddMultiplesTable[] tables;

    private P256PublicKey(BigInteger x, BigInteger y, int width) {
        this.x = x;
        this.y = y;
        this.width = width;
        this.tables = OddMultiplesTable.build(Field.fromBigInteger(x), Field.fromBigInteger(y),
                DoubleScalarMultiplier.PARTS, DoubleScalarMultiplier.PART_BITS, width);
    }

    /**
     * The key with affine coordinates (x, y).
     *
     * @throws IllegalArgumentException if (x, y) is not a point of P-256 (coordinates outside
     *     [0, p) included)
     */
    public static P256PublicKey fromAffine(BigInteger x, BigInteger y) {
        Objects.requireNonNull(x, "x");
        Objects.requireNonNull(y, "y");
        if (!Curve.isOnCurve(x, y)) {
            throw new IllegalArgumentException("not a point of P-256");
        }
        return new P256PublicKey(x, y, DoubleScalarMultiplier.Q_WIDTH);
    }

    /**
     * The key of Bouncy Castle public key parameters.
     *
     * @throws IllegalArgumentException if the key's domain is not P-256 or its point is not a
     *     finite point of the curve
     */
    public static P256PublicKey from(ECPublicKeyParameters key) {
        if (!isP256(key.getParameters())) {
            throw new IllegalArgumentException("not a P-256 key");
        }
        ECPoint q = key.getQ().normalize();
        if (q.isInfinity()) {
            throw new IllegalArgumentException("the point at infinity is not a public key");
        }
        return fromAffine(q.getAffineXCoord().toBigInteger(), q.getAffineYCoord().toBigInteger());
    }

    /** Whether Bouncy Castle domain parameters are those of P-256 (compared by value). */
    public static boolean isP256(ECDomainParameters domain) {
        if (domain == null || !Curve.N.equals(domain.getN()) || !BigInteger.ONE.equals(domain.getH())
                || !Field.P.equals(domain.getCurve().getField().getCharacteristic())
                || !Curve.A.equals(domain.getCurve().getA().toBigInteger())
                || !Curve.B.equals(domain.getCurve().getB().toBigInteger())) {
            return false;
        }
        ECPoint g = domain.getG().normalize();
        return !g.isInfinity() && Curve.GX.equals(g.getAffineXCoord().toBigInteger())
                && Curve.GY.equals(g.getAffineYCoord().toBigInteger());
    }

    /**
     * The same key with four times larger tables (1 024 points, 80 KB instead of 20 KB, built in
     * about the time of 30 verifications instead of 9), which make each verification about
     * 11 % cheaper: worth it for a key that verifies thousands of times, such as a busy client's
     * or peer's. Returns this key if it has them already.
     */
    public P256PublicKey withWideTables() {
        return hasWideTables() ? this : new P256PublicKey(x, y, DoubleScalarMultiplier.WIDE_Q_WIDTH);
    }

    /** Whether this key has the wide tables of {@link #withWideTables}. */
    public boolean hasWideTables() {
        return width == DoubleScalarMultiplier.WIDE_Q_WIDTH;
    }

    /** The affine x coordinate. */
    public BigInteger x() {
        return x;
    }

    /** The affine y coordinate. */
    public BigInteger y() {
        return y;
    }

    /**
     * Whether (r, s) satisfies the ECDSA verification equation for {@code digest} under this
     * key: r and s in [1, n − 1], and with e the digest's leftmost 256 bits, w = s⁻¹,
     * R = (e·w mod n)·G + (r·w mod n)·Q is finite and x(R) ≡ r (mod n). Accepts high S (the
     * caller applies Fabric's low-S rule); the same answers as Bouncy Castle's
     * {@code ECDSASigner.verifySignature}.
     *
     * @param digest the message digest (SHA-256 for Fabric: 32 bytes)
     */
    public boolean verify(byte[] digest, BigInteger r, BigInteger s) {
        Objects.requireNonNull(digest, "digest");
        Objects.requireNonNull(r, "r");
        Objects.requireNonNull(s, "s");
        BigInteger n = Curve.N;
        if (r.signum() <= 0 || r.compareTo(n) >= 0 || s.signum() <= 0 || s.compareTo(n) >= 0) {
            return false;
        }
        BigInteger e = Curve.digestToInteger(digest);
        BigInteger w = OrderInverse.inverse(s);
        BigInteger u1 = e.multiply(w).mod(n);
        BigInteger u2 = r.multiply(w).mod(n);
        JacobianPoint sum = DoubleScalarMultiplier.multiply(u1, u2, tables, width);
        return !sum.isInfinity() && XCoordinateCheck.matches(sum.x, sum.z, r);
    }

    /** The per-key tables (for this package's tests). */
    OddMultiplesTable[] tables() {
        return tables;
    }

    /** The NAF width the tables are for (for this package's tests). */
    int tableWidth() {
        return width;
    }

    @Override
    public String toString() {
        return "P256PublicKey[x=" + x.toString(16) + ", y=" + y.toString(16) + "]";
    }
}
