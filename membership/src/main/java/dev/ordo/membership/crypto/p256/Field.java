package dev.ordo.membership.crypto.p256;

import java.math.BigInteger;

/**
 * Arithmetic modulo the P-256 prime p = 2^256 − 2^224 + 2^192 + 2^96 − 1, in Montgomery form.
 *
 * <p>An element is a {@code long[5]} of 52-bit limbs (radix 2^52, little-endian), the
 * Montgomery radix is R = 2^260. Radix 2^52 rather than 2^64: every 52×52-bit product splits
 * into a low and a high 52-bit half with one {@link Math#multiplyHigh} (an intrinsic) and one
 * shift, the halves are summed into 64-bit column accumulators with room to spare, and so no
 * add-with-carry chain is ever needed (Java has none). Each limb is pre-shifted left by 6 bits
 * before multiplying, which makes {@code multiplyHigh(a << 6, b << 6)} exactly the product's
 * bits 52..115 and {@code (a << 6) * (b << 6) >>> 12} its bits 0..51.
 *
 * <p>Because p ≡ −1 (mod 2^52), the Montgomery factor −p⁻¹ mod 2^52 is 1: each reduction step
 * takes m = the low 52 bits of the current column and adds m·p, and m·p is only shifts
 * (p's 52-bit limbs are 2^52−1, 2^44−1, 0, 2^36, 2^48−2^16).
 *
 * <p>Invariant of every element passed around: limbs normalised to [0, 2^52) and value in
 * [0, 2p) (not necessarily fully reduced). {@link #mul} and {@link #sqr} accept values below
 * 4p (their result is below 2p because 16p² &lt; p·R); {@link #mulSubMul} (a·b − c·d with one
 * reduction), {@link #add}, {@link #sub} and {@link #mulSmall} take values below 2p and return
 * values below 2p. {@link #canonical} reduces to [0, p). Results may alias inputs. Variable time where it says so; no method
 * allocates except the conversions.
 */
final class Field {
    static final int LIMBS = 5;
    static final long MASK52 = (1L << 52) - 1;
    private static final long MASK48 = (1L << 48) - 1;

    /** The prime p. */
    static final BigInteger P = BigInteger.ONE.shiftLeft(256).subtract(BigInteger.ONE.shiftLeft(224))
            .add(BigInteger.ONE.shiftLeft(192)).add(BigInteger.ONE.shiftLeft(96)).subtract(BigInteger.ONE);
    private static final BigInteger R = BigInteger.ONE.shiftLeft(260);

    private static final long P0 = MASK52;
    private static final long P1 = (1L << 44) - 1;
    private static final long P2 = 0;
    private static final long P3 = 1L << 36;
    private static final long P4 = (1L << 48) - (1L << 16);

    private static final long[] TWO_P = limbs(P.shiftLeft(1));
    private static final long TP0 = TWO_P[0];
    private static final long TP1 = TWO_P[1];
    private static final long TP2 = TWO_P[2];
    private static final long TP3 = TWO_P[3];
    private static final long TP4 = TWO_P[4];

    /** p·2^259 in ten 52-bit columns: the offset that keeps {@link #mulSubMul}'s value positive. */
    private static final long[] OFFSET = columns(P.shiftLeft(259));
    private static final long PK0 = OFFSET[0];
    private static final long PK1 = OFFSET[1];
    private static final long PK2 = OFFSET[2];
    private static final long PK3 = OFFSET[3];
    private static final long PK4 = OFFSET[4];
    private static final long PK5 = OFFSET[5];
    private static final long PK6 = OFFSET[6];
    private static final long PK7 = OFFSET[7];
    private static final long PK8 = OFFSET[8];
    private static final long PK9 = OFFSET[9];

    /** R² mod p: multiplying by it converts into Montgomery form. */
    private static final long[] R2 = limbs(R.multiply(R).mod(P));
    /** 1 in plain form: multiplying by it converts out of Montgomery form. */
    private static final long[] PLAIN_ONE = {1, 0, 0, 0, 0};
    /** 1 in Montgomery form (R mod p). */
    static final long[] ONE = limbs(R.mod(P));

