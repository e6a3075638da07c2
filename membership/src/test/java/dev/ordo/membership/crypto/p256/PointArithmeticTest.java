package dev.ordo.membership.crypto.p256;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.bouncycastle.math.ec.ECAlgorithms;
import org.bouncycastle.math.ec.ECPoint;
import org.junit.jupiter.api.Test;

/** Points, tables, NAF recoding and u1·G + u2·Q against Bouncy Castle. */
class PointArithmeticTest {
    private static final SplittableRandom RANDOM = new SplittableRandom(0xC0FFEEL);
    private static final BigInteger N = BcReference.N;
    private static final ECPoint G = BcReference.G;

    @Test
    void curveConstantsAreThoseOfBouncyCastle() {
        assertEquals(BcReference.X9.getCurve().getField().getCharacteristic(), Field.P);
        assertEquals(BcReference.X9.getCurve().getA().toBigInteger(), Curve.A);
        assertEquals(BcReference.X9.getCurve().getB().toBigInteger(), Curve.B);
        assertEquals(N, Curve.N);
        assertEquals(G.normalize().getAffineXCoord().toBigInteger(), Curve.GX);
        assertEquals(G.normalize().getAffineYCoord().toBigInteger(), Curve.GY);
        assertTrue(Curve.isOnCurve(Curve.GX, Curve.GY));
        assertTrue(P256PublicKey.isP256(BcReference.DOMAIN));
    }

    @Test
    void doublingAndMixedAdditionMatchBouncyCastle() {
        for (int i = 0; i < 100; i++) {
            ECPoint a = G.multiply(BcReference.randomScalar(RANDOM)).normalize();
            ECPoint b = G.multiply(BcReference.randomScalar(RANDOM)).normalize();
            JacobianPoint point = new JacobianPoint();
            point.setAffine(BcReference.montX(a), BcReference.montY(a));
            point.twice();
            assertEquals(a.twice().normalize(), BcReference.toBc(point));
            point.addAffine(BcReference.montX(b), BcReference.montY(b));
            ECPoint expected = a.twice().add(b).normalize();
            assertEquals(expected, BcReference.toBc(point));
            point.subtractAffine(BcReference.montX(a), BcReference.montY(a));
            expected = expected.subtract(a).normalize();
            assertEquals(expected, BcReference.toBc(point));
            point.twice();
            point.twice();
            assertEquals(expected.timesPow2(2).normalize(), BcReference.toBc(point));
        }
    }

    @Test
    void exceptionalAdditions() {
        ECPoint a = G.multiply(BcReference.randomScalar(RANDOM)).normalize();
        long[] ax = BcReference.montX(a);
        long[] ay = BcReference.montY(a);

        // ∞ + A = A
        JacobianPoint point = new JacobianPoint();
        point.addAffine(ax, ay);
        assertEquals(a, BcReference.toBc(point));
        // A + A = 2A, with A in a Jacobian form whose Z is not 1
        point.twice();
        point.subtractAffine(ax, ay);  // 2A − A = A, Z ≠ 1
        point.addAffine(ax, ay);
        assertEquals(a.twice().normalize(), BcReference.toBc(point));
        // A + (−A) = ∞
        point.setAffine(ax, ay);
        point.twice();
        point.subtractAffine(ax, ay);
        point.subtractAffine(ax, ay);
        assertTrue(point.isInfinity());
        // ∞ doubled stays ∞, ∞ − A = −A
        point.twice();
        assertTrue(point.isInfinity());
        point.subtractAffine(ax, ay);
        assertEquals(a.negate().normalize(), BcReference.toBc(point));
        // (−A) − A = −2A, with −A in a Jacobian form whose Z is not 1 (doubling, negated entry)
        ECPoint three = a.multiply(BigInteger.valueOf(3)).normalize();
        point.setAffine(ax, ay);
        point.twice();
        point.subtractAffine(BcReference.montX(three), BcReference.montY(three));
        assertEquals(a.negate().normalize(), BcReference.toBc(point));
        point.subtractAffine(ax, ay);
        assertEquals(a.twice().negate().normalize(), BcReference.toBc(point));
        // (−A) + A = ∞
        point.setAffine(ax, ay);
        point.twice();
        point.subtractAffine(BcReference.montX(three), BcReference.montY(three));
        point.addAffine(ax, ay);
        assertTrue(point.isInfinity());
    }

