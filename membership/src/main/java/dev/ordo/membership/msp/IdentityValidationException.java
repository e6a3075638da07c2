package dev.ordo.membership.msp;

import java.util.Objects;

/**
 * A serialized identity that a channel's MSP does not accept, with the {@link Reason} and a
 * message naming the MSP, the certificate and what failed.
 */
public final class IdentityValidationException extends Exception {
    private static final long serialVersionUID = 1L;

    /** Why an identity was refused. */
    public enum Reason {
        /** Not a marshalled {@code msp.SerializedIdentity} holding one PEM EC certificate. */
        MALFORMED,
        /** The MSP id is not an organisation of the channel. */
        UNKNOWN_MSP,
        /** The certificate does not chain to one of the organisation's roots. */
        UNTRUSTED_CHAIN,
        /** The certificate, or a CA above it, is past its notAfter. */
        EXPIRED,
        /** The certificate, or a CA above it, is before its notBefore. */
        NOT_YET_VALID,
        /** The certificate, or a CA above it, is on a CRL of its issuer. */
        REVOKED,
        /** No single NodeOU role can be read from the certificate's OU. */
        NO_ROLE
    }

    private final Reason reason;
    private final String detail;

    public IdentityValidationException(Reason reason, String detail) {
        super(reason + ": " + detail);
        this.reason = Objects.requireNonNull(reason, "reason");
        this.detail = detail;
    }

    public Reason reason() {
        return reason;
    }

    /** The message without the reason prefix. */
    public String detail() {
        return detail;
    }
}