    static {
        if (P0 != limbs(P)[0] || P1 != limbs(P)[1] || P2 != limbs(P)[2] || P3 != limbs(P)[3] || P4 != limbs(P)[4]) {
            throw new AssertionError("P-256 limb constants are wrong");
        }
    }

    private Field() {
    }

    static long[] create() {
        return new long[LIMBS];
    }

    /**
     * r = a·b·R⁻¹ mod p. Inputs: values below 4p with limbs below 2^53; output normalised,
     * below 2p.
     */
    static void mul(long[] r, long[] a, long[] b) {
        final long a0 = a[0] << 6, a1 = a[1] << 6, a2 = a[2] << 6, a3 = a[3] << 6, a4 = a[4] << 6;
        final long b0 = b[0] << 6, b1 = b[1] << 6, b2 = b[2] << 6, b3 = b[3] << 6, b4 = b[4] << 6;

        // Column k collects the low halves of the products a_i·b_j with i + j = k and the high
        // halves of those with i + j = k − 1.
        long c0 = (a0 * b0) >>> 12;
        long c1 = Math.multiplyHigh(a0, b0)
                + ((a0 * b1) >>> 12) + ((a1 * b0) >>> 12);
        long c2 = Math.multiplyHigh(a0, b1) + Math.multiplyHigh(a1, b0)
                + ((a0 * b2) >>> 12) + ((a1 * b1) >>> 12) + ((a2 * b0) >>> 12);
        long c3 = Math.multiplyHigh(a0, b2) + Math.multiplyHigh(a1, b1) + Math.multiplyHigh(a2, b0)
                + ((a0 * b3) >>> 12) + ((a1 * b2) >>> 12) + ((a2 * b1) >>> 12) + ((a3 * b0) >>> 12);
        long c4 = Math.multiplyHigh(a0, b3) + Math.multiplyHigh(a1, b2) + Math.multiplyHigh(a2, b1)
                + Math.multiplyHigh(a3, b0)
                + ((a0 * b4) >>> 12) + ((a1 * b3) >>> 12) + ((a2 * b2) >>> 12) + ((a3 * b1) >>> 12)
                + ((a4 * b0) >>> 12);
        long c5 = Math.multiplyHigh(a0, b4) + Math.multiplyHigh(a1, b3) + Math.multiplyHigh(a2, b2)
                + Math.multiplyHigh(a3, b1) + Math.multiplyHigh(a4, b0)
                + ((a1 * b4) >>> 12) + ((a2 * b3) >>> 12) + ((a3 * b2) >>> 12) + ((a4 * b1) >>> 12);
        long c6 = Math.multiplyHigh(a1, b4) + Math.multiplyHigh(a2, b3) + Math.multiplyHigh(a3, b2)
                + Math.multiplyHigh(a4, b1)
                + ((a2 * b4) >>> 12) + ((a3 * b3) >>> 12) + ((a4 * b2) >>> 12);
        long c7 = Math.multiplyHigh(a2, b4) + Math.multiplyHigh(a3, b3) + Math.multiplyHigh(a4, b2)
                + ((a3 * b4) >>> 12) + ((a4 * b3) >>> 12);
        long c8 = Math.multiplyHigh(a3, b4) + Math.multiplyHigh(a4, b3)
                + ((a4 * b4) >>> 12);
        long c9 = Math.multiplyHigh(a4, b4);

        reduce(r, c0, c1, c2, c3, c4, c5, c6, c7, c8, c9);
    }

