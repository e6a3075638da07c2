package dev.ordo.membership.crypto;

import java.security.Provider;
import java.security.SecureRandom;
import org.bouncycastle.jce.provider.BouncyCastleProvider;

/**
 * Shared Bouncy Castle resources.
 *
 * <p>Membership itself uses Bouncy Castle's lightweight API and never needs the JCA
 * provider, whose construction costs up to seconds of start-up; {@link #provider()} builds it
 * on first use for callers that want JCA objects from Bouncy Castle. It is passed explicitly
 * to {@code getInstance(..., provider)} calls, never registered JVM-wide.
 */
public final class BouncyCastle {
    private static final SecureRandom RANDOM = new SecureRandom();

    private BouncyCastle() {
    }

    /** Built on first use. */
    private static final class ProviderHolder {
        private static final Provider PROVIDER = new BouncyCastleProvider();
    }

    /** The shared Bouncy Castle JCA provider (built on first call). */
    public static Provider provider() {
        return ProviderHolder.PROVIDER;
    }

    /** A shared, thread-safe source of randomness for keys and serial numbers. */
    public static SecureRandom random() {
        return RANDOM;
    }
}
