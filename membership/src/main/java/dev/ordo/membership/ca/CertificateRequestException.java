package dev.ordo.membership.ca;

/** A PKCS#10 request a CA refuses to sign; the message says why. */
public final class CertificateRequestException extends Exception {
    private static final long serialVersionUID = 1L;

    public CertificateRequestException(String message) {
        super(message);
    }

    public CertificateRequestException(String message, Throwable cause) {
        super(message, cause);
    }
}
