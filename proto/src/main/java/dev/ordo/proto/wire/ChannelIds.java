package dev.ordo.proto.wire;

import java.util.regex.Pattern;

/** Fabric's channel name rule: lowercase ASCII letters, digits, '.' and '-', starting with a letter, under 250 chars. */
public final class ChannelIds {
    private static final Pattern VALID = Pattern.compile("[a-z][a-z0-9.-]{0,248}");

    private ChannelIds() {
    }

    public static boolean isValid(String channelId) {
        return channelId != null && VALID.matcher(channelId).matches();
    }

    /** Throws if {@code channelId} breaks the rule; {@code field} names where it came from. */
    public static void check(String channelId, String field) throws WireFormatException {
        if (!isValid(channelId)) {
            throw new WireFormatException(field + ": '" + channelId + "' is not a valid channel name "
                    + "(lowercase letter first, then lowercase letters, digits, '.' or '-', at most 249 characters)");
        }
    }
}