    /** r = a²·R⁻¹ mod p, with the same bounds as {@link #mul}. */
    static void sqr(long[] r, long[] a) {
        final long a0 = a[0] << 6, a1 = a[1] << 6, a2 = a[2] << 6, a3 = a[3] << 6, a4 = a[4] << 6;
        // Doubled operands for the cross products a_i·a_j (i ≠ j), which occur twice.
        final long d0 = a0 << 1, d1 = a1 << 1, d2 = a2 << 1, d3 = a3 << 1;

        long c0 = (a0 * a0) >>> 12;
        long c1 = Math.multiplyHigh(a0, a0)
                + ((d0 * a1) >>> 12);
        long c2 = Math.multiplyHigh(d0, a1)
                + ((d0 * a2) >>> 12) + ((a1 * a1) >>> 12);
        long c3 = Math.multiplyHigh(d0, a2) + Math.multiplyHigh(a1, a1)
                + ((d0 * a3) >>> 12) + ((d1 * a2) >>> 12);
        long c4 = Math.multiplyHigh(d0, a3) + Math.multiplyHigh(d1, a2)
                + ((d0 * a4) >>> 12) + ((d1 * a3) >>> 12) + ((a2 * a2) >>> 12);
        long c5 = Math.multiplyHigh(d0, a4) + Math.multiplyHigh(d1, a3) + Math.multiplyHigh(a2, a2)
                + ((d1 * a4) >>> 12) + ((d2 * a3) >>> 12);
        long c6 = Math.multiplyHigh(d1, a4) + Math.multiplyHigh(d2, a3)
                + ((d2 * a4) >>> 12) + ((a3 * a3) >>> 12);
        long c7 = Math.multiplyHigh(d2, a4) + Math.multiplyHigh(a3, a3)
                + ((d3 * a4) >>> 12);
        long c8 = Math.multiplyHigh(d3, a4)
                + ((a4 * a4) >>> 12);
        long c9 = Math.multiplyHigh(a4, a4);

        reduce(r, c0, c1, c2, c3, c4, c5, c6, c7, c8, c9);
    }

