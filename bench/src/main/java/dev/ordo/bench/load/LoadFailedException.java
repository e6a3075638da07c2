package dev.ordo.bench.load;

/** The run could not be carried out (connection, setup); the message says what and why. */
public final class LoadFailedException extends Exception {
    private static final long serialVersionUID = 1L;

    public LoadFailedException(String message) {
        super(message);
    }

    public LoadFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
