package dev.ordo.proto.wire;

import com.google.protobuf.ByteString;
import org.hyperledger.fabric.protos.msp.SerializedIdentity;
import org.hyperledger.fabric.protos.peer.TxValidationCode;

/** A marshalled {@code msp.SerializedIdentity} checked to carry an MSP id and certificate bytes. */
final class CreatorIdentity {
    private CreatorIdentity() {
    }

    /** Parses {@code serialized} and returns its MSP id. */
    static String mspIdOf(ByteString serialized, String field, TxValidationCode code) throws WireFormatException {
        SerializedIdentity identity = Decoding.parseRequired(SerializedIdentity.parser(), serialized, field,
                "SerializedIdentity", code);
        Decoding.require(!identity.getMspid().isEmpty(), code, field + ": SerializedIdentity.mspid is empty");
        Decoding.require(!identity.getIdBytes().isEmpty(), code, field + ": SerializedIdentity.id_bytes is empty");
        return identity.getMspid();
    }
}
