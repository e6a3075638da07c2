package dev.ordo.sdk;

/**
 * A gateway connection that could not be set up from a network profile: the organisation or
 * peer is not in the profile, or the TLS or signing material cannot be used. Failures of the
 * calls themselves are the Fabric client's exceptions ({@code EndorseException},
 * {@code SubmitException}, ...); {@link GatewayErrors} explains both.
 */
public final class GatewayConnectException extends Exception {
    private static final long serialVersionUID = 1L;

    public GatewayConnectException(String message) {
        super(message);
    }

    public GatewayConnectException(String message, Throwable cause) {
        super(message, cause);
    }
}
