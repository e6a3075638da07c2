package dev.ordo.proto.wire;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedInputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.MessageLite;
import com.google.protobuf.Parser;

/**
 * Parses a message whose bytes fields stay views of the input rather than copies. Only a
 * {@code ByteString}'s coded input counts as immutable, which aliasing needs, so a byte array
 * is wrapped first (and must never be written again). Any such field keeps the whole input
 * reachable: for input that is kept anyway and not much larger than what is kept of it.
 */
public final class SharingParser {
    private SharingParser() {
    }

    public static <T extends MessageLite> T parse(Parser<T> parser, ByteString bytes)
            throws InvalidProtocolBufferException {
        CodedInputStream in = bytes.newCodedInput();
        in.enableAliasing(true);
        T message = parser.parseFrom(in);
        in.checkLastTagWas(0);
        return message;
    }
}
