package dev.ordo.sdk.cli;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/** How the CLI shows bytes a contract returned: UTF-8 text if they are text, else hex. */
final class PayloadText {
    private PayloadText() {
    }

    static String of(byte[] bytes, boolean forceHex) {
        if (!forceHex) {
            try {
                return StandardCharsets.UTF_8.newDecoder()
                        .onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT)
                        .decode(ByteBuffer.wrap(bytes))
                        .toString();
            } catch (CharacterCodingException e) {
                // not text: fall through to hex
            }
        }
        return "0x" + HexFormat.of().formatHex(bytes);
    }
}
