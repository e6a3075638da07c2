package dev.ordo.membership.policy;

/**
 * A policy expression that does not parse. {@link #position()} is the 0-based character
 * offset where the problem was found, {@link #reason()} what was expected or wrong there.
 */
public final class PolicySyntaxException extends Exception {
    private static final long serialVersionUID = 1L;

    private final int position;
    private final String reason;

    public PolicySyntaxException(int position, String reason, String expression) {
        super("policy syntax error at position " + position + ": " + reason + " in \"" + abbreviate(expression) + "\"");
        this.position = position;
        this.reason = reason;
    }

    public int position() {
        return position;
    }

    public String reason() {
        return reason;
    }

    private static String abbreviate(String expression) {
        if (expression == null) {
            return "";
        }
        return expression.length() <= 200 ? expression : expression.substring(0, 200) + "...";
    }
}
