package dev.ordo.ordering;

/** A channel could not be joined; {@link #kind()} says whose fault it is. */
public final class ChannelJoinException extends Exception {
  private static final long serialVersionUID = 1L;

  /** Why the join failed. */
  public enum Kind { BAD_REQUEST, CONFLICT, INTERNAL }

  private final Kind kind;

  public ChannelJoinException(Kind kind, String message) {
    super(message);
    this.kind = kind;
  }

  public Kind kind() {
    return kind;
  }
}
