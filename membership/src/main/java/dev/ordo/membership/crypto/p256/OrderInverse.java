package dev.ordo.membership.crypto.p256;

import java.math.BigInteger;

/**
 * Inversion modulo the group order n, the one inversion each verification needs (w = s⁻¹).
 * {@link BigInteger#modInverse} costs about as much as a fifth of a whole verification here, so
 * this is a binary extended GCD in the style of Pornin's "optimized binary GCD" (2020): each
 * outer step runs 30 binary-GCD steps on 62-bit approximations of a and b (their low 30 bits,
 * exact, and their top 32 bits), collects them into a 2×2 matrix of small factors, then applies
 * that matrix to the full-size a, b and to their Bézout coefficients u, v (the latter with an
 * exact Montgomery division by 2^30 mod n). Numbers are 9 limbs of 30 bits in {@code long}s, so
 * every product of a limb and a factor fits in 62 bits.
 *
 * <p>Invariants: a ≡ y·u and b ≡ y·v (mod n), b odd; once a = 0, b = gcd(y, n) = 1 and v = y⁻¹.
 * Variable time (s is public). If the loop ever failed to converge it falls back to
 * {@link BigInteger#modInverse}; the tests compare the two on many values.
 */
final class OrderInverse {
    private static final int BITS = 30;
    private static final long MASK = (1L << BITS) - 1;
    private static final int LIMBS = 9;
    private static final int MAX_ITERATIONS = 64;
    private static final long[] N = limbs(Curve.N);
    /** −n⁻¹ mod 2^30. */
    private static final long MINUS_N_INVERSE = BigInteger.ONE.shiftLeft(BITS)
            .subtract(Curve.N.modInverse(BigInteger.ONE.shiftLeft(BITS))).longValueExact();

    private OrderInverse() {
    }

    /** y⁻¹ mod n, for y in [1, n − 1]. */
    static BigInteger inverse(BigInteger y) {
        if (y.signum() <= 0 || y.compareTo(Curve.N) >= 0) {
            throw new ArithmeticException("not invertible modulo n");
        }
        BigInteger inverse = binaryGcdInverse(y);
        return inverse != null ? inverse : y.modInverse(Curve.N);
    }

    /** y⁻¹ mod n by the binary GCD, or {@code null} if it did not converge (never seen). */
    static BigInteger binaryGcdInverse(BigInteger y) {
        long[] a = limbs(y);
        long[] b = N.clone();
        long[] u = new long[LIMBS];
        long[] v = new long[LIMBS];
        u[0] = 1;
        long[] nextA = new long[LIMBS];
        long[] nextB = new long[LIMBS];
        long[] nextU = new long[LIMBS];
        long[] nextV = new long[LIMBS];
        for (int iteration = 0; !isZero(a); iteration++) {
            if (iteration == MAX_ITERATIONS) {
                return null;
            }
            int length = Math.max(Math.max(bitLength(a), bitLength(b)), 2 * BITS + 2);
            long approxA = approximation(a, length);
            long approxB = approximation(b, length);
            // (f0, g0; f1, g1): after the loop, a' = (a·f0 + b·g0)/2^30, b' = (a·f1 + b·g1)/2^30,
            // and |f0| + |g0| ≤ 2^30, |f1| + |g1| ≤ 2^30.
            long f0 = 1;
            long g0 = 0;
            long f1 = 0;
            long g1 = 1;
            int step = 0;
            while (step < BITS) {
                if ((approxA & 1) == 0) {
                    // A run of halvings at once (approxA = 0 halves for the rest of the steps).
                    int zeros = Math.min(Long.numberOfTrailingZeros(approxA), BITS - step);
                    approxA >>= zeros;
                    f1 <<= zeros;
                    g1 <<= zeros;
                    step += zeros;
                    continue;
                }
                if (approxA < approxB) {
                    long t = approxA;
                    approxA = approxB;
                    approxB = t;
                    t = f0;
                    f0 = f1;
                    f1 = t;
                    t = g0;
                    g0 = g1;
                    g1 = t;
                }
                approxA = (approxA - approxB) >> 1;
                f0 -= f1;
                g0 -= g1;
                f1 <<= 1;
                g1 <<= 1;
                step++;
            }
            if (combineShifted(nextA, a, f0, b, g0)) {
                negate(nextA);
                f0 = -f0;
                g0 = -g0;
            }
            if (combineShifted(nextB, a, f1, b, g1)) {
                negate(nextB);
                f1 = -f1;
                g1 = -g1;
            }
            combineModN(nextU, u, f0, v, g0);
            combineModN(nextV, u, f1, v, g1);
            long[] t = a;
            a = nextA;
            nextA = t;
            t = b;
            b = nextB;
            nextB = t;
            t = u;
            u = nextU;
            nextU = t;
            t = v;
            v = nextV;
            nextV = t;
        }
        return isOne(b) ? toBigInteger(v) : null;
    }

