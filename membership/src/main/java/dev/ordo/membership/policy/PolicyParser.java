package dev.ordo.membership.policy;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Parses Fabric's signature policy language:
 *
 * <pre>
 *   policy    := rule
 *   rule      := principal | AND '(' rule (',' rule)* ')'
 *              | OR '(' rule (',' rule)* ')'
 *              | OutOf '(' integer ',' rule (',' rule)* ')'
 *   principal := quote mspId '.' role quote        (quote is ' or ", the same on both sides)
 *   mspId     := [A-Za-z0-9.-]+
 *   role      := member | admin | client | peer | orderer
 * </pre>
 *
 * <p>Function names are case-insensitive ({@code AND}, {@code and}, {@code OutOf},
 * {@code outof}); whitespace is allowed between tokens. {@code OutOf}'s integer must be
 * between 1 and the number of rules. Expressions are limited to {@value #MAX_LENGTH}
 * characters and {@value #MAX_DEPTH} levels of nesting. Every error is a
 * {@link PolicySyntaxException} with the character position and the reason.
 */
public final class PolicyParser {
    public static final int MAX_LENGTH = 65_536;
    public static final int MAX_DEPTH = 32;

    private final String text;
    private int position;

    private PolicyParser(String text) {
        this.text = text;
    }

    /** Parses one policy expression. */
    public static SignaturePolicy parse(String expression) throws PolicySyntaxException {
        if (expression == null) {
            throw new PolicySyntaxException(0, "policy is missing", "");
        }
        if (expression.length() > MAX_LENGTH) {
            throw new PolicySyntaxException(MAX_LENGTH, "policy is longer than " + MAX_LENGTH + " characters", expression);
        }
        PolicyParser parser = new PolicyParser(expression);
        parser.skipWhitespace();
        if (parser.atEnd()) {
            throw parser.error("policy is empty");
        }
        SignaturePolicy policy = parser.rule(1);
        parser.skipWhitespace();
        if (!parser.atEnd()) {
            throw parser.error("unexpected '" + parser.peek() + "' after the end of the policy");
        }
        return policy;
    }

    private SignaturePolicy rule(int depth) throws PolicySyntaxException {
        skipWhitespace();
        if (depth > MAX_DEPTH) {
            throw error("policy is nested deeper than " + MAX_DEPTH + " levels");
        }
        if (atEnd()) {
            throw error("expected a principal or AND, OR, OutOf but the policy ended");
        }
        char c = peek();
        if (c == '\'' || c == '"') {
            return principal();
        }
        if (Character.isLetter(c)) {
            return function(depth);
        }
        throw error("expected a quoted principal or AND, OR, OutOf, found '" + c + "'");
    }

    private SignaturePolicy function(int depth) throws PolicySyntaxException {
        int start = position;
        while (!atEnd() && Character.isLetter(peek())) {
            position++;
        }
        String name = text.substring(start, position);
        String upper = name.toUpperCase(Locale.ROOT);
        if (!upper.equals("AND") && !upper.equals("OR") && !upper.equals("OUTOF")) {
            throw new PolicySyntaxException(start, "unknown function '" + name + "', expected AND, OR or OutOf", text);
        }
        skipWhitespace();
        expect('(', "after " + name);
        int n = -1;
        int nPosition = -1;
        if (upper.equals("OUTOF")) {
            skipWhitespace();
            nPosition = position;
            n = integer();
            skipWhitespace();
            expect(',', "after the count of OutOf");
        }
        List<SignaturePolicy> rules = new ArrayList<>();
        skipWhitespace();
        if (!atEnd() && peek() == ')') {
            throw error(name + " needs at least one rule");
        }
        rules.add(rule(depth + 1));
        skipWhitespace();
        while (!atEnd() && peek() == ',') {
            position++;
            skipWhitespace();
            if (!atEnd() && peek() == ')') {
                throw error("expected a rule after ',', found ')'");
            }
            rules.add(rule(depth + 1));
            skipWhitespace();
        }
        if (atEnd()) {
            throw error("missing ')' to close " + name + " opened at position " + start);
        }
        expect(')', "or ',' in the rules of " + name);
        return switch (upper) {
            case "AND" -> new SignaturePolicy.NOutOf(rules.size(), rules);
            case "OR" -> new SignaturePolicy.NOutOf(1, rules);
            default -> {
                if (n < 1 || n > rules.size()) {
                    throw new PolicySyntaxException(nPosition, "OutOf count " + n + " must be between 1 and the number of rules ("
                            + rules.size() + ")", text);
                }
                yield new SignaturePolicy.NOutOf(n, rules);
            }
        };
    }

    private int integer() throws PolicySyntaxException {
        int start = position;
        while (!atEnd() && peek() >= '0' && peek() <= '9') {
            position++;
        }
        if (start == position) {
            throw error("expected the count of OutOf (a non-negative integer)"
                    + (atEnd() ? " but the policy ended" : ", found '" + peek() + "'"));
        }
        if (position - start > 6) {
            throw new PolicySyntaxException(start, "OutOf count is too large", text);
        }
        return Integer.parseInt(text.substring(start, position));
    }

    private SignaturePolicy principal() throws PolicySyntaxException {
        int start = position;
        char quote = text.charAt(position++);
        int close = text.indexOf(quote, position);
        if (close < 0) {
            throw new PolicySyntaxException(start, "unterminated principal: no closing " + quote, text);
        }
        String content = text.substring(position, close);
        int dot = content.lastIndexOf('.');
        if (dot <= 0) {
            throw new PolicySyntaxException(start + 1, "principal '" + content
                    + "' must be <MSP id>.<role> with role member, admin, client, peer or orderer", text);
        }
        String mspId = content.substring(0, dot);
        for (int i = 0; i < mspId.length(); i++) {
            char c = mspId.charAt(i);
            if (!(c < 128 && (Character.isLetterOrDigit(c) || c == '.' || c == '-'))) {
                throw new PolicySyntaxException(start + 1 + i, "character '" + c
                        + "' is not allowed in an MSP id (letters, digits, '.', '-')", text);
            }
        }
        String roleText = content.substring(dot + 1);
        Optional<PrincipalRole> role = PrincipalRole.ofKeyword(roleText);
        if (role.isEmpty()) {
            throw new PolicySyntaxException(start + 1 + dot + 1, "unknown role '" + roleText
                    + "', expected member, admin, client, peer or orderer", text);
        }
        position = close + 1;
        return new SignaturePolicy.SignedBy(mspId, role.get());
    }

    private void expect(char expected, String context) throws PolicySyntaxException {
        if (atEnd()) {
            throw error("expected '" + expected + "' " + context + " but the policy ended");
        }
        if (peek() != expected) {
            throw error("expected '" + expected + "' " + context + ", found '" + peek() + "'");
        }
        position++;
    }

    private void skipWhitespace() {
        while (!atEnd() && Character.isWhitespace(peek())) {
            position++;
        }
    }

    private boolean atEnd() {
        return position >= text.length();
    }

    private char peek() {
        return text.charAt(position);
    }

    private PolicySyntaxException error(String reason) {
        return new PolicySyntaxException(position, reason, text);
    }
}
