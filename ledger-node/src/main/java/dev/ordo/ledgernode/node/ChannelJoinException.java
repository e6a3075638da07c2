package dev.ordo.ledgernode.node;

/** A channel join that cannot be done, with a reason a person understands. */
public final class ChannelJoinException extends Exception {
    public enum Kind { BAD_REQUEST, CONFLICT, FAILED }

    private final Kind kind;

    public ChannelJoinException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public ChannelJoinException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
