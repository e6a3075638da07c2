package dev.ordo.deploy.demo;

/** The demo could not complete a step; the message says which and why. */
public final class DemoFailedException extends Exception {
    public DemoFailedException(String message) {
        super(message);
    }

    public DemoFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
