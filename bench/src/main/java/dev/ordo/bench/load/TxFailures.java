package dev.ordo.bench.load;

import io.grpc.Status;
import org.hyperledger.fabric.client.CommitStatusException;
import org.hyperledger.fabric.client.EndorseException;
import org.hyperledger.fabric.client.GatewayException;
import org.hyperledger.fabric.client.GatewayRuntimeException;
import org.hyperledger.fabric.client.SubmitException;

/**
 * Names the kind of a failed transaction as the stage that failed and the gRPC status code:
 * {@code endorse ABORTED}, {@code submit UNAVAILABLE}, {@code commitStatus DEADLINE_EXCEEDED},
 * {@code gateway UNKNOWN} (another Gateway call), or {@code client <ExceptionClass>} for
 * anything thrown in the client itself.
 */
public final class TxFailures {
    private TxFailures() {
    }

    /** The kind of {@code failure}. */
    public static String kind(Throwable failure) {
        if (failure instanceof EndorseException e) {
            return "endorse " + code(e.getStatus());
        }
        if (failure instanceof SubmitException e) {
            return "submit " + code(e.getStatus());
        }
        if (failure instanceof CommitStatusException e) {
            return "commitStatus " + code(e.getStatus());
        }
        if (failure instanceof GatewayException e) {
            return "gateway " + code(e.getStatus());
        }
        if (failure instanceof GatewayRuntimeException e) {
            return "gateway " + code(e.getStatus());
        }
        return "client " + failure.getClass().getSimpleName();
    }

    private static String code(Status status) {
        return status == null ? "UNKNOWN" : status.getCode().name();
    }
}
