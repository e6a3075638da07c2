package dev.ordo.membership.crypto.p256;

/**
 * Converts many Jacobian points to affine with a single field inversion (Montgomery's trick:
 * invert the product of all Z, then peel each Z⁻¹ off with two multiplications).
 */
final class BatchNormalizer {
    private BatchNormalizer() {
    }

    /**
     * Writes the affine coordinates (canonical, Montgomery form) of the Jacobian points
     * ({@code zs[i]} never zero) into {@code xs[i]} and {@code ys[i]}.
     */
    static void toAffine(long[][] jx, long[][] jy, long[][] zs, long[][] xs, long[][] ys) {
        int count = zs.length;
        long[][] prefix = new long[count][];
        for (int i = 0; i < count; i++) {
            prefix[i] = Field.create();
            if (i == 0) {
                System.arraycopy(zs[0], 0, prefix[0], 0, Field.LIMBS);
            } else {
                Field.mul(prefix[i], prefix[i - 1], zs[i]);
            }
        }
        long[] inverse = Field.create();
        Field.invert(inverse, prefix[count - 1]);
        if (Field.isZero(inverse)) {
            throw new IllegalArgumentException("a Z coordinate is zero");
        }
        long[] zInverse = Field.create();
        long[] zInverse2 = Field.create();
        for (int i = count - 1; i >= 0; i--) {
            if (i > 0) {
                Field.mul(zInverse, inverse, prefix[i - 1]);
                Field.mul(inverse, inverse, zs[i]);
            } else {
                System.arraycopy(inverse, 0, zInverse, 0, Field.LIMBS);
            }
            Field.sqr(zInverse2, zInverse);
            long[] x = Field.create();
            long[] y = Field.create();
            Field.mul(x, jx[i], zInverse2);
            Field.mul(y, jy[i], zInverse2);
            Field.mul(y, y, zInverse);
            Field.canonical(x, x);
            Field.canonical(y, y);
            xs[i] = x;
            ys[i] = y;
        }
    }
}
