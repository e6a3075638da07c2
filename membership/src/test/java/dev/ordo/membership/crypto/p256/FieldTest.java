package dev.ordo.membership.crypto.p256;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Field arithmetic against BigInteger on boundary and random values. */
class FieldTest {
    private static final BigInteger P = Field.P;
    private static final BigInteger R = BigInteger.ONE.shiftLeft(260);
    private static final BigInteger R_INV = R.modInverse(P);
    private static final SplittableRandom RANDOM = new SplittableRandom(0x5EED_256L);

    /** Values in [0, p): boundaries, limb boundaries and values at or above 2^255. */
    private static List<BigInteger> boundaryValues() {
        List<BigInteger> values = new ArrayList<>();
        BigInteger two = BigInteger.TWO;
        for (long v : new long[] {0, 1, 2, 3, 0xFFFF_FFFFL, 1L << 52, (1L << 52) - 1}) {
            values.add(BigInteger.valueOf(v));
        }
        values.add(P.subtract(BigInteger.ONE));
        values.add(P.subtract(two));
        values.add(P.shiftRight(1));
        values.add(P.shiftRight(1).add(BigInteger.ONE));
        values.add(two.pow(255));
        values.add(two.pow(255).add(BigInteger.ONE));
        values.add(two.pow(255).subtract(BigInteger.ONE));
        values.add(two.pow(256).subtract(two.pow(224)));  // p − 2^192 − 2^96 + 1, all ones above 2^224
        values.add(two.pow(224).subtract(BigInteger.ONE));
        values.add(two.pow(96).subtract(BigInteger.ONE));
        for (int bit = 0; bit < 256; bit += 13) {
            values.add(two.pow(bit));
            values.add(two.pow(bit).subtract(BigInteger.ONE));
        }
        values.add(R.mod(P));                     // Montgomery 1
        values.add(R.multiply(R).mod(P));
        values.add(R_INV);
        return values;
    }

