package dev.ordo.membership.crypto;

/** PEM input that is not what the caller expected; the message says what was found. */
public final class PemException extends Exception {
    private static final long serialVersionUID = 1L;

    public PemException(String message) {
        super(message);
    }

    public PemException(String message, Throwable cause) {
        super(message, cause);
    }
}