    /**
     * r = (a·b − c·d)·R⁻¹ mod p with a single Montgomery reduction: the two products are
     * subtracted column by column and reduced once, which saves a reduction and a subtraction
     * wherever a formula ends in such a difference. Inputs below 2p (limbs below 2^53): then
     * |a·b − c·d| &lt; 4p² &lt; p·R/4, and adding p·2^259 (≡ 0) makes the reduced value land in
     * (p/4, 7p/4); output normalised, below 2p.
     */
    static void mulSubMul(long[] r, long[] a, long[] b, long[] c, long[] d) {
        final long a0 = a[0] << 6, a1 = a[1] << 6, a2 = a[2] << 6, a3 = a[3] << 6, a4 = a[4] << 6;
        final long b0 = b[0] << 6, b1 = b[1] << 6, b2 = b[2] << 6, b3 = b[3] << 6, b4 = b[4] << 6;
        final long c0 = c[0] << 6, c1 = c[1] << 6, c2 = c[2] << 6, c3 = c[3] << 6, c4 = c[4] << 6;
        final long d0 = d[0] << 6, d1 = d[1] << 6, d2 = d[2] << 6, d3 = d[3] << 6, d4 = d[4] << 6;
        long t0 = PK0
                + ((a0 * b0) >>> 12)
                - (((c0 * d0) >>> 12));
        long t1 = PK1
                + Math.multiplyHigh(a0, b0) + ((a0 * b1) >>> 12) + ((a1 * b0) >>> 12)
                - (Math.multiplyHigh(c0, d0) + ((c0 * d1) >>> 12) + ((c1 * d0) >>> 12));
        long t2 = PK2
                + Math.multiplyHigh(a0, b1) + Math.multiplyHigh(a1, b0) + ((a0 * b2) >>> 12)
                  + ((a1 * b1) >>> 12) + ((a2 * b0) >>> 12)
                - (Math.multiplyHigh(c0, d1) + Math.multiplyHigh(c1, d0) + ((c0 * d2) >>> 12)
                   + ((c1 * d1) >>> 12) + ((c2 * d0) >>> 12));
        long t3 = PK3
                + Math.multiplyHigh(a0, b2) + Math.multiplyHigh(a1, b1) + Math.multiplyHigh(a2, b0)
                  + ((a0 * b3) >>> 12) + ((a1 * b2) >>> 12) + ((a2 * b1) >>> 12) + ((a3 * b0) >>> 12)
                - (Math.multiplyHigh(c0, d2) + Math.multiplyHigh(c1, d1) + Math.multiplyHigh(c2, d0)
                   + ((c0 * d3) >>> 12) + ((c1 * d2) >>> 12) + ((c2 * d1) >>> 12) + ((c3 * d0) >>> 12));
        long t4 = PK4
                + Math.multiplyHigh(a0, b3) + Math.multiplyHigh(a1, b2) + Math.multiplyHigh(a2, b1)
                  + Math.multiplyHigh(a3, b0) + ((a0 * b4) >>> 12) + ((a1 * b3) >>> 12) + ((a2 * b2) >>> 12)
                  + ((a3 * b1) >>> 12) + ((a4 * b0) >>> 12)
                - (Math.multiplyHigh(c0, d3) + Math.multiplyHigh(c1, d2) + Math.multiplyHigh(c2, d1)
                   + Math.multiplyHigh(c3, d0) + ((c0 * d4) >>> 12) + ((c1 * d3) >>> 12) + ((c2 * d2) >>> 12)
                   + ((c3 * d1) >>> 12) + ((c4 * d0) >>> 12));
        long t5 = PK5
                + Math.multiplyHigh(a0, b4) + Math.multiplyHigh(a1, b3) + Math.multiplyHigh(a2, b2)
                  + Math.multiplyHigh(a3, b1) + Math.multiplyHigh(a4, b0) + ((a1 * b4) >>> 12)
                  + ((a2 * b3) >>> 12) + ((a3 * b2) >>> 12) + ((a4 * b1) >>> 12)
                - (Math.multiplyHigh(c0, d4) + Math.multiplyHigh(c1, d3) + Math.multiplyHigh(c2, d2)
                   + Math.multiplyHigh(c3, d1) + Math.multiplyHigh(c4, d0) + ((c1 * d4) >>> 12)
                   + ((c2 * d3) >>> 12) + ((c3 * d2) >>> 12) + ((c4 * d1) >>> 12));
        long t6 = PK6
                + Math.multiplyHigh(a1, b4) + Math.multiplyHigh(a2, b3) + Math.multiplyHigh(a3, b2)
                  + Math.multiplyHigh(a4, b1) + ((a2 * b4) >>> 12) + ((a3 * b3) >>> 12) + ((a4 * b2) >>> 12)
                - (Math.multiplyHigh(c1, d4) + Math.multiplyHigh(c2, d3) + Math.multiplyHigh(c3, d2)
                   + Math.multiplyHigh(c4, d1) + ((c2 * d4) >>> 12) + ((c3 * d3) >>> 12) + ((c4 * d2) >>> 12));
        long t7 = PK7
                + Math.multiplyHigh(a2, b4) + Math.multiplyHigh(a3, b3) + Math.multiplyHigh(a4, b2)
                  + ((a3 * b4) >>> 12) + ((a4 * b3) >>> 12)
                - (Math.multiplyHigh(c2, d4) + Math.multiplyHigh(c3, d3) + Math.multiplyHigh(c4, d2)
                   + ((c3 * d4) >>> 12) + ((c4 * d3) >>> 12));
        long t8 = PK8
                + Math.multiplyHigh(a3, b4) + Math.multiplyHigh(a4, b3) + ((a4 * b4) >>> 12)
                - (Math.multiplyHigh(c3, d4) + Math.multiplyHigh(c4, d3) + ((c4 * d4) >>> 12));
        long t9 = PK9
                + Math.multiplyHigh(a4, b4)
                - (Math.multiplyHigh(c4, d4));
        reduce(r, t0, t1, t2, t3, t4, t5, t6, t7, t8, t9);
    }