    @Test
    void tablesHoldTheOddMultiplesOfEachPiece() {
        ECPoint q = G.multiply(BcReference.randomScalar(RANDOM)).normalize();
        OddMultiplesTable[] tables = OddMultiplesTable.build(BcReference.montX(q), BcReference.montY(q), 4, 64, 5);
        checkTables(q, tables, 4, 64, 8);
        checkTables(q, BcReference.prepared(q).tables(), DoubleScalarMultiplier.PARTS, DoubleScalarMultiplier.PART_BITS,
                1 << (DoubleScalarMultiplier.Q_WIDTH - 2));
        checkTables(q, BcReference.prepared(q).withWideTables().tables(), DoubleScalarMultiplier.PARTS,
                DoubleScalarMultiplier.PART_BITS, 1 << (DoubleScalarMultiplier.WIDE_Q_WIDTH - 2));
        checkTables(G, GeneratorTable.TABLES, DoubleScalarMultiplier.PARTS, DoubleScalarMultiplier.PART_BITS,
                1 << (DoubleScalarMultiplier.G_WIDTH - 2));
        OddMultiplesTable[] single = OddMultiplesTable.build(BcReference.montX(G), BcReference.montY(G), 1, 256, 3);
        checkTables(G, single, 1, 256, 2);
    }

    private static void checkTables(ECPoint base, OddMultiplesTable[] tables, int parts, int partBits, int size) {
        assertEquals(parts, tables.length);
        for (int j = 0; j < parts; j++) {
            assertEquals(size, tables[j].size());
            ECPoint pieceBase = base.multiply(BigInteger.ONE.shiftLeft(j * partBits));
            for (int i = 0; i < size; i++) {
                ECPoint expected = pieceBase.multiply(BigInteger.valueOf(2L * i + 1)).normalize();
                assertArrayEquals(Field.limbs(Field.toBigInteger(BcReference.montX(expected))),
                        Field.limbs(Field.toBigInteger(tables[j].x(i))));
                assertEquals(expected.getAffineXCoord().toBigInteger(), Field.toBigInteger(tables[j].x(i)));
                assertEquals(expected.getAffineYCoord().toBigInteger(), Field.toBigInteger(tables[j].y(i)));
            }
        }
    }

    @Test
    void wnafDigitsRecomposeTheScalar() {
        List<BigInteger> scalars = new ArrayList<>(edgeScalars());
        for (int i = 0; i < 200; i++) {
            scalars.add(BcReference.randomBits(RANDOM, 256));
        }
        for (BigInteger k : scalars) {
            for (int width = 2; width <= 12; width++) {
                checkNaf(k, Wnaf.recode(k, width), 256, width);
                // Pieces of the word array (bits from·from + bits − 1), as recode allows.
                long[] words = Wnaf.words(k);
                for (int bits : new int[] {32, 64, 100}) {
                    for (int from = 0; from + bits <= 256; from += 78) {
                        BigInteger piece = k.shiftRight(from).and(BigInteger.ONE.shiftLeft(bits).subtract(BigInteger.ONE));
                        checkNaf(piece, Wnaf.recode(words, from, bits, width), bits, width);
                    }
                }
            }
        }
    }

    private static void checkNaf(BigInteger k, short[] digits, int bits, int width) {
        assertEquals(bits + 1, digits.length);
        BigInteger sum = BigInteger.ZERO;
        int lastNonZero = -width;
        for (int i = 0; i <= bits; i++) {
            int d = digits[i];
            if (d != 0) {
                assertTrue((d & 1) == 1 && Math.abs(d) < (1 << (width - 1)), "digit " + d);
                assertTrue(i - lastNonZero >= width, "digits too close");
                lastNonZero = i;
                sum = sum.add(BigInteger.valueOf(d).shiftLeft(i));
            }
        }
        assertEquals(k, sum, "k=" + k.toString(16) + " width " + width);
    }

    private static List<BigInteger> edgeScalars() {
        List<BigInteger> scalars = new ArrayList<>();
        BigInteger two = BigInteger.TWO;
        for (long v = 0; v < 40; v++) {
            scalars.add(BigInteger.valueOf(v));
        }
        scalars.add(N.subtract(BigInteger.ONE));
        scalars.add(N.subtract(two));
        scalars.add(N.shiftRight(1));
        scalars.add(two.pow(256).subtract(BigInteger.ONE));
        for (int bit = 1; bit < 256; bit += 7) {
            scalars.add(two.pow(bit));
            scalars.add(two.pow(bit).subtract(BigInteger.ONE));
            scalars.add(two.pow(bit).add(BigInteger.ONE));
        }
        for (int piece = DoubleScalarMultiplier.PART_BITS; piece < 256; piece += DoubleScalarMultiplier.PART_BITS) {
            for (int delta = -9; delta <= 9; delta++) {
                scalars.add(two.pow(piece).add(BigInteger.valueOf(delta)));
                scalars.add(two.pow(piece).subtract(BigInteger.ONE).shiftLeft(256 - piece).add(BigInteger.valueOf(delta))
                        .mod(two.pow(256)));
            }
        }
        return scalars;
    }

