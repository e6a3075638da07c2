package dev.ordo.membership.ca;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/** The notBefore / notAfter window of a certificate to issue. */
public record CertificateValidity(Instant notBefore, Instant notAfter) {
    /** Backdating of notBefore, so that peers with slightly slow clocks accept new certificates. */
    public static final Duration CLOCK_SKEW = Duration.ofMinutes(5);

    public CertificateValidity {
        Objects.requireNonNull(notBefore, "notBefore");
        Objects.requireNonNull(notAfter, "notAfter");
        if (!notAfter.isAfter(notBefore)) {
            throw new IllegalArgumentException("notAfter " + notAfter + " must be after notBefore " + notBefore);
        }
    }

    /** From now (minus {@link #CLOCK_SKEW}) for {@code duration}. */
    public static CertificateValidity startingNow(Duration duration) {
        Instant now = Instant.now();
        return new CertificateValidity(now.minus(CLOCK_SKEW), now.plus(duration));
    }
}