    /**
     * r = (x·f + y·g) / 2^30 (an exact division), limbs 0..7 normalised and the top limb signed;
     * returns whether r is negative.
     */
    private static boolean combineShifted(long[] r, long[] x, long f, long[] y, long g) {
        long t = x[0] * f + y[0] * g;
        long carry = t >> BITS;
        for (int i = 1; i < LIMBS; i++) {
            t = x[i] * f + y[i] * g + carry;
            r[i - 1] = t & MASK;
            carry = t >> BITS;
        }
        r[LIMBS - 1] = carry;
        return carry < 0;
    }

    /** r = −r, for r with normalised low limbs and a negative top limb. */
    private static void negate(long[] r) {
        long carry = 0;
        for (int i = 0; i < LIMBS - 1; i++) {
            long t = carry - r[i];
            r[i] = t & MASK;
            carry = t >> BITS;
        }
        r[LIMBS - 1] = carry - r[LIMBS - 1];
    }

    /**
     * r = (x·f + y·g)·2^−30 mod n for x, y in [0, n): m = −(x·f + y·g)·n⁻¹ mod 2^30 makes
     * x·f + y·g + m·n divisible by 2^30; the quotient lies in (−n, 2n) and one addition or
     * subtraction of n brings it into [0, n).
     */
    private static void combineModN(long[] r, long[] x, long f, long[] y, long g) {
        long t = x[0] * f + y[0] * g;
        long m = ((t & MASK) * MINUS_N_INVERSE) & MASK;
        t += m * N[0];
        long carry = t >> BITS;
        for (int i = 1; i < LIMBS; i++) {
            t = x[i] * f + y[i] * g + m * N[i] + carry;
            r[i - 1] = t & MASK;
            carry = t >> BITS;
        }
        r[LIMBS - 1] = carry;
        if (carry < 0) {
            addN(r);
        } else if (!lessThanN(r)) {
            subtractN(r);
        }
    }

    private static void addN(long[] r) {
        long carry = 0;
        for (int i = 0; i < LIMBS - 1; i++) {
            long t = r[i] + N[i] + carry;
            r[i] = t & MASK;
            carry = t >> BITS;
        }
        r[LIMBS - 1] += N[LIMBS - 1] + carry;
    }

    private static void subtractN(long[] r) {
        long carry = 0;
        for (int i = 0; i < LIMBS - 1; i++) {
            long t = r[i] - N[i] + carry;
            r[i] = t & MASK;
            carry = t >> BITS;
        }
        r[LIMBS - 1] += carry - N[LIMBS - 1];
    }

    private static boolean lessThanN(long[] r) {
        for (int i = LIMBS - 1; i >= 0; i--) {
            if (r[i] != N[i]) {
                return r[i] < N[i];
            }
        }
        return false;
    }

    private static boolean isZero(long[] x) {
        long or = 0;
        for (long limb : x) {
            or |= limb;
        }
        return or == 0;
    }

    private static boolean isOne(long[] x) {
        long or = x[0] ^ 1;
        for (int i = 1; i < LIMBS; i++) {
            or |= x[i];
        }
        return or == 0;
    }

    private static int bitLength(long[] x) {
        for (int i = LIMBS - 1; i >= 0; i--) {
            if (x[i] != 0) {
                return BITS * i + 64 - Long.numberOfLeadingZeros(x[i]);
            }
        }
        return 0;
    }

    /** The low 30 bits of x and, above them, bits length − 32 up to length − 1 of x. */
    private static long approximation(long[] x, int length) {
        int position = length - 32;
        int limb = position / BITS;
        int offset = position % BITS;
        long top = x[limb] >>> offset;
        if (limb + 1 < LIMBS) {
            top |= x[limb + 1] << (BITS - offset);
        }
        if (limb + 2 < LIMBS) {
            top |= x[limb + 2] << (2 * BITS - offset);
        }
        return x[0] | ((top & 0xFFFF_FFFFL) << BITS);
    }

    private static long[] limbs(BigInteger value) {
        long[] r = new long[LIMBS];
        for (int i = 0; i < LIMBS; i++) {
            r[i] = value.shiftRight(BITS * i).longValue() & MASK;
        }
        return r;
    }

    private static BigInteger toBigInteger(long[] x) {
        byte[] bytes = new byte[34];
        // Pack the 270 bits big-endian.
        long accumulator = 0;
        int bits = 0;
        int index = bytes.length - 1;
        for (int i = 0; i < LIMBS; i++) {
            accumulator |= x[i] << bits;
            bits += BITS;
            while (bits >= 8) {
                bytes[index--] = (byte) accumulator;
                accumulator >>>= 8;
                bits -= 8;
            }
        }
        while (index >= 0) {
            bytes[index--] = (byte) accumulator;
            accumulator >>>= 8;
        }
        return new BigInteger(1, bytes);
    }
}
