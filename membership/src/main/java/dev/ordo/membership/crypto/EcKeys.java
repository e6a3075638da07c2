package dev.ordo.membership.crypto;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Arrays;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.crypto.AsymmetricCipherKeyPair;
import org.bouncycastle.crypto.generators.ECKeyPairGenerator;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.params.ECKeyGenerationParameters;
import org.bouncycastle.crypto.params.ECNamedDomainParameters;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.util.PrivateKeyFactory;
import org.bouncycastle.crypto.util.PrivateKeyInfoFactory;
import org.bouncycastle.crypto.util.SubjectPublicKeyInfoFactory;
import org.bouncycastle.crypto.util.PublicKeyFactory;

/**
 * ECDSA key handling: P-256 key generation and conversion of JCA keys into the Bouncy Castle
 * low-level parameters that {@link EcdsaSignatures} works with.
 *
 * <p>Converting is the expensive part of a naive signer (the curve precomputation is rebuilt
 * for every fresh parameter object), so callers convert once per key and keep the result.
 */
public final class EcKeys {
    /** The curve of every key Ordo generates. */
    public static final String CURVE = "secp256r1";
    private static final ECNamedDomainParameters P256 = ECNamedDomainParameters.lookup(SECObjectIdentifiers.secp256r1);

    private EcKeys() {
    }

    /**
     * Generates a fresh ECDSA P-256 key pair with Bouncy Castle; the keys are returned as JDK
     * key objects (PKCS#8 / X.509 encodings with the named curve).
     */
    public static KeyPair generateP256() {
        ECKeyPairGenerator generator = new ECKeyPairGenerator();
        generator.init(new ECKeyGenerationParameters(P256, BouncyCastle.random()));
        AsymmetricCipherKeyPair pair = generator.generateKeyPair();
        try {
            KeyFactory factory = KeyFactory.getInstance("EC");
            PublicKey publicKey = factory.generatePublic(new X509EncodedKeySpec(
                    SubjectPublicKeyInfoFactory.createSubjectPublicKeyInfo(pair.getPublic()).getEncoded()));
            PrivateKey privateKey = factory.generatePrivate(new PKCS8EncodedKeySpec(
                    PrivateKeyInfoFactory.createPrivateKeyInfo(pair.getPrivate()).getEncoded()));
            return new KeyPair(publicKey, privateKey);
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot encode a generated P-256 key", e);
        }
    }

    /** An EC public key as a JDK key object, from its X.509 SubjectPublicKeyInfo encoding. */
    public static PublicKey publicKeyFromEncoded(byte[] subjectPublicKeyInfo) {
        try {
            return KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(subjectPublicKeyInfo));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("not an EC public key: " + e.getMessage(), e);
        }
    }

    /**
     * The Bouncy Castle parameters of an EC private key.
     *
     * @throws IllegalArgumentException if the key is not an EC key
     */
    public static ECPrivateKeyParameters privateParameters(PrivateKey key) {
        try {
            AsymmetricKeyParameter parameter = PrivateKeyFactory.createKey(key.getEncoded());
            if (parameter instanceof ECPrivateKeyParameters ec) {
                return ec;
            }
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("private key is not a valid EC key: " + e.getMessage(), e);
        }
        throw new IllegalArgumentException("private key is not an EC key (algorithm " + key.getAlgorithm() + ")");
    }

    /**
     * The Bouncy Castle parameters of an EC public key.
     *
     * @throws IllegalArgumentException if the key is not an EC key
     */
    public static ECPublicKeyParameters publicParameters(PublicKey key) {
        try {
            AsymmetricKeyParameter parameter = PublicKeyFactory.createKey(key.getEncoded());
            if (parameter instanceof ECPublicKeyParameters ec) {
                return ec;
            }
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("public key is not a valid EC key: " + e.getMessage(), e);
        }
        throw new IllegalArgumentException("public key is not an EC key (algorithm " + key.getAlgorithm() + ")");
    }

    /** Whether the private key belongs to the public key (same curve point). */
    public static boolean matches(PrivateKey privateKey, PublicKey publicKey) {
        ECPrivateKeyParameters priv = privateParameters(privateKey);
        ECPublicKeyParameters pub = publicParameters(publicKey);
        return priv.getParameters().getCurve().equals(pub.getParameters().getCurve())
                && pub.getParameters().getG().multiply(priv.getD()).normalize().equals(pub.getQ().normalize());
    }

    /**
     * The same private key as an object of the JDK's default EC provider, for APIs (TLS
     * engines) that expect one.
     */
    public static PrivateKey toJdkPrivateKey(PrivateKey key) {
        byte[] encoded = key.getEncoded();
        try {
            return KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(encoded));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("private key cannot be converted for the JDK: " + e.getMessage(), e);
        } finally {
            Arrays.fill(encoded, (byte) 0);
        }
    }
}
