package dev.ordo.bench.crypto;

import dev.ordo.bench.fixtures.SampleNetwork;
import dev.ordo.membership.crypto.EcKeys;
import dev.ordo.membership.crypto.EcdsaSignatures;
import dev.ordo.membership.crypto.EcdsaVerificationKey;
import dev.ordo.membership.crypto.p256.P256PublicKey;
import dev.ordo.membership.identity.Identity;
import dev.ordo.membership.msp.ChannelMsp;
import dev.ordo.membership.msp.IdentityValidationException;
import java.io.IOException;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Signing (Bouncy Castle) and verifying one 1 KB message with ECDSA P-256, low-S: verification
 * through an identity (Ordo's own P-256 verifier) next to the same check by Bouncy Castle, and
 * what the MSP adds: verifying through a cached identity costs a map look-up and the signature,
 * verifying a creator seen for the first time costs PEM and X.509 parsing plus the chain check.
 * Single-threaded: the figures are per core.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class SignatureBenchmark {
    private SampleNetwork sample;
    private byte[] message;
    private byte[] signature;
    private byte[] creator;
    private Identity parsedCreator;
    private ECPublicKeyParameters creatorKey;
    private ChannelMsp warmMsp;

    @Setup(Level.Trial)
    public void setUp() throws IdentityValidationException {
        sample = SampleNetwork.create();
        message = new byte[1024];
        new SecureRandom().nextBytes(message);
        signature = sample.client.sign(message);
        creator = sample.client.serializedIdentity();
        warmMsp = sample.newMsp();
        parsedCreator = warmMsp.validate(creator);
        creatorKey = EcKeys.publicParameters(parsedCreator.certificate().getPublicKey());
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        sample.close();
    }

    @Benchmark
    public byte[] sign() {
        return sample.client.sign(message);
    }

    /** The SHA-256 of the message that every signature and verification starts with. */
    @Benchmark
    public byte[] sha256() {
        return EcdsaSignatures.sha256(message);
    }

    /** Verification alone, with the identity's key already parsed. */
    @Benchmark
    public boolean verify() {
        return parsedCreator.verify(message, signature);
    }

    /**
     * Verification of 1 024 different 1 KB messages by 64 busy keys in turn (each past its
     * 1 024th verification during the warm-up, so with wide tables). Each verification finds its
     * key's tables outside the core's caches and scalars the branch predictor has not learnt, as
     * an orderer's handlers do, where {@link #verify} repeats one signature under one hot key.
     */
    @Benchmark
    public boolean verifyManyKeys(ManyKeys many) {
        return many.verifyNext();
    }

    /**
     * The keys and signatures of {@link #verifyManyKeys}, a state of their own so that only that
     * benchmark pays for generating 64 keys and 1 024 signatures.
     */
    @State(Scope.Thread)
    public static class ManyKeys {
        /** Keys taken in turn: their wide tables (80 KB each) far exceed a core's L2. */
        static final int KEYS = 64;
        /** Messages each key signed: 1 024 different signatures, as many scalars as a busy orderer sees. */
        static final int MESSAGES_PER_KEY = 16;

        private final EcdsaVerificationKey[] keys = new EcdsaVerificationKey[KEYS];
        private final byte[][] messages = new byte[KEYS * MESSAGES_PER_KEY][];
        private final byte[][] signatures = new byte[KEYS * MESSAGES_PER_KEY][];
        private int next;

        @Setup(Level.Trial)
        public void setUp() {
            SecureRandom random = new SecureRandom();
            for (int k = 0; k < KEYS; k++) {
                KeyPair pair = EcKeys.generateP256();
                keys[k] = EcdsaVerificationKey.of(EcKeys.publicParameters(pair.getPublic()));
                var signingKey = EcKeys.privateParameters(pair.getPrivate());
                for (int m = 0; m < MESSAGES_PER_KEY; m++) {
                    int at = m * KEYS + k; // consecutive verifications use different keys
                    messages[at] = new byte[1024];
                    random.nextBytes(messages[at]);
                    signatures[at] = EcdsaSignatures.sign(signingKey, messages[at]);
                }
            }
        }

        boolean verifyNext() {
            int at = next;
            next = (at + 1) % signatures.length;
            return EcdsaSignatures.verify(keys[at % KEYS], messages[at], signatures[at]);
        }
    }

    /**
     * The same check over the same key and signature by Bouncy Castle's {@code ECDSASigner}
     * (the path every verification took before Ordo's own P-256 verifier): SHA-256, DER and
     * low-S rules included, so the difference to {@link #verify} is the curve arithmetic.
     */
    @Benchmark
    public boolean verifyBouncyCastle() {
        return EcdsaSignatures.verify(creatorKey, message, signature);
    }

    /**
     * Building a P-256 key's verification tables, paid once per cached identity, on its second
     * verification ({@code EcdsaVerificationKey}).
     */
    @Benchmark
    public P256PublicKey prepareVerificationKey() {
        return P256PublicKey.from(creatorKey);
    }

    /** What a node does per message: look the creator up in the MSP's cache, then verify. */
    @Benchmark
    public boolean validateCreatorCachedAndVerify() throws IdentityValidationException {
        return warmMsp.validate(creator).verify(message, signature);
    }

    /** The same without the identity cache: a new MSP parses and chain-checks the creator each time. */
    @Benchmark
    public boolean validateCreatorUncachedAndVerify() throws IdentityValidationException {
        return sample.newMsp().validate(creator).verify(message, signature);
    }

    /** MSP validation alone for a creator not yet seen (parse PEM, X.509, chain, CRL, role). */
    @Benchmark
    public Identity validateCreatorUncached() throws IdentityValidationException {
        return sample.newMsp().validate(creator);
    }

    /** The cost of building a channel MSP (two organisations), to subtract from the uncached figures. */
    @Benchmark
    public ChannelMsp buildMsp() {
        return sample.newMsp();
    }
}
