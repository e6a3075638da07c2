package dev.ordo.membership.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.signers.StandardDSAEncoding;
import org.junit.jupiter.api.Test;

class EcdsaSignDigestTest {
    private static final KeyPair KEYS = EcKeys.generateP256();
    private static final ECPrivateKeyParameters PRIVATE = EcKeys.privateParameters(KEYS.getPrivate());
    private static final ECPublicKeyParameters PUBLIC = EcKeys.publicParameters(KEYS.getPublic());

    @Test
    void signingTheDigestEqualsSigningTheMessage() {
        byte[] message = "proposal bytes".getBytes(StandardCharsets.UTF_8);
        byte[] signature = EcdsaSignatures.signDigest(PRIVATE, EcdsaSignatures.sha256(message));

        // RFC 6979 nonces: the same key and digest give the same signature either way.
        assertArrayEquals(EcdsaSignatures.sign(PRIVATE, message), signature);
        assertTrue(EcdsaSignatures.verify(PUBLIC, message, signature));
        assertFalse(EcdsaSignatures.verify(PUBLIC, "other".getBytes(StandardCharsets.UTF_8), signature));
    }

    @Test
    void digestSignaturesAreAlwaysLowS() {
        BigInteger n = PRIVATE.getParameters().getN();
        for (int i = 0; i < 64; i++) {
            byte[] message = ("message " + i).getBytes(StandardCharsets.UTF_8);
            byte[] signature = EcdsaSignatures.signDigest(PRIVATE, EcdsaSignatures.sha256(message));
            BigInteger[] rs = decode(n, signature);
            assertFalse(EcdsaSignatures.isHighS(n, rs[1]), "signature " + i + " has high S");
            assertTrue(EcdsaSignatures.verify(PUBLIC, message, signature));
        }
    }

    @Test
    void rejectsSomethingThatIsNotADigest() {
        assertThrows(IllegalArgumentException.class, () -> EcdsaSignatures.signDigest(PRIVATE, new byte[31]));
        assertThrows(IllegalArgumentException.class, () -> EcdsaSignatures.signDigest(PRIVATE, new byte[33]));
        assertThrows(IllegalArgumentException.class, () -> EcdsaSignatures.signDigest(PRIVATE, null));
    }

    private static BigInteger[] decode(BigInteger n, byte[] signature) {
        try {
            return StandardDSAEncoding.INSTANCE.decode(n, signature);
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }
}
