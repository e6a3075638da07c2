package dev.ordo.membership.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.Random;
import org.bouncycastle.asn1.sec.SECNamedCurves;
import org.bouncycastle.crypto.signers.StandardDSAEncoding;
import org.junit.jupiter.api.Test;

/** Ordo's DER decoder must accept exactly what Bouncy Castle's strict decoder accepts, with the same values. */
class DerSignatureTest {
    private static final Random RANDOM = new Random(7);
    private static final BigInteger P256_N = SECNamedCurves.getByName("secp256r1").getN();
    private static final BigInteger P521_N = SECNamedCurves.getByName("secp521r1").getN();

    @Test
    void decodesCanonicalEncodingsOfEverySize() throws Exception {
        for (BigInteger n : new BigInteger[] {P256_N, P521_N}) {
            for (int i = 0; i < 2000; i++) {
                BigInteger r = randomBelow(n);
                BigInteger s = randomBelow(n);
                byte[] der = StandardDSAEncoding.INSTANCE.encode(n, r, s);
                BigInteger[] decoded = DerSignature.decode(n, der);
                assertNotNull(decoded, () -> "rejected " + hex(der));
                assertArrayEquals(new BigInteger[] {r, s}, decoded);
            }
        }
        byte[] zero = StandardDSAEncoding.INSTANCE.encode(P256_N, BigInteger.ZERO, BigInteger.ONE);
        assertArrayEquals(new BigInteger[] {BigInteger.ZERO, BigInteger.ONE}, DerSignature.decode(P256_N, zero));
    }

    @Test
    void rejectsWhatBouncyCastleRejects() throws Exception {
        for (BigInteger n : new BigInteger[] {P256_N, P521_N}) {
            for (int i = 0; i < 20000; i++) {
                byte[] der = StandardDSAEncoding.INSTANCE.encode(n, randomBelow(n), randomBelow(n));
                byte[] mutated = mutate(der);
                BigInteger[] expected = bouncyCastle(n, mutated);
                BigInteger[] actual = DerSignature.decode(n, mutated);
                if (expected == null) {
                    assertNull(actual, () -> "accepted " + hex(mutated));
                } else {
                    assertArrayEquals(expected, actual, () -> "differs on " + hex(mutated));
                }
            }
        }
    }

    @Test
    void rejectsKnownNonCanonicalForms() {
        BigInteger n = P256_N;
        assertNull(DerSignature.decode(n, new byte[0]));
        assertNull(DerSignature.decode(n, new byte[] {0x30, 0x00}));
        assertNull(DerSignature.decode(n, new byte[] {0x30, 0x06, 0x02, 0x01, 0x01, 0x02, 0x01, 0x01, 0x00}));  // trailing
        assertNull(DerSignature.decode(n, new byte[] {0x30, (byte) 0x81, 0x06, 0x02, 0x01, 0x01, 0x02, 0x01, 0x01}));
        assertNull(DerSignature.decode(n, new byte[] {0x30, 0x07, 0x02, 0x02, 0x00, 0x01, 0x02, 0x01, 0x01}));  // padded
        assertNull(DerSignature.decode(n, new byte[] {0x30, 0x06, 0x02, 0x01, (byte) 0x81, 0x02, 0x01, 0x01})); // negative
        assertNull(DerSignature.decode(n, new byte[] {0x30, 0x06, 0x02, 0x00, 0x02, 0x01, 0x01, 0x01}));        // empty int
        assertNull(DerSignature.decode(n, new byte[] {0x30, 0x03, 0x02, 0x01, 0x01}));                          // one int
        assertNotNull(DerSignature.decode(n, new byte[] {0x30, 0x06, 0x02, 0x01, 0x01, 0x02, 0x01, 0x01}));
    }

    private static BigInteger[] bouncyCastle(BigInteger n, byte[] der) {
        try {
            return StandardDSAEncoding.INSTANCE.decode(n, der);
        } catch (Exception | Error e) {
            return null;
        }
    }

    /** One or two random edits: flip a byte, insert or drop one, truncate, or append. */
    private static byte[] mutate(byte[] der) {
        byte[] out = der.clone();
        int edits = 1 + RANDOM.nextInt(2);
        for (int e = 0; e < edits && out.length > 0; e++) {
            int at = RANDOM.nextInt(out.length);
            switch (RANDOM.nextInt(5)) {
                case 0 -> out[at] = (byte) RANDOM.nextInt(256);
                case 1 -> out[at] ^= (byte) (1 << RANDOM.nextInt(8));
                case 2 -> {
                    byte[] longer = new byte[out.length + 1];
                    System.arraycopy(out, 0, longer, 0, at);
                    longer[at] = (byte) (RANDOM.nextBoolean() ? 0 : RANDOM.nextInt(256));
                    System.arraycopy(out, at, longer, at + 1, out.length - at);
                    out = longer;
                }
                case 3 -> out = Arrays.copyOf(out, at);
                default -> out = Arrays.copyOf(out, out.length + 1);
            }
        }
        return out;
    }

    private static BigInteger randomBelow(BigInteger n) {
        // Small values too, so short integers and single-byte encodings are covered.
        int bits = RANDOM.nextInt(8) == 0 ? RANDOM.nextInt(16) : n.bitLength();
        BigInteger v;
        do {
            v = new BigInteger(bits, RANDOM);
        } while (v.compareTo(n) >= 0);
        return v;
    }

    private static String hex(byte[] bytes) {
        StringBuilder sb = new StringBuilder();
        for (byte b : bytes) {
            sb.append(String.format("%02x", b));
        }
        return sb.toString();
    }
}