    private static BigInteger random() {
        byte[] bytes = new byte[33];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) RANDOM.nextInt();
        }
        return new BigInteger(1, bytes).mod(P);
    }

    private static List<BigInteger> values() {
        List<BigInteger> values = boundaryValues();
        for (int i = 0; i < 300; i++) {
            values.add(random());
        }
        return values;
    }

    /** Plain limbs (no Montgomery conversion) of x, or of x + p when that keeps it below 2p. */
    private static long[] raw(BigInteger x, boolean plusP) {
        BigInteger v = plusP && x.add(P).compareTo(P.shiftLeft(1)) < 0 ? x.add(P) : x;
        return Field.limbs(v);
    }

    private static BigInteger value(long[] limbs) {
        for (long limb : limbs) {
            assertTrue(limb >= 0 && limb < (1L << 52), "limb not normalised: " + Long.toHexString(limb));
        }
        BigInteger v = Field.fromLimbs(limbs);
        assertTrue(v.compareTo(P.shiftLeft(1)) < 0, "result not below 2p");
        return v;
    }

    @Test
    void montgomeryMultiplicationAndSquaring() {
        List<BigInteger> values = values();
        for (int i = 0; i < values.size(); i++) {
            BigInteger a = values.get(i);
            BigInteger b = values.get((i * 7 + 3) % values.size());
            for (boolean aPlusP : new boolean[] {false, true}) {
                for (boolean bPlusP : new boolean[] {false, true}) {
                    long[] r = Field.create();
                    Field.mul(r, raw(a, aPlusP), raw(b, bPlusP));
                    assertEquals(a.multiply(b).multiply(R_INV).mod(P), value(r).mod(P), "mul " + a + " " + b);
                }
                long[] s = Field.create();
                Field.sqr(s, raw(a, aPlusP));
                assertEquals(a.multiply(a).multiply(R_INV).mod(P), value(s).mod(P), "sqr " + a);
            }
        }
    }

    @Test
    void differenceOfProductsWithOneReduction() {
        List<BigInteger> values = values();
        BigInteger twoPMinusOne = P.shiftLeft(1).subtract(BigInteger.ONE);
        values.add(twoPMinusOne);
        values.add(P);
        for (int i = 0; i < values.size(); i++) {
            BigInteger a = values.get(i).min(twoPMinusOne);
            BigInteger b = values.get((i * 3 + 1) % values.size()).min(twoPMinusOne);
            BigInteger c = values.get((i * 5 + 2) % values.size()).min(twoPMinusOne);
            BigInteger d = values.get((i * 7 + 3) % values.size()).min(twoPMinusOne);
            BigInteger[][] cases = {{a, b, c, d}, {BigInteger.ZERO, b, twoPMinusOne, twoPMinusOne},
                {twoPMinusOne, twoPMinusOne, BigInteger.ZERO, d}, {a, b, a, b}};
            for (BigInteger[] k : cases) {
                long[] r = Field.create();
                Field.mulSubMul(r, Field.limbs(k[0]), Field.limbs(k[1]), Field.limbs(k[2]), Field.limbs(k[3]));
                BigInteger expected = k[0].multiply(k[1]).subtract(k[2].multiply(k[3])).multiply(R_INV).mod(P);
                assertEquals(expected, value(r).mod(P));
                // Aliasing: the result over an input.
                long[] alias = Field.limbs(k[2]);
                Field.mulSubMul(alias, Field.limbs(k[0]), Field.limbs(k[1]), alias, Field.limbs(k[3]));
                assertEquals(expected, value(alias).mod(P));
            }
        }
    }

    @Test
    void multiplicationAcceptsInputsUpToFourP() {
        BigInteger fourPMinusOne = P.shiftLeft(2).subtract(BigInteger.ONE);
        for (BigInteger a : new BigInteger[] {fourPMinusOne, P.shiftLeft(1), P.multiply(BigInteger.valueOf(3))}) {
            long[] r = Field.create();
            Field.mul(r, Field.limbs(a), Field.limbs(fourPMinusOne));
            assertEquals(a.multiply(fourPMinusOne).multiply(R_INV).mod(P), value(r).mod(P));
            Field.sqr(r, Field.limbs(a));
            assertEquals(a.multiply(a).multiply(R_INV).mod(P), value(r).mod(P));
        }
    }

    @Test
    void additionSubtractionAndSmallMultiples() {
        List<BigInteger> values = values();
        for (int i = 0; i < values.size(); i++) {
            BigInteger a = values.get(i);
            BigInteger b = values.get((i * 11 + 5) % values.size());
            for (boolean aPlusP : new boolean[] {false, true}) {
                for (boolean bPlusP : new boolean[] {false, true}) {
                    long[] r = Field.create();
                    Field.add(r, raw(a, aPlusP), raw(b, bPlusP));
                    assertEquals(a.add(b).mod(P), value(r).mod(P), "add");
                    Field.sub(r, raw(a, aPlusP), raw(b, bPlusP));
                    assertEquals(a.subtract(b).mod(P), value(r).mod(P), "sub");
                    // aliasing: r = a
                    long[] alias = raw(a, aPlusP);
                    Field.sub(alias, alias, raw(b, bPlusP));
                    assertEquals(a.subtract(b).mod(P), value(alias).mod(P), "sub in place");
                }
                for (int k = 1; k <= 16; k++) {
                    long[] r = Field.create();
                    Field.mulSmall(r, raw(a, aPlusP), k);
                    assertEquals(a.multiply(BigInteger.valueOf(k)).mod(P), value(r).mod(P), "mulSmall " + k);
                }
            }
        }
    }

    @Test
    void canonicalFormZeroTestAndEquality() {
        for (BigInteger a : values()) {
            long[] r = Field.create();
            Field.canonical(r, raw(a, true));
            assertArrayEquals(Field.limbs(a), r);
            Field.canonical(r, raw(a, false));
            assertArrayEquals(Field.limbs(a), r);
            assertEquals(a.signum() == 0, Field.isZero(raw(a, true)));
            assertEquals(a.signum() == 0, Field.isZero(raw(a, false)));
            assertTrue(Field.equal(raw(a, true), raw(a, false)));
            assertFalse(Field.equal(raw(a, false), raw(a.add(BigInteger.ONE).mod(P), false)));
        }
        assertTrue(Field.isZero(Field.limbs(P)));
    }

    @Test
    void inversion() {
        for (BigInteger a : values()) {
            long[] m = Field.fromBigInteger(a);
            long[] inverse = Field.create();
            Field.invert(inverse, m);
            BigInteger expected = a.signum() == 0 ? BigInteger.ZERO : a.modInverse(P);
            assertEquals(expected, Field.toBigInteger(inverse), "inverse of " + a);
        }
    }

    @Test
    void conversionsRoundTrip() {
        for (BigInteger a : values()) {
            long[] m = Field.fromBigInteger(a);
            assertEquals(a.multiply(R).mod(P), value(m).mod(P));
            assertEquals(a, Field.toBigInteger(m));
        }
        assertEquals(BigInteger.ONE, Field.toBigInteger(Field.ONE));
    }

    @Test
    void chainedOperationsStayInRange() {
        // A long random walk through every operation, checked against BigInteger at each step.
        BigInteger x = random();
        BigInteger y = random();
        long[] mx = Field.fromBigInteger(x);
        long[] my = Field.fromBigInteger(y);
        for (int i = 0; i < 20_000; i++) {
            switch (RANDOM.nextInt(6)) {
                case 0 -> { Field.mul(mx, mx, my); x = x.multiply(y).mod(P); }
                case 1 -> { Field.sqr(my, my); y = y.multiply(y).mod(P); }
                case 2 -> { Field.add(mx, mx, my); x = x.add(y).mod(P); }
                case 3 -> { Field.sub(my, mx, my); y = x.subtract(y).mod(P); }
                case 4 -> { Field.mulSmall(mx, mx, 8); x = x.shiftLeft(3).mod(P); }
                default -> { Field.sub(mx, my, mx); x = y.subtract(x).mod(P); }
            }
            value(mx);
            value(my);
        }
        assertEquals(x, Field.toBigInteger(mx));
        assertEquals(y, Field.toBigInteger(my));
    }
}
