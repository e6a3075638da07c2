package dev.ordo.membership.crypto.p256;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.math.ec.ECAlgorithms;
import org.bouncycastle.math.ec.ECPoint;
import org.junit.jupiter.api.Test;

/**
 * {@link P256PublicKey#verify} against Bouncy Castle's {@code ECDSASigner.verifySignature}:
 * random keys and messages, tampered signatures, edge digests and scalars, and signatures
 * built algebraically to reach the exceptional cases of the point arithmetic.
 */
class P256VerifyTest {
    private static final SplittableRandom RANDOM = new SplittableRandom(0xEC_D5AL);
    private static final BigInteger N = BcReference.N;
    private static final BigInteger P = Field.P;
    private static final ECPoint G = BcReference.G;

    /** A public key for Bouncy Castle and for Ordo's verifier, with its default and its wide tables. */
    private record Key(ECPublicKeyParameters bc, P256PublicKey fast, P256PublicKey wide) {
        static Key of(ECPoint q) {
            ECPoint normal = q.normalize();
            P256PublicKey fast = BcReference.prepared(normal);
            return new Key(BcReference.publicKey(normal), fast, fast.withWideTables());
        }
    }

    private static void assertAgree(Key key, byte[] digest, BigInteger r, BigInteger s, String what) {
        boolean expected = BcReference.verify(key.bc(), digest, r, s);
        String detail = what + ": r=" + r.toString(16) + " s=" + s.toString(16)
                + " e=" + new BigInteger(1, digest).toString(16) + " key=" + key.fast();
        assertEquals(expected, key.fast().verify(digest, r, s), detail);
        assertEquals(expected, key.wide().verify(digest, r, s), "wide tables, " + detail);
    }

    @Test
    void randomSignaturesAndTamperedOnesAgreeWithBouncyCastle() {
        int keys = 250;
        int perKey = 8;
        List<BigInteger> privates = new ArrayList<>();
        List<Key> publics = new ArrayList<>();
        for (int i = 0; i < keys; i++) {
            BigInteger d = BcReference.randomScalar(RANDOM);
            privates.add(d);
            publics.add(Key.of(G.multiply(d)));
        }
        int valid = 0;
        int tampered = 0;
        for (int i = 0; i < keys; i++) {
            Key key = publics.get(i);
            Key otherKey = publics.get((i + 1) % keys);
            for (int m = 0; m < perKey; m++) {
                byte[] digest = BcReference.randomBytes(RANDOM, 32);
                BigInteger[] rs = BcReference.sign(privates.get(i), digest);
                BigInteger r = rs[0];
                BigInteger s = rs[1];
                assertTrue(key.fast().verify(digest, r, s), "valid signature rejected");
                assertAgree(key, digest, r, s, "valid");
                valid++;
                for (int variant = 0; variant < 2; variant++) {
                    int kind = (i * perKey + m) * 2 + variant;
                    tamper(kind % 16, key, otherKey, digest, r, s);
                    tampered++;
                }
            }
        }
        assertEquals(keys * perKey, valid);
        assertEquals(2 * keys * perKey, tampered);
    }

    private static void tamper(int kind, Key key, Key otherKey, byte[] digest, BigInteger r, BigInteger s) {
        switch (kind) {
            case 0 -> {
                byte[] flipped = digest.clone();
                int bit = RANDOM.nextInt(256);
                flipped[bit / 8] ^= (byte) (1 << (bit % 8));
                assertAgree(key, flipped, r, s, "flipped digest bit");
            }
            case 1 -> assertAgree(otherKey, digest, r, s, "wrong key");
            case 2 -> assertAgree(key, digest, r.add(BigInteger.ONE), s, "r + 1");
            case 3 -> assertAgree(key, digest, r, s.add(BigInteger.ONE), "s + 1");
            case 4 -> assertAgree(key, digest, BigInteger.ZERO, s, "r = 0");
            case 5 -> assertAgree(key, digest, r, BigInteger.ZERO, "s = 0");
            case 6 -> assertAgree(key, digest, N, s, "r = n");
            case 7 -> assertAgree(key, digest, r, N, "s = n");
            case 8 -> assertAgree(key, digest, r.add(N), s, "r + n");
            case 9 -> assertAgree(key, digest, r, s.add(N), "s + n");
            case 10 -> {
                // The other S of the same signature is valid for the bare equation.
                assertTrue(key.fast().verify(digest, r, N.subtract(s)));
                assertAgree(key, digest, r, N.subtract(s), "n − s");
            }
            case 11 -> assertAgree(key, digest, s, r, "r and s swapped");
            case 12 -> assertAgree(key, digest, N.subtract(r), s, "n − r");
            case 13 -> assertAgree(key, digest, r.negate(), s, "negative r");
            case 14 -> assertAgree(key, digest, r, s.flipBit(RANDOM.nextInt(256)), "s bit flipped");
            default -> assertAgree(key, digest, r.flipBit(RANDOM.nextInt(256)), s, "r bit flipped");
        }
    }

