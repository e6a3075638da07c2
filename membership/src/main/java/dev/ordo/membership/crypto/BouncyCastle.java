package dev.ordo.membership.crypto;

import java.security.Provider;
import java.security.SecureRandom;
import org.bouncycastle.jce.provider.BouncyCastleProvider;

/**
 * The one Bouncy Castle provider instance membership uses for every JCA call.
 *
 * <p>It is passed explicitly to {@code getInstance(..., provider)} calls instead of being
 * registered JVM-wide, so that Ordo never changes the provider order of the host process.
 */
public final class BouncyCastle {
    private static final Provider PROVIDER = new BouncyCastleProvider();
    private static final SecureRandom RANDOM = new SecureRandom();

    private BouncyCastle() {
    }

    /** The shared Bouncy Castle provider. */
    public static Provider provider() {
        return PROVIDER;
    }

    /** A shared, thread-safe source of randomness for keys and serial numbers. */
    public static SecureRandom random() {
        return RANDOM;
    }
}