    /**
     * Montgomery reduction of the 10-column product: five times, m = column mod 2^52 and
     * column += m·p (so the column becomes a multiple of 2^52 and is carried on); the upper
     * five columns are then the result, normalised. Columns may go negative on the way (m·p
     * has negative terms); arithmetic shifts keep the carries exact.
     */
    private static void reduce(long[] r, long c0, long c1, long c2, long c3, long c4,
            long c5, long c6, long c7, long c8, long c9) {
        long m = c0 & MASK52;
        // −m at column 0 cancels its low bits; +m·2^96 lands at columns 1–2, +m·2^192 at 3–4,
        // −m·2^224 and +m·2^256 at 4–5.
        c1 += (c0 >> 52) + ((m & 0xFF) << 44);
        c2 += m >>> 8;
        c3 += (m & 0xFFFF) << 36;
        c4 += (m >>> 16) + ((m & 0xF) << 48) - ((m & 0xF_FFFF_FFFFL) << 16);
        c5 += (m >>> 4) - (m >>> 36);

        m = c1 & MASK52;
        c2 += (c1 >> 52) + ((m & 0xFF) << 44);
        c3 += m >>> 8;
        c4 += (m & 0xFFFF) << 36;
        c5 += (m >>> 16) + ((m & 0xF) << 48) - ((m & 0xF_FFFF_FFFFL) << 16);
        c6 += (m >>> 4) - (m >>> 36);

        m = c2 & MASK52;
        c3 += (c2 >> 52) + ((m & 0xFF) << 44);
        c4 += m >>> 8;
        c5 += (m & 0xFFFF) << 36;
        c6 += (m >>> 16) + ((m & 0xF) << 48) - ((m & 0xF_FFFF_FFFFL) << 16);
        c7 += (m >>> 4) - (m >>> 36);

        m = c3 & MASK52;
        c4 += (c3 >> 52) + ((m & 0xFF) << 44);
        c5 += m >>> 8;
        c6 += (m & 0xFFFF) << 36;
        c7 += (m >>> 16) + ((m & 0xF) << 48) - ((m & 0xF_FFFF_FFFFL) << 16);
        c8 += (m >>> 4) - (m >>> 36);

        m = c4 & MASK52;
        c5 += (c4 >> 52) + ((m & 0xFF) << 44);
        c6 += m >>> 8;
        c7 += (m & 0xFFFF) << 36;
        c8 += (m >>> 16) + ((m & 0xF) << 48) - ((m & 0xF_FFFF_FFFFL) << 16);
        c9 += (m >>> 4) - (m >>> 36);

        c6 += c5 >> 52;
        c7 += c6 >> 52;
        c8 += c7 >> 52;
        c9 += c8 >> 52;
        r[0] = c5 & MASK52;
        r[1] = c6 & MASK52;
        r[2] = c7 & MASK52;
        r[3] = c8 & MASK52;
        r[4] = c9;
    }

    /** r = a + b mod p; inputs and output below 2p. */
    static void add(long[] r, long[] a, long[] b) {
        long t0 = a[0] + b[0] - TP0;
        long t1 = a[1] + b[1] - TP1;
        long t2 = a[2] + b[2] - TP2;
        long t3 = a[3] + b[3] - TP3;
        long t4 = a[4] + b[4] - TP4;
        addBackTwoPIfNegative(r, t0, t1, t2, t3, t4);
    }

    /** r = a − b mod p; inputs and output below 2p. */
    static void sub(long[] r, long[] a, long[] b) {
        long t0 = a[0] - b[0];
        long t1 = a[1] - b[1];
        long t2 = a[2] - b[2];
        long t3 = a[3] - b[3];
        long t4 = a[4] - b[4];
        addBackTwoPIfNegative(r, t0, t1, t2, t3, t4);
    }