    @Test
    void edgeDigestsAgreeWithBouncyCastle() {
        BigInteger two = BigInteger.TWO;
        BigInteger[] digests = {
            BigInteger.ZERO, BigInteger.ONE, two, N.subtract(BigInteger.ONE), N, N.add(BigInteger.ONE),
            N.add(two), two.pow(256).subtract(BigInteger.ONE), two.pow(255), two.pow(256).subtract(N),
            N.shiftRight(1), P, P.subtract(BigInteger.ONE),
        };
        for (BigInteger e : digests) {
            byte[] digest = BcReference.digestOf(e);
            for (int i = 0; i < 12; i++) {
                BigInteger d = BcReference.randomScalar(RANDOM);
                Key key = Key.of(G.multiply(d));
                BigInteger[] rs = BcReference.sign(d, digest);
                assertTrue(key.fast().verify(digest, rs[0], rs[1]), "e=" + e.toString(16));
                assertAgree(key, digest, rs[0], rs[1], "edge digest");
                tamper(i % 16, key, Key.of(G.multiply(d.add(BigInteger.ONE))), digest, rs[0], rs[1]);
            }
        }
    }

    @Test
    void digestsOfOtherLengthsUseTheirLeftmostBits() {
        for (int length : new int[] {0, 1, 20, 31, 33, 48, 64}) {
            for (int i = 0; i < 10; i++) {
                BigInteger d = BcReference.randomScalar(RANDOM);
                Key key = Key.of(G.multiply(d));
                byte[] digest = BcReference.randomBytes(RANDOM, length);
                BigInteger[] rs = BcReference.sign(d, digest);
                assertTrue(key.fast().verify(digest, rs[0], rs[1]), "length " + length);
                assertAgree(key, digest, rs[0], rs[1], "length " + length);
                if (length > 0) {
                    byte[] flipped = digest.clone();
                    flipped[0] ^= 1;
                    assertAgree(key, flipped, rs[0], rs[1], "flipped, length " + length);
                }
            }
        }
    }

    /**
     * (digest, r, s) for which verification under Q computes exactly u1·G + u2·Q: with R that
     * sum, r = x(R) mod n, s = r/u2 and e = u1·s (mod n). When R is infinity (or r would be 0)
     * r is arbitrary and the signature must fail.
     */
    private static Object[] construct(ECPoint q, BigInteger u1, BigInteger u2) {
        ECPoint sum = ECAlgorithms.sumOfTwoMultiplies(G, u1, q, u2).normalize();
        BigInteger r = sum.isInfinity() ? BigInteger.valueOf(0x1234567) : sum.getAffineXCoord().toBigInteger().mod(N);
        if (r.signum() == 0) {
            r = BigInteger.ONE;
        }
        BigInteger s = r.multiply(u2.modInverse(N)).mod(N);
        BigInteger e = u1.multiply(s).mod(N);
        return new Object[] {BcReference.digestOf(e), r, s, !sum.isInfinity()};
    }

    private static void checkConstructed(Key key, ECPoint q, BigInteger u1, BigInteger u2) {
        Object[] c = construct(q, u1, u2);
        byte[] digest = (byte[]) c[0];
        BigInteger r = (BigInteger) c[1];
        BigInteger s = (BigInteger) c[2];
        boolean finite = (Boolean) c[3];
        assertEquals(finite, BcReference.verify(key.bc(), digest, r, s), "construction");
        assertAgree(key, digest, r, s, "u1=" + u1.toString(16) + " u2=" + u2.toString(16));
    }

