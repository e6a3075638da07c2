package dev.ordo.ledgernode.validate;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.function.Supplier;

/**
 * The clock a committing peer's MSP checks certificate validity against: the timestamp of the
 * transaction being validated, not the wall clock. Validation must give the same result on
 * every peer and on every replay, years later, so a certificate that has expired since is
 * judged as of the (signed) transaction time. Expiry at submission time is the gateway's,
 * endorsers' and orderers' business, which use real time. Outside {@link #at}, the wall clock.
 */
final class TransactionClock extends Clock {
    static final TransactionClock INSTANCE = new TransactionClock();

    private static final ThreadLocal<Instant> CURRENT = new ThreadLocal<>();

    private TransactionClock() {
    }

    /** Runs {@code check} with this clock reading {@code instant} on the calling thread. */
    static <T> T at(Instant instant, Supplier<T> check) {
        Instant previous = CURRENT.get();
        CURRENT.set(instant);
        try {
            return check.get();
        } finally {
            if (previous == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(previous);
            }
        }
    }

    @Override
    public Instant instant() {
        Instant current = CURRENT.get();
        return current != null ? current : Instant.now();
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }
}
