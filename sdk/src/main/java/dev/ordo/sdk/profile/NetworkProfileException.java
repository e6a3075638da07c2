package dev.ordo.sdk.profile;

import java.nio.file.Path;

/**
 * A network profile that cannot be used: the file is missing or unreadable, is not YAML/JSON,
 * or a field is missing, unknown or wrong. The message names the profile file and the path of
 * the offending field, e.g. {@code organizations.Org1MSP.peers[0].address}; {@link #field()}
 * returns that path on its own.
 */
public final class NetworkProfileException extends Exception {
    private static final long serialVersionUID = 1L;

    private final String field;

    /**
     * @param file the profile file
     * @param field the path of the field at fault, or {@code null} if the file as a whole is
     * @param problem what is wrong
     */
    public NetworkProfileException(Path file, String field, String problem) {
        this(file, field, problem, null);
    }

    /** The same, with the exception that revealed the problem. */
    public NetworkProfileException(Path file, String field, String problem, Throwable cause) {
        super(file + (field == null ? "" : ": " + field) + ": " + problem, cause);
        this.field = field;
    }

    /** The path of the field at fault ({@code organizations.Org1MSP.user.privateKey}), or {@code null}. */
    public String field() {
        return field;
    }
}
