package dev.ordo.membership.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.AsymmetricCipherKeyPair;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.crypto.generators.ECKeyPairGenerator;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.ECKeyGenerationParameters;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.junit.jupiter.api.Test;

/**
 * Verification under a prepared key (Ordo's P-256 verifier) gives exactly the answers of the
 * Bouncy Castle path, DER and low-S rules included, and other curves fall back to Bouncy Castle.
 */
class EcdsaVerificationKeyTest {
    private static final SplittableRandom RANDOM = new SplittableRandom(42);

    private static byte[] randomBytes(int length) {
        byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++) {
            bytes[i] = (byte) RANDOM.nextInt();
        }
        return bytes;
    }

    /** Signature variants: the valid one, its high-S twin, non-canonical DER and garbage. */
    private static List<byte[]> variants(BigInteger n, byte[] signature) throws Exception {
        BigInteger[] rs = org.bouncycastle.crypto.signers.StandardDSAEncoding.INSTANCE.decode(n, signature);
        List<byte[]> variants = new ArrayList<>();
        variants.add(signature);
        variants.add(EcdsaSignatures.encode(n, rs[0], n.subtract(rs[1])));            // high S
        variants.add(EcdsaSignatures.encode(n, rs[0], rs[1].add(BigInteger.ONE)));    // wrong S
        variants.add(Arrays.copyOf(signature, signature.length + 1));                 // trailing byte
        variants.add(Arrays.copyOf(signature, signature.length - 1));                 // truncated
        byte[] longForm = new byte[signature.length + 1];                             // BER long-form length
        longForm[0] = 0x30;
        longForm[1] = (byte) 0x81;
        System.arraycopy(signature, 1, longForm, 2, signature.length - 1);
        variants.add(longForm);
        byte[] flipped = signature.clone();
        flipped[signature.length - 1] ^= 1;
        variants.add(flipped);
        variants.add(new byte[0]);
        variants.add(randomBytes(70));
        variants.add(EcdsaSignatures.encode(n, BigInteger.ZERO, rs[1]));
        return variants;
    }

    @Test
    void preparedP256KeysAgreeWithTheBouncyCastlePath() throws Exception {
        for (int k = 0; k < 40; k++) {
            java.security.KeyPair pair = EcKeys.generateP256();
            ECPrivateKeyParameters privateKey = EcKeys.privateParameters(pair.getPrivate());
            ECPublicKeyParameters publicKey = EcKeys.publicParameters(pair.getPublic());
            EcdsaVerificationKey prepared = EcdsaVerificationKey.of(publicKey);
            assertTrue(prepared.isP256());
            BigInteger n = publicKey.getParameters().getN();
            for (int m = 0; m < 5; m++) {
                byte[] message = randomBytes(RANDOM.nextInt(2000));
                byte[] signature = EcdsaSignatures.sign(privateKey, message);
                assertTrue(EcdsaSignatures.verify(prepared, message, signature));
                for (byte[] variant : variants(n, signature)) {
                    assertEquals(EcdsaSignatures.verify(publicKey, message, variant),
                            EcdsaSignatures.verify(prepared, message, variant));
                }
                byte[] other = message.clone();
                other = Arrays.copyOf(other, other.length + 1);
                assertFalse(EcdsaSignatures.verify(prepared, other, signature));
                assertFalse(EcdsaSignatures.verify(prepared, null, signature));
                assertFalse(EcdsaSignatures.verify(prepared, message, null));
            }
        }
    }

    @Test
    void otherCurvesStayWithBouncyCastle() throws Exception {
        X9ECParameters x9 = CustomNamedCurves.getByName("secp384r1");
        ECDomainParameters domain = new ECDomainParameters(x9.getCurve(), x9.getG(), x9.getN(), x9.getH());
        ECKeyPairGenerator generator = new ECKeyPairGenerator();
        generator.init(new ECKeyGenerationParameters(domain, new SecureRandom()));
        AsymmetricCipherKeyPair pair = generator.generateKeyPair();
        ECPublicKeyParameters publicKey = (ECPublicKeyParameters) pair.getPublic();
        EcdsaVerificationKey prepared = EcdsaVerificationKey.of(publicKey);
        assertFalse(prepared.isP256());
        byte[] message = randomBytes(100);
        byte[] signature = EcdsaSignatures.sign((ECPrivateKeyParameters) pair.getPrivate(), message);
        assertTrue(EcdsaSignatures.verify(prepared, message, signature));
        for (byte[] variant : variants(domain.getN(), signature)) {
            assertEquals(EcdsaSignatures.verify(publicKey, message, variant),
                    EcdsaSignatures.verify(prepared, message, variant));
        }
    }

    @Test
    void busyKeysGetWideTablesWhileTheBudgetLasts() throws Exception {
        WideTableBudget budget = new WideTableBudget(1);
        java.security.KeyPair firstPair = EcKeys.generateP256();
        java.security.KeyPair secondPair = EcKeys.generateP256();
        EcdsaVerificationKey first = EcdsaVerificationKey.of(EcKeys.publicParameters(firstPair.getPublic()), budget);
        EcdsaVerificationKey second = EcdsaVerificationKey.of(EcKeys.publicParameters(secondPair.getPublic()), budget);
        byte[] message = randomBytes(300);
        byte[] firstSignature = EcdsaSignatures.sign(EcKeys.privateParameters(firstPair.getPrivate()), message);
        byte[] secondSignature = EcdsaSignatures.sign(EcKeys.privateParameters(secondPair.getPrivate()), message);
        byte[] tampered = EcdsaSignatures.encode(first.parameters().getParameters().getN(),
                BigInteger.ONE, BigInteger.TWO);

        for (int i = 0; i < EcdsaVerificationKey.WIDE_TABLES_AFTER - 1; i++) {
            assertTrue(EcdsaSignatures.verify(first, message, firstSignature));
        }
        assertFalse(first.hasWideTables(), "widened before its " + EcdsaVerificationKey.WIDE_TABLES_AFTER
                + "th verification");
        assertTrue(EcdsaSignatures.verify(first, message, firstSignature));
        assertTrue(first.hasWideTables());
        assertEquals(1, budget.taken());
        // The wide tables give the same answers.
        for (int i = 0; i < 20; i++) {
            assertTrue(EcdsaSignatures.verify(first, message, firstSignature));
            assertFalse(EcdsaSignatures.verify(first, message, secondSignature));
            assertFalse(EcdsaSignatures.verify(first, message, tampered));
            byte[] other = randomBytes(300);
            assertFalse(EcdsaSignatures.verify(first, other, firstSignature));
            byte[] otherSignature = EcdsaSignatures.sign(EcKeys.privateParameters(firstPair.getPrivate()), other);
            assertTrue(EcdsaSignatures.verify(first, other, otherSignature));
        }

        // The budget is spent: the second busy key keeps its default tables, and still verifies.
        for (int i = 0; i < EcdsaVerificationKey.WIDE_TABLES_AFTER + 10; i++) {
            assertTrue(EcdsaSignatures.verify(second, message, secondSignature));
        }
        assertFalse(second.hasWideTables());
        assertFalse(EcdsaSignatures.verify(second, message, firstSignature));
        assertEquals(1, budget.taken());
    }

    @Test
    void concurrentFirstUsesWidenAKeyOnceAndKeepItWide() throws Exception {
        WideTableBudget budget = new WideTableBudget(4);
        java.security.KeyPair pair = EcKeys.generateP256();
        EcdsaVerificationKey key = EcdsaVerificationKey.of(EcKeys.publicParameters(pair.getPublic()), budget);
        byte[] message = randomBytes(200);
        byte[] signature = EcdsaSignatures.sign(EcKeys.privateParameters(pair.getPrivate()), message);
        int threads = 4;
        int perThread = EcdsaVerificationKey.WIDE_TABLES_AFTER / 2;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                results.add(pool.submit(() -> {
                    start.await();
                    int valid = 0;
                    for (int i = 0; i < perThread; i++) {
                        valid += EcdsaSignatures.verify(key, message, signature) ? 1 : 0;
                    }
                    return valid;
                }));
            }
            start.countDown();
            for (Future<Integer> result : results) {
                assertEquals(perThread, result.get(60, TimeUnit.SECONDS));
            }
        } finally {
            pool.shutdownNow();
        }
        assertTrue(key.hasWideTables(), "a key verified " + threads * perThread + " times concurrently is wide");
        assertEquals(1, budget.taken(), "one key takes one place, however many threads raced to widen it");
        assertTrue(EcdsaSignatures.verify(key, message, signature));
        assertTrue(key.hasWideTables());
    }

    @Test
    void aBudgetNeverHandsOutMorePlacesThanItHas() {
        WideTableBudget budget = new WideTableBudget(2);
        assertTrue(budget.tryTake());
        assertTrue(budget.tryTake());
        assertFalse(budget.tryTake());
        budget.giveBack();
        assertTrue(budget.tryTake());
        assertFalse(budget.tryTake());
        assertEquals(2, budget.taken());
        assertFalse(new WideTableBudget(0).tryTake());
    }
}
