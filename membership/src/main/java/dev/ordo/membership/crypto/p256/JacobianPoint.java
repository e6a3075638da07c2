package dev.ordo.membership.crypto.p256;

/**
 * A mutable point in Jacobian coordinates (x = X/Z², y = Y/Z³, Montgomery form), with its own
 * scratch space, doubled and added to in place. The point at infinity is a flag rather than
 * Z = 0. Not thread-safe: one instance per computation.
 *
 * <p>Variable time by design (only public data is ever verified): the exceptional cases of the
 * addition are detected and handled with branches.
 */
final class JacobianPoint {
    final long[] x = Field.create();
    final long[] y = Field.create();
    final long[] z = Field.create();
    private boolean infinity = true;

    private final long[] t0 = Field.create();
    private final long[] t1 = Field.create();
    private final long[] t2 = Field.create();
    private final long[] t3 = Field.create();
    private final long[] t4 = Field.create();
    private final long[] tableX = Field.create();
    private final long[] tableY = Field.create();
    private static final long[] ZERO = Field.create();

    boolean isInfinity() {
        return infinity;
    }

    /** Sets this point to the affine point (ax, ay). */
    void setAffine(long[] ax, long[] ay) {
        System.arraycopy(ax, 0, x, 0, Field.LIMBS);
        System.arraycopy(ay, 0, y, 0, Field.LIMBS);
        System.arraycopy(Field.ONE, 0, z, 0, Field.LIMBS);
        infinity = false;
    }

    /** Sets this point to a copy of {@code other}. */
    void set(JacobianPoint other) {
        System.arraycopy(other.x, 0, x, 0, Field.LIMBS);
        System.arraycopy(other.y, 0, y, 0, Field.LIMBS);
        System.arraycopy(other.z, 0, z, 0, Field.LIMBS);
        infinity = other.infinity;
    }

    /**
     * This = 2·this with a = −3 (δ = Z², γ = Y², β = Xγ, α = 3(X − δ)(X + δ);
     * X' = α² − 8β, Z' = 2YZ, Y' = α(4β − X') − 8γ², the last as one doubly-multiplied
     * difference α(4β − X') − γ·8γ reduced once). P-256 has no point of order 2 (its
     * order is odd), so Y ≠ 0 and the double of a finite point is finite.
     */
    void twice() {
        if (infinity) {
            return;
        }
        Field.sqr(t0, z);              // δ
        Field.sqr(t1, y);              // γ
        Field.mul(t2, x, t1);          // β
        Field.sub(t3, x, t0);
        Field.add(t4, x, t0);
        Field.mul(t3, t3, t4);
        Field.mulSmall(t3, t3, 3);     // α
        Field.mul(z, y, z);
        Field.add(z, z, z);            // Z' = 2YZ
        Field.sqr(x, t3);
        Field.mulSmall(t4, t2, 4);     // 4β
        Field.sub(x, x, t4);
        Field.sub(x, x, t4);           // X' = α² − 8β
        Field.sub(t4, t4, x);          // 4β − X'
        Field.mulSmall(t0, t1, 8);     // 8γ
        Field.mulSubMul(y, t3, t4, t1, t0);  // Y' = α(4β − X') − γ·8γ
    }

    /** This = this − (ax, ay), for an affine point. */
    void subtractAffine(long[] ax, long[] ay) {
        addAffine(ax, ay, true);
    }

    /**
     * This = this ± entry {@code index} of a table ({@link OddMultiplesTable}'s flat layout:
     * x then y, five limbs each).
     */
    void addTableEntry(long[] entries, int index, boolean negate) {
        int offset = index * OddMultiplesTable.STRIDE;
        System.arraycopy(entries, offset, tableX, 0, Field.LIMBS);
        System.arraycopy(entries, offset + Field.LIMBS, tableY, 0, Field.LIMBS);
        addAffine(tableX, tableY, negate);
    }

    /** This = this + (ax, ay), for an affine point. */
    void addAffine(long[] ax, long[] ay) {
        addAffine(ax, ay, false);
    }

    /**
     * This = this + (ax, ±ay), for an affine point (mixed addition, 8M + 3S, Y' with a single
     * reduction): U2 = x2·Z², S2 = y2·Z³, H = U2 − X, R = S2 − Y; X' = R² − H³ − 2XH²,
     * Y' = R(XH² − X') − YH³, Z' = ZH. Adding the negated point (−y2) costs nothing extra:
     * with R' = y2·Z³ + Y = −R, X' is unchanged (R² = R'²) and Y' = R'(X' − XH²) − YH³.
     * H = 0 means the same x: the same point (R = 0, so this doubles) or its negation (the
     * sum is infinity).
     */
    void addAffine(long[] ax, long[] ay, boolean negate) {
        if (infinity) {
            setAffine(ax, ay);
            if (negate) {
                Field.sub(y, ZERO, y);
            }
            return;
        }
        Field.sqr(t0, z);
        Field.mul(t1, t0, z);
        Field.mul(t0, t0, ax);         // U2
        Field.mul(t1, t1, ay);         // y2·Z³
        Field.sub(t0, t0, x);          // H
        if (negate) {
            Field.add(t1, t1, y);      // R' = −R
        } else {
            Field.sub(t1, t1, y);      // R
        }
        if (Field.isZero(t0)) {
            if (Field.isZero(t1)) {
                setAffine(ax, ay);
                if (negate) {
                    Field.sub(y, ZERO, y);
                }
                twice();
            } else {
                infinity = true;
            }
            return;
        }
        Field.mul(z, z, t0);           // Z' = ZH
        Field.sqr(t2, t0);             // H²
        Field.mul(t3, t2, t0);         // H³
        Field.mul(t2, x, t2);          // XH²
        Field.sqr(x, t1);
        Field.sub(x, x, t3);
        Field.sub(x, x, t2);
        Field.sub(x, x, t2);           // X'
        if (negate) {
            Field.sub(t2, x, t2);      // X' − XH²
        } else {
            Field.sub(t2, t2, x);      // XH² − X'
        }
        Field.mulSubMul(y, t1, t2, y, t3);  // Y' = R(XH² − X') − YH³
    }
}
