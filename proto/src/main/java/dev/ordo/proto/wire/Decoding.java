package dev.ordo.proto.wire;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.MessageLite;
import com.google.protobuf.Parser;
import org.hyperledger.fabric.protos.peer.TxValidationCode;

/** Turns protobuf parse failures into {@link WireFormatException}s that name the field. */
final class Decoding {
    private Decoding() {
    }

    static <T extends MessageLite> T parse(Parser<T> parser, ByteString bytes, String field, String type,
            TxValidationCode code) throws WireFormatException {
        try {
            return parser.parseFrom(bytes);
        } catch (InvalidProtocolBufferException e) {
            throw new WireFormatException(code, field + ": not a valid " + type + " (" + e.getMessage() + ")", e);
        }
    }

    /**
     * Like {@link #parse}, but the message's bytes fields are views of {@code bytes} rather than
     * copies: for bytes that are immutable and kept anyway, since any such field keeps all of
     * {@code bytes} reachable.
     */
    static <T extends MessageLite> T parseSharing(Parser<T> parser, ByteString bytes, String field, String type,
            TxValidationCode code) throws WireFormatException {
        try {
            return SharingParser.parse(parser, bytes);
        } catch (InvalidProtocolBufferException e) {
            throw new WireFormatException(code, field + ": not a valid " + type + " (" + e.getMessage() + ")", e);
        }
    }

    static <T extends MessageLite> T parseRequired(Parser<T> parser, ByteString bytes, String field, String type,
            TxValidationCode code) throws WireFormatException {
        if (bytes.isEmpty()) {
            throw new WireFormatException(code, field + ": missing");
        }
        return parse(parser, bytes, field, type, code);
    }

    static void require(boolean condition, TxValidationCode code, String message) throws WireFormatException {
        if (!condition) {
            throw new WireFormatException(code, message);
        }
    }
}
