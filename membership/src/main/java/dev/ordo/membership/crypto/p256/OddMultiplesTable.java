package dev.ordo.membership.crypto.p256;

import java.util.Arrays;

/**
 * The affine odd multiples 1·B, 3·B, 5·B, …, (2^(w−1) − 1)·B of one point B: the additions a
 * width-w NAF digit d asks for (entry |d| / 2, negated for d &lt; 0). Coordinates are canonical
 * and in Montgomery form, stored flat (entry i: x limbs at {@code 10·i}, y limbs at
 * {@code 10·i + 5}) to keep a key's tables small. Immutable once built (the array is never
 * written after construction and never handed out of this package).
 */
final class OddMultiplesTable {
    /** Longs per entry: x then y, five limbs each. */
    static final int STRIDE = 2 * Field.LIMBS;

    final long[] entries;

    private OddMultiplesTable(long[][] x, long[][] y) {
        entries = new long[x.length * STRIDE];
        for (int i = 0; i < x.length; i++) {
            System.arraycopy(x[i], 0, entries, i * STRIDE, Field.LIMBS);
            System.arraycopy(y[i], 0, entries, i * STRIDE + Field.LIMBS, Field.LIMBS);
        }
    }

    int size() {
        return entries.length / STRIDE;
    }

    /** A copy of the x of entry i, (2i + 1)·B. */
    long[] x(int i) {
        return java.util.Arrays.copyOfRange(entries, i * STRIDE, i * STRIDE + Field.LIMBS);
    }

    /** A copy of the y of entry i. */
    long[] y(int i) {
        return java.util.Arrays.copyOfRange(entries, i * STRIDE + Field.LIMBS, (i + 1) * STRIDE);
    }

    /**
     * The tables for scalars split into {@code parts} pieces of {@code partBits} bits: table j
     * holds the odd multiples of B_j = 2^(j·partBits)·B, so that k·B = Σ k_j·B_j. Two field
     * inversions in all (one for the B_j and their doubles, one for every multiple).
     *
     * @param bx affine x of B (Montgomery form); B must be a point of the curve
     * @param by affine y of B
     * @param width the NAF width w ≥ 2: each table has 2^(w−2) points
     */
    static OddMultiplesTable[] build(long[] bx, long[] by, int parts, int partBits, int width) {
        int count = 1 << (width - 2);

        // B_j and 2·B_j for every part, to affine together.
        long[][] jx = new long[2 * parts][];
        long[][] jy = new long[2 * parts][];
        long[][] jz = new long[2 * parts][];
        JacobianPoint walker = new JacobianPoint();
        walker.setAffine(bx, by);
        for (int j = 0; j < parts; j++) {
            if (j > 0) {
                for (int i = 0; i < partBits; i++) {
                    walker.twice();
                }
            }
            snapshot(walker, jx, jy, jz, j);
            JacobianPoint doubled = new JacobianPoint();
            doubled.set(walker);
            doubled.twice();
            snapshot(doubled, jx, jy, jz, parts + j);
        }
        long[][] ax = new long[2 * parts][];
        long[][] ay = new long[2 * parts][];
        BatchNormalizer.toAffine(jx, jy, jz, ax, ay);

        // (2i + 1)·B_j = (2i − 1)·B_j + 2·B_j.
        long[][] mx = new long[parts * count][];
        long[][] my = new long[parts * count][];
        long[][] mz = new long[parts * count][];
        JacobianPoint accumulator = new JacobianPoint();
        for (int j = 0; j < parts; j++) {
            accumulator.setAffine(ax[j], ay[j]);
            for (int i = 0; i < count; i++) {
                if (i > 0) {
                    accumulator.addAffine(ax[parts + j], ay[parts + j]);
                }
                snapshot(accumulator, mx, my, mz, j * count + i);
            }
        }
        long[][] tx = new long[parts * count][];
        long[][] ty = new long[parts * count][];
        BatchNormalizer.toAffine(mx, my, mz, tx, ty);

        OddMultiplesTable[] tables = new OddMultiplesTable[parts];
        for (int j = 0; j < parts; j++) {
            tables[j] = new OddMultiplesTable(
                    Arrays.copyOfRange(tx, j * count, (j + 1) * count),
                    Arrays.copyOfRange(ty, j * count, (j + 1) * count));
        }
        return tables;
    }

    private static void snapshot(JacobianPoint point, long[][] xs, long[][] ys, long[][] zs, int index) {
        if (point.isInfinity()) {
            throw new IllegalArgumentException("a table point is the point at infinity");
        }
        xs[index] = point.x.clone();
        ys[index] = point.y.clone();
        zs[index] = point.z.clone();
    }
}