    @Test
    void doubleScalarMultiplicationMatchesBouncyCastle() {
        List<BigInteger> edges = edgeScalars();
        List<ECPoint> keys = new ArrayList<>();
        keys.add(G);
        keys.add(G.negate());
        keys.add(G.twice());
        keys.add(G.multiply(BigInteger.ONE.shiftLeft(DoubleScalarMultiplier.PART_BITS)));
        keys.add(G.multiply(BigInteger.ONE.shiftLeft(128)).negate());
        keys.add(G.multiply(BigInteger.ONE.shiftLeft(256 - DoubleScalarMultiplier.PART_BITS)));
        keys.add(G.multiply(BigInteger.valueOf(3)));
        keys.add(G.multiply(BcReference.randomScalar(RANDOM)));
        for (ECPoint key : keys) {
            ECPoint q = key.normalize();
            for (P256PublicKey prepared : bothTableWidths(q)) {
                for (int i = 0; i < 150; i++) {
                    BigInteger u1 = i < edges.size() ? edges.get(i).mod(N) : BcReference.randomScalar(RANDOM);
                    BigInteger u2 = edges.get((i * 31 + 7) % edges.size()).mod(N);
                    if (RANDOM.nextInt(3) == 0) {
                        u2 = BcReference.randomScalar(RANDOM);
                    }
                    ECPoint expected = ECAlgorithms.sumOfTwoMultiplies(G, u1, q, u2).normalize();
                    ECPoint actual = BcReference.toBc(
                            DoubleScalarMultiplier.multiply(u1, u2, prepared.tables(), prepared.tableWidth()));
                    assertEquals(expected, actual, "u1=" + u1.toString(16) + " u2=" + u2.toString(16) + " Q=" + q
                            + " width=" + prepared.tableWidth());
                }
            }
        }
    }

    /** The key with its default tables and with the wide ones. */
    private static List<P256PublicKey> bothTableWidths(ECPoint q) {
        P256PublicKey prepared = BcReference.prepared(q);
        return List.of(prepared, prepared.withWideTables());
    }

    @Test
    void doubleScalarMultiplicationHitsInfinityAndDoublingCases() {
        // Q = ±k·G with small k and u1, u2 such that partial sums coincide with table points.
        for (int k = 1; k <= 4; k++) {
            for (int sign : new int[] {1, -1}) {
                ECPoint q = G.multiply(BigInteger.valueOf(k));
                q = (sign < 0 ? q.negate() : q).normalize();
                for (P256PublicKey prepared : bothTableWidths(q)) {
                    for (int a = 0; a <= 12; a++) {
                        for (int b = 1; b <= 6; b++) {
                            for (int shift = 0; shift < 256; shift += 2 * DoubleScalarMultiplier.PART_BITS) {
                                BigInteger u1 = BigInteger.valueOf(a).shiftLeft(shift).mod(N);
                                BigInteger u2 = BigInteger.valueOf(b).shiftLeft(shift).mod(N);
                                ECPoint expected = ECAlgorithms.sumOfTwoMultiplies(G, u1, q, u2).normalize();
                                JacobianPoint actual = DoubleScalarMultiplier.multiply(u1, u2, prepared.tables(),
                                        prepared.tableWidth());
                                assertEquals(expected.isInfinity(), actual.isInfinity());
                                assertEquals(expected, BcReference.toBc(actual), "k=" + sign * k + " a=" + a + " b=" + b
                                        + " width=" + prepared.tableWidth());
                            }
                        }
                    }
                }
            }
        }
    }

    @Test
    void projectiveXComparison() {
        BigInteger p = Field.P;
        for (int i = 0; i < 200; i++) {
            // x in [0, p): ordinary values and values in [n, p) whose residue mod n is x − n.
            BigInteger x = i % 2 == 0 ? BcReference.randomScalar(RANDOM)
                    : N.add(BcReference.randomBits(RANDOM, 127)).min(p.subtract(BigInteger.ONE));
            BigInteger z = BcReference.randomScalar(RANDOM).mod(p);
            long[] jz = Field.fromBigInteger(z);
            long[] jx = Field.fromBigInteger(x.multiply(z).multiply(z).mod(p));
            BigInteger residue = x.mod(N);
            assertTrue(XCoordinateCheck.matches(jx, jz, residue));
            assertFalse(XCoordinateCheck.matches(jx, jz, residue.add(BigInteger.ONE).mod(N)));
            assertFalse(XCoordinateCheck.matches(jx, jz, residue.subtract(BigInteger.ONE).mod(N)));
        }
        // r + n ≥ p: only x = r can match.
        BigInteger r = p.subtract(N);
        long[] one = Field.ONE;
        assertTrue(XCoordinateCheck.matches(Field.fromBigInteger(r), one, r));
        assertFalse(XCoordinateCheck.matches(Field.fromBigInteger(r.subtract(BigInteger.ONE)), one, r));
        assertTrue(XCoordinateCheck.matches(Field.fromBigInteger(p.subtract(BigInteger.ONE)), one,
                p.subtract(BigInteger.ONE).subtract(N)));
    }

    @Test
    void batchNormalizationRejectsAZeroZ() {
        long[][] coordinates = {Field.ONE.clone(), Field.create()};
        assertThrows(IllegalArgumentException.class, () -> BatchNormalizer.toAffine(
                coordinates, coordinates, coordinates, new long[2][], new long[2][]));
    }
}
