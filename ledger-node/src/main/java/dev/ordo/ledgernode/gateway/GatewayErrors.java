package dev.ordo.ledgernode.gateway;

import com.google.protobuf.Any;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import java.util.List;
import org.hyperledger.fabric.protos.gateway.ErrorDetail;

/**
 * gRPC errors as Fabric's gateway returns them: a status code the official clients expect and
 * one {@code gateway.ErrorDetail} (address, MSP id, message) per failing peer or orderer,
 * packed as {@code Any} in the status details.
 */
final class GatewayErrors {
    private GatewayErrors() {
    }

    static StatusRuntimeException error(Status.Code code, String message, List<ErrorDetail> details) {
        com.google.rpc.Status.Builder status = com.google.rpc.Status.newBuilder()
                .setCode(code.value())
                .setMessage(message);
        for (ErrorDetail detail : details) {
            status.addDetails(Any.pack(detail));
        }
        return StatusProto.toStatusRuntimeException(status.build());
    }

    static StatusRuntimeException error(Status.Code code, String message) {
        return error(code, message, List.of());
    }

    static ErrorDetail detail(String address, String mspId, String message) {
        return ErrorDetail.newBuilder().setAddress(address).setMspId(mspId).setMessage(message).build();
    }
}