    @Test
    void constructedSignaturesThroughTheExceptionalAdditionsAgree() {
        // Q = ±k·G: partial sums of the G and Q streams coincide (doubling) or cancel (infinity).
        BigInteger two = BigInteger.TWO;
        for (int k = 1; k <= 3; k++) {
            for (int sign : new int[] {1, -1}) {
                ECPoint q = G.multiply(BigInteger.valueOf(k));
                q = sign < 0 ? q.negate() : q;
                Key key = Key.of(q);
                for (int a = 0; a <= 9; a++) {
                    for (int b = 1; b <= 5; b++) {
                        for (int shift = 0; shift < 256; shift += 2 * DoubleScalarMultiplier.PART_BITS) {
                            BigInteger u1 = BigInteger.valueOf(a).shiftLeft(shift).mod(N);
                            BigInteger u2 = BigInteger.valueOf(b).shiftLeft(shift).mod(N);
                            checkConstructed(key, q, u1, u2);
                            checkConstructed(key, q, N.subtract(u1).mod(N), u2);
                        }
                    }
                }
                // u1·G + u2·Q = ∞ with large scalars: u1 = −k·u2.
                for (int i = 0; i < 10; i++) {
                    BigInteger u2 = BcReference.randomScalar(RANDOM);
                    BigInteger u1 = u2.multiply(BigInteger.valueOf((long) k * sign)).negate().mod(N);
                    checkConstructed(key, q, u1, u2);
                    checkConstructed(key, q, u1.add(BigInteger.ONE).mod(N), u2);
                }
            }
        }
        // Keys that are the other pieces' bases: Q = ±2^(j·PART_BITS)·G.
        int partBits = DoubleScalarMultiplier.PART_BITS;
        for (int j = 1; j < DoubleScalarMultiplier.PARTS; j += 2) {
            for (int sign : new int[] {1, -1}) {
                ECPoint q = G.multiply(two.pow(partBits * j));
                q = sign < 0 ? q.negate() : q;
                Key key = Key.of(q);
                for (int a = 0; a <= 5; a++) {
                    for (int b = 1; b <= 5; b++) {
                        checkConstructed(key, q, BigInteger.valueOf(a).shiftLeft(partBits * j), BigInteger.valueOf(b));
                        checkConstructed(key, q, BigInteger.valueOf(a),
                                BigInteger.valueOf(b).shiftLeft(partBits * (DoubleScalarMultiplier.PARTS - j)).mod(N));
                    }
                }
            }
        }
    }

    @Test
    void edgeScalarsAgree() {
        // u1 = 0 (e ≡ 0 mod n), small u2, u2 = n − 1, and scalars at the piece boundaries.
        BigInteger two = BigInteger.TWO;
        List<BigInteger> u1s = List.of(BigInteger.ZERO, BigInteger.ONE, N.subtract(BigInteger.ONE),
                two.pow(32), two.pow(64), two.pow(128).subtract(BigInteger.ONE), two.pow(192), two.pow(224).add(two),
                N.shiftRight(1),
                // 511/513 and 1023 straddle the largest odd multiple of G's table at w = 10;
                // 2^16 ± 1 and 2^240 sit at the boundaries of 16-bit pieces.
                BigInteger.valueOf(511), BigInteger.valueOf(513), BigInteger.valueOf(1023),
                two.pow(16).subtract(BigInteger.ONE), two.pow(16).add(BigInteger.ONE), two.pow(240));
        // 31/33 and 63/65 straddle the largest odd multiple of Q's table at w = 6 and w = 7.
        List<BigInteger> u2s = List.of(BigInteger.ONE, two, BigInteger.valueOf(3), BigInteger.valueOf(31),
                BigInteger.valueOf(33), BigInteger.valueOf(63), BigInteger.valueOf(65), BigInteger.valueOf(127),
                N.subtract(BigInteger.ONE), two.pow(32).subtract(BigInteger.ONE), two.pow(64).subtract(BigInteger.ONE),
                two.pow(255).mod(N), two.pow(16).subtract(BigInteger.ONE), two.pow(16).add(BigInteger.ONE),
                two.pow(240).subtract(BigInteger.ONE));
        for (int i = 0; i < 6; i++) {
            ECPoint q = G.multiply(BcReference.randomScalar(RANDOM));
            Key key = Key.of(q);
            for (BigInteger u1 : u1s) {
                for (BigInteger u2 : u2s) {
                    checkConstructed(key, q, u1, u2);
                }
            }
        }
    }