    /** Normalises the signed limbs t (value in [−2p, 2p)) and adds 2p if the value is negative. */
    private static void addBackTwoPIfNegative(long[] r, long t0, long t1, long t2, long t3, long t4) {
        t1 += t0 >> 52;
        t2 += t1 >> 52;
        t3 += t2 >> 52;
        t4 += t3 >> 52;
        long negative = t4 >> 63;
        t0 = (t0 & MASK52) + (TP0 & negative);
        t1 = (t1 & MASK52) + (TP1 & negative);
        t2 = (t2 & MASK52) + (TP2 & negative);
        t3 = (t3 & MASK52) + (TP3 & negative);
        t4 = t4 + (TP4 & negative);
        t1 += t0 >> 52;
        t2 += t1 >> 52;
        t3 += t2 >> 52;
        t4 += t3 >> 52;
        r[0] = t0 & MASK52;
        r[1] = t1 & MASK52;
        r[2] = t2 & MASK52;
        r[3] = t3 & MASK52;
        r[4] = t4;
    }

    /**
     * r = k·a mod p for a small k (1 ≤ k ≤ 16), a below 2p; output below 2p. The product is
     * below 2^261; its bits from 256 up (h) are folded back with 2^256 ≡ 2^224 − 2^192 − 2^96 + 1,
     * which leaves a value below 2^256 + 2^229 &lt; 2p.
     */
    static void mulSmall(long[] r, long[] a, int k) {
        long t0 = a[0] * k;
        long t1 = a[1] * k + (t0 >> 52);
        long t2 = a[2] * k + (t1 >> 52);
        long t3 = a[3] * k + (t2 >> 52);
        long t4 = a[4] * k + (t3 >> 52);
        t0 &= MASK52;
        t1 &= MASK52;
        t2 &= MASK52;
        t3 &= MASK52;
        long h = t4 >> 48;
        t4 &= MASK48;
        t0 += h;
        t1 -= h << 44;
        t3 -= h << 36;
        t4 += h << 16;
        t1 += t0 >> 52;
        t2 += t1 >> 52;
        t3 += t2 >> 52;
        t4 += t3 >> 52;
        r[0] = t0 & MASK52;
        r[1] = t1 & MASK52;
        r[2] = t2 & MASK52;
        r[3] = t3 & MASK52;
        r[4] = t4;
    }

    /** r = a fully reduced into [0, p); a below 2p. */
    static void canonical(long[] r, long[] a) {
        long t0 = a[0] - P0;
        long t1 = a[1] - P1 + (t0 >> 52);
        long t2 = a[2] - P2 + (t1 >> 52);
        long t3 = a[3] - P3 + (t2 >> 52);
        long t4 = a[4] - P4 + (t3 >> 52);
        if (t4 < 0) {
            System.arraycopy(a, 0, r, 0, LIMBS);
        } else {
            r[0] = t0 & MASK52;
            r[1] = t1 & MASK52;
            r[2] = t2 & MASK52;
            r[3] = t3 & MASK52;
            r[4] = t4;
        }
    }

    /** Whether a ≡ 0 (mod p), for a below 2p (variable time). */
    static boolean isZero(long[] a) {
        return (a[0] | a[1] | a[2] | a[3] | a[4]) == 0
                || (a[0] == P0 && a[1] == P1 && a[2] == P2 && a[3] == P3 && a[4] == P4);
    }

    /** Whether a ≡ b (mod p), for a and b below 2p (variable time). */
    static boolean equal(long[] a, long[] b) {
        long[] d = create();
        sub(d, a, b);
        return isZero(d);
    }

