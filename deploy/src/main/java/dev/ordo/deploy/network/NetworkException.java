package dev.ordo.deploy.network;

/** A network command could not do what was asked; the message says what and why. */
public final class NetworkException extends Exception {
    public NetworkException(String message) {
        super(message);
    }

    public NetworkException(String message, Throwable cause) {
        super(message, cause);
    }
}
