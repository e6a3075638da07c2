package dev.ordo.membership.crypto.p256;

import java.math.BigInteger;

/**
 * u1·G + u2·Q with one shared doubling chain (Shamir's trick over width-w NAFs).
 *
 * <p>The tables hold the odd multiples of B_j = 2^(j·PART_BITS)·B for B = G and B = Q and
 * j = 0 .. {@link #PARTS} − 1. A NAF digit d at bit position PART_BITS·j + i of a scalar stands
 * for d·2^i·B_j: it is added at step i of a chain of only PART_BITS + 1 doublings instead of
 * 257 (the carry digit at position 256 goes to the top piece, step PART_BITS). Each scalar is recoded
 * as a whole, so the number of additions stays that of a single NAF, about 256/(w+1) per
 * scalar. With 16 pieces, w = 10 for G and w = 6 for Q: 17 doublings and about 60 mixed
 * additions per verification. The split trades doublings for table size: 8 pieces with w = 8
 * for G and w = 7 for Q (the same 20 KB per key) took 33 doublings and about 61 additions and
 * measured ≈ 18 % more CPU per verification (2026-12-02). G's tables are static (4 096 points,
 * 320 KB, one copy per process); Q's (256 points, 20 KB) are built once per key (see
 * {@link P256PublicKey}), and a key that verifies often gets tables for w = 8 (1 024 points,
 * 80 KB, about 51 additions in all). Variable time: for verification only.
 */
final class DoubleScalarMultiplier {
    /** Pieces each scalar is split into. */
    static final int PARTS = 16;
    /** Bits per piece. */
    static final int PART_BITS = 256 / PARTS;
    /** NAF width for G (static tables of 2^(w−2) points per piece). */
    static final int G_WIDTH = 10;
    /** NAF width for a public key Q (per-key tables). */
    static final int Q_WIDTH = 6;
    /**
     * NAF width of the wider per-key tables for keys that verify often: 1 024 points, 80 KB,
     * about 28 instead of 37 additions for u2·Q. JMH {@code SignatureBenchmark.verify}, alternating
     * jars (2026-12-03): 19 900 → 22 300 verifications/s (three pairs, each +11–12 %); building
     * the tables takes 1.35 ms instead of 0.43.
     */
    static final int WIDE_Q_WIDTH = 8;

    private DoubleScalarMultiplier() {
    }

    /** u1·G + u2·Q for scalars in [0, 2^256), Q given by its tables of NAF width {@code qWidth}. */
    static JacobianPoint multiply(BigInteger u1, BigInteger u2, OddMultiplesTable[] qTables, int qWidth) {
        OddMultiplesTable[] gTables = GeneratorTable.TABLES;
        short[] gDigits = Wnaf.recode(u1, G_WIDTH);
        short[] qDigits = Wnaf.recode(u2, qWidth);
        JacobianPoint sum = new JacobianPoint();
        for (int i = PART_BITS; i >= 0; i--) {
            sum.twice();
            // Step PART_BITS exists only for the top piece: bit 256, the NAFs' final carry.
            for (int j = i == PART_BITS ? PARTS - 1 : 0; j < PARTS; j++) {
                int position = j * PART_BITS + i;
                add(sum, gTables[j], gDigits[position]);
                add(sum, qTables[j], qDigits[position]);
            }
        }
        return sum;
    }

    private static void add(JacobianPoint sum, OddMultiplesTable table, int digit) {
        if (digit > 0) {
            sum.addTableEntry(table.entries, digit >> 1, false);
        } else if (digit < 0) {
            sum.addTableEntry(table.entries, -digit >> 1, true);
        }
    }
}