    /**
     * r = a⁻¹ (Montgomery form in, Montgomery form out) as a^(p−2); 0 maps to 0. An addition
     * chain over p − 2 = 1^32 0^31 1 0^96 1^94 0 1 (bits from the top): 255 squarings and
     * 13 multiplications. Only used when building tables, never per verification.
     */
    static void invert(long[] r, long[] a) {
        long[] x2 = create();
        long[] x4 = create();
        long[] x8 = create();
        long[] x16 = create();
        long[] x30 = create();
        long[] x32 = create();
        long[] t = create();
        // x_k = a^(2^k − 1)
        sqr(t, a);
        mul(x2, t, a);
        squareTimes(t, x2, 2);
        mul(x4, t, x2);
        squareTimes(t, x4, 4);
        mul(x8, t, x4);
        squareTimes(t, x8, 8);
        mul(x16, t, x8);
        squareTimes(t, x16, 8);
        mul(t, t, x8);          // x24
        squareTimes(t, t, 4);
        mul(t, t, x4);          // x28
        squareTimes(t, t, 2);
        mul(x30, t, x2);
        squareTimes(t, x30, 2);
        mul(x32, t, x2);

        squareTimes(t, x32, 32);  // bits 255..224: 32 ones
        mul(t, t, a);             // bits 223..192: 31 zeros, then a one
        squareTimes(t, t, 96);    // bits 191..96: zeros
        squareTimes(t, t, 32);
        mul(t, t, x32);           // bits 95..64: ones
        squareTimes(t, t, 32);
        mul(t, t, x32);           // bits 63..32: ones
        squareTimes(t, t, 30);
        mul(t, t, x30);           // bits 31..2: ones
        squareTimes(t, t, 2);
        mul(r, t, a);             // bits 1..0: 0 1
    }

    private static void squareTimes(long[] r, long[] a, int times) {
        sqr(r, a);
        for (int i = 1; i < times; i++) {
            sqr(r, r);
        }
    }

    /** The Montgomery form of a value in [0, p). */
    static long[] fromBigInteger(BigInteger value) {
        if (value.signum() < 0 || value.compareTo(P) >= 0) {
            throw new IllegalArgumentException("not a field element");
        }
        long[] r = limbs(value);
        mul(r, r, R2);
        return r;
    }

    /** r = the Montgomery form of a value in [0, p) given as 52-bit limbs. */
    static void toMontgomery(long[] r, long[] plainLimbs) {
        mul(r, plainLimbs, R2);
    }

    /** The value in [0, p) of a Montgomery-form element. */
    static BigInteger toBigInteger(long[] a) {
        long[] plain = create();
        mul(plain, a, PLAIN_ONE);
        canonical(plain, plain);
        return fromLimbs(plain);
    }

    /** The 52-bit limbs of a non-negative value below 2^260 (no Montgomery conversion). */
    static long[] limbs(BigInteger value) {
        if (value.signum() < 0 || value.bitLength() > 260) {
            throw new IllegalArgumentException("value out of range for five 52-bit limbs");
        }
        long[] r = create();
        if (value.bitLength() <= 256) {
            // One byte-array conversion instead of five shifted copies (this runs per verification).
            long[] w = Wnaf.words(value);
            r[0] = w[0] & MASK52;
            r[1] = ((w[0] >>> 52) | (w[1] << 12)) & MASK52;
            r[2] = ((w[1] >>> 40) | (w[2] << 24)) & MASK52;
            r[3] = ((w[2] >>> 28) | (w[3] << 36)) & MASK52;
            r[4] = w[3] >>> 16;
            return r;
        }
        for (int i = 0; i < LIMBS; i++) {
            r[i] = value.shiftRight(52 * i).longValue() & MASK52;
        }
        return r;
    }

    private static long[] columns(BigInteger value) {
        long[] r = new long[2 * LIMBS];
        for (int i = 0; i < r.length; i++) {
            r[i] = value.shiftRight(52 * i).longValue() & MASK52;
        }
        return r;
    }

    /** The value of 52-bit limbs (no Montgomery conversion). */
    static BigInteger fromLimbs(long[] limbs) {
        BigInteger value = BigInteger.ZERO;
        for (int i = LIMBS - 1; i >= 0; i--) {
            value = value.shiftLeft(52).add(BigInteger.valueOf(limbs[i]));
        }
        return value;
    }
}