    @Test
    void xCoordinatesAtOrAboveNAreComparedModN() {
        // R = (x, y) with n ≤ x < p; Q = (R − u1·G)/u2 makes u1·G + u2·Q = R, so r = x − n.
        BigInteger exponent = P.add(BigInteger.ONE).shiftRight(2);  // p ≡ 3 (mod 4)
        int found = 0;
        for (BigInteger x = N; found < 12 && x.compareTo(P) < 0; x = x.add(BigInteger.valueOf(1 + RANDOM.nextInt(1000)))) {
            BigInteger rhs = x.pow(3).subtract(x.multiply(BigInteger.valueOf(3))).add(Curve.B).mod(P);
            BigInteger y = rhs.modPow(exponent, P);
            if (!y.multiply(y).mod(P).equals(rhs)) {
                continue;
            }
            found++;
            ECPoint target = BcReference.X9.getCurve().createPoint(x, y);
            BigInteger u1 = found == 1 ? BigInteger.ZERO : BcReference.randomScalar(RANDOM);
            BigInteger u2 = found == 1 ? BigInteger.ONE : BcReference.randomScalar(RANDOM);
            ECPoint q = target.subtract(G.multiply(u1)).multiply(u2.modInverse(N)).normalize();
            Key key = Key.of(q);
            BigInteger r = x.subtract(N);
            BigInteger s = r.multiply(u2.modInverse(N)).mod(N);
            byte[] digest = BcReference.digestOf(u1.multiply(s).mod(N));
            assertTrue(BcReference.verify(key.bc(), digest, r, s));
            assertTrue(key.fast().verify(digest, r, s), "x = r + n must verify");
            assertAgree(key, digest, x, s, "r = x ≥ n");
            assertAgree(key, digest, r.add(BigInteger.ONE), s, "r + 1");
            assertAgree(key, digest, r, s.add(BigInteger.ONE), "s + 1");
        }
        assertEquals(12, found);
    }

    @Test
    void pointsNotOnTheCurveAreRejected() {
        BigInteger x = Curve.GX;
        BigInteger y = Curve.GY;
        assertThrows(IllegalArgumentException.class, () -> P256PublicKey.fromAffine(x, y.add(BigInteger.ONE)));
        assertThrows(IllegalArgumentException.class, () -> P256PublicKey.fromAffine(x.add(BigInteger.ONE), y));
        assertThrows(IllegalArgumentException.class, () -> P256PublicKey.fromAffine(BigInteger.ZERO, BigInteger.ZERO));
        assertThrows(IllegalArgumentException.class, () -> P256PublicKey.fromAffine(x.add(P), y));
        assertThrows(IllegalArgumentException.class, () -> P256PublicKey.fromAffine(x, y.add(P)));
        assertThrows(IllegalArgumentException.class, () -> P256PublicKey.fromAffine(x, y.subtract(P)));
        for (int i = 0; i < 50; i++) {
            ECPoint q = G.multiply(BcReference.randomScalar(RANDOM)).normalize();
            BigInteger qx = q.getAffineXCoord().toBigInteger();
            BigInteger qy = q.getAffineYCoord().toBigInteger();
            P256PublicKey.fromAffine(qx, qy);
            P256PublicKey.fromAffine(qx, P.subtract(qy));  // −Q
            BigInteger bad = qy.add(BigInteger.valueOf(1 + RANDOM.nextInt(1000))).mod(P);
            assertThrows(IllegalArgumentException.class, () -> P256PublicKey.fromAffine(qx, bad));
        }
    }

    @Test
    void otherCurvesAreNotP256() {
        X9ECParameters p384 = CustomNamedCurves.getByName("secp384r1");
        ECDomainParameters domain = new ECDomainParameters(p384.getCurve(), p384.getG(), p384.getN(), p384.getH());
        assertFalse(P256PublicKey.isP256(domain));
        ECPublicKeyParameters key = new ECPublicKeyParameters(p384.getG().multiply(BigInteger.TEN).normalize(), domain);
        assertThrows(IllegalArgumentException.class, () -> P256PublicKey.from(key));
        X9ECParameters k1 = CustomNamedCurves.getByName("secp256k1");
        assertFalse(P256PublicKey.isP256(new ECDomainParameters(k1.getCurve(), k1.getG(), k1.getN(), k1.getH())));
        assertTrue(P256PublicKey.isP256(BcReference.DOMAIN));
        ECPoint q = G.multiply(BigInteger.valueOf(12345)).normalize();
        P256PublicKey fromBc = P256PublicKey.from(BcReference.publicKey(q));
        assertEquals(q.getAffineXCoord().toBigInteger(), fromBc.x());
        assertEquals(q.getAffineYCoord().toBigInteger(), fromBc.y());
    }
}
