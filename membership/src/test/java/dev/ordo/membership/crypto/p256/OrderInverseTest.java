package dev.ordo.membership.crypto.p256;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Inversion modulo n against BigInteger.modInverse; the binary GCD must converge every time. */
class OrderInverseTest {
    private static final BigInteger N = Curve.N;

    @Test
    void edgeValues() {
        List<BigInteger> values = new ArrayList<>();
        for (long v = 1; v <= 2000; v++) {
            values.add(BigInteger.valueOf(v));
            values.add(N.subtract(BigInteger.valueOf(v)));
        }
        for (int bit = 0; bit < 256; bit++) {
            BigInteger power = BigInteger.ONE.shiftLeft(bit);
            values.add(power.mod(N));
            values.add(power.subtract(BigInteger.ONE).mod(N));
            values.add(power.add(BigInteger.ONE).mod(N));
            values.add(N.subtract(power).mod(N));
        }
        values.add(N.shiftRight(1));
        values.add(N.shiftRight(1).add(BigInteger.ONE));
        values.add(BigInteger.ONE.shiftLeft(256).subtract(BigInteger.ONE).mod(N));
        values.add(BigInteger.ONE.shiftLeft(256).mod(N));
        for (BigInteger y : values) {
            if (y.signum() > 0) {
                check(y);
            }
        }
    }

    @Test
    void randomValues() {
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < 20_000; i++) {
            int bits = 1 + random.nextInt(256);
            byte[] bytes = new byte[32];
            for (int j = 0; j < bytes.length; j++) {
                bytes[j] = (byte) random.nextInt();
            }
            BigInteger y = new BigInteger(1, bytes).shiftRight(256 - bits).mod(N);
            if (y.signum() > 0) {
                check(y);
            }
        }
    }

    @Test
    void outOfRangeIsRejected() {
        assertThrows(ArithmeticException.class, () -> OrderInverse.inverse(BigInteger.ZERO));
        assertThrows(ArithmeticException.class, () -> OrderInverse.inverse(N));
        assertThrows(ArithmeticException.class, () -> OrderInverse.inverse(BigInteger.ONE.negate()));
    }

    private static void check(BigInteger y) {
        assertEquals(y.modInverse(N), OrderInverse.binaryGcdInverse(y), "inverse of " + y.toString(16));
    }
}
