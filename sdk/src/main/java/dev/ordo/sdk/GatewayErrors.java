package dev.ordo.sdk;

import dev.ordo.sdk.profile.PeerProfile;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.SSLException;
import org.hyperledger.fabric.client.CommitException;
import org.hyperledger.fabric.client.CommitStatusException;
import org.hyperledger.fabric.client.EndorseException;
import org.hyperledger.fabric.client.GatewayException;
import org.hyperledger.fabric.client.GatewayRuntimeException;
import org.hyperledger.fabric.client.SubmitException;
import org.hyperledger.fabric.client.TransactionException;
import org.hyperledger.fabric.protos.gateway.ErrorDetail;

/**
 * Explains a failed Gateway call in words an operator can act on: which stage failed
 * (evaluate, endorse, submit, commit status, commit), the transaction id, the gRPC status,
 * every {@link ErrorDetail} the gateway attached (address, MSP id, message of each failing
 * peer or orderer) and, when the peer could not be reached, why (TLS CA mismatch, TLS host
 * name mismatch, connection refused, unknown host).
 *
 * <p>The Fabric client's {@code getMessage()} omits the details, which is what confuses users
 * most; the CLI prints this text instead.
 */
public final class GatewayErrors {
    private GatewayErrors() {
    }

    /** The explanation of {@code failure}, without connection context. */
    public static String describe(Throwable failure) {
        return describe(failure, null);
    }

    /**
     * The explanation of {@code failure}; {@code peer}, if given, names the peer and its TLS
     * settings in connection hints.
     */
    public static String describe(Throwable failure, PeerProfile peer) {
        StringBuilder text = new StringBuilder();
        if (failure instanceof CommitException commit) {
            return "transaction " + commit.getTransactionId() + " was committed as invalid: " + commit.getCode();
        }
        Status status;
        List<ErrorDetail> details;
        if (failure instanceof GatewayException gateway) {
            status = gateway.getStatus();
            details = gateway.getDetails();
            text.append(stage(gateway)).append(" failed");
            if (gateway instanceof TransactionException transaction && transaction.getTransactionId() != null) {
                text.append(" for transaction ").append(transaction.getTransactionId());
            }
        } else if (failure instanceof GatewayRuntimeException gateway) {
            status = gateway.getStatus();
            details = gateway.getDetails();
            text.append("event stream failed");
        } else if (failure instanceof StatusRuntimeException grpc) {
            status = grpc.getStatus();
            details = List.of();
            text.append("gateway call failed");
        } else {
            return String.valueOf(failure.getMessage() != null ? failure.getMessage() : failure);
        }
        text.append(": ").append(status.getCode());
        if (status.getDescription() != null && !status.getDescription().isBlank()) {
            // gRPC appends transport internals ("Channel Pipeline: [...]") on further lines
            text.append(": ").append(status.getDescription().lines().findFirst().orElse(""));
        }
        connectionHint(status, failure, peer).ifPresent(hint -> text.append("\n  ").append(hint));
        for (ErrorDetail detail : details) {
            text.append("\n  - ").append(detail.getAddress().isEmpty() ? "(no address)" : detail.getAddress())
                    .append(" (").append(detail.getMspId().isEmpty() ? "no MSP id" : detail.getMspId()).append("): ")
                    .append(detail.getMessage());
        }
        return text.toString();
    }

    private static String stage(GatewayException failure) {
        if (failure instanceof EndorseException) {
            return "endorse";
        }
        if (failure instanceof SubmitException) {
            return "submit";
        }
        if (failure instanceof CommitStatusException) {
            return "commit status";
        }
        return "evaluate";
    }

    private static Optional<String> connectionHint(Status status, Throwable failure, PeerProfile peer) {
        String where = peer == null ? "the peer" : "peer " + peer;
        if (status.getCode() == Status.Code.DEADLINE_EXCEEDED) {
            return Optional.of(where + " did not answer within the deadline (see timeouts in the profile)");
        }
        if (status.getCode() != Status.Code.UNAVAILABLE) {
            return Optional.empty();
        }
        List<Throwable> causes = causes(failure);
        for (Throwable cause : causes) {
            if (cause instanceof CertPathBuilderException || cause instanceof CertPathValidatorException
                    || String.valueOf(cause.getMessage()).contains("PKIX path")) {
                return Optional.of("TLS handshake with " + where + " failed: its TLS certificate is not issued by the "
                        + "trusted TLS CA" + (peer == null ? "" : " " + peer.tlsCaCertFile()) + " ("
                        + rootMessage(cause) + ")");
            }
        }
        for (Throwable cause : causes) {
            String message = String.valueOf(cause.getMessage());
            if (cause instanceof CertificateException && (message.contains("subject alternative") || message.contains("No name"))) {
                return Optional.of("TLS host name check with " + where + " failed: its certificate does not name '"
                        + (peer == null ? "the address host" : peer.tlsAuthority())
                        + "'; set tlsHostOverride in the profile to a name in the certificate (" + rootMessage(cause) + ")");
            }
        }
        for (Throwable cause : causes) {
            if (cause instanceof SSLException) {
                return Optional.of("TLS with " + where + " failed: " + cause.getMessage()
                        + " (does the peer require a client certificate? see clientTls in the profile)");
            }
            if (cause instanceof ConnectException || String.valueOf(cause.getMessage()).contains("Connection refused")) {
                return Optional.of("cannot connect to " + where + ": " + cause.getMessage());
            }
            if (cause instanceof UnknownHostException) {
                return Optional.of("cannot resolve the host of " + where + ": " + cause.getMessage());
            }
        }
        return Optional.of(where + " is unreachable");
    }

    /** The innermost message, without the exception class names Java puts in front of wrapped causes. */
    private static String rootMessage(Throwable failure) {
        List<Throwable> chain = causes(failure);
        String message = String.valueOf(chain.get(chain.size() - 1).getMessage());
        int colon = message.lastIndexOf("Exception: ");
        return colon >= 0 ? message.substring(colon + "Exception: ".length()) : message;
    }

    private static List<Throwable> causes(Throwable failure) {
        List<Throwable> chain = new ArrayList<>();
        for (Throwable t = failure; t != null && chain.size() < 20; t = t.getCause()) {
            chain.add(t);
        }
        return chain;
    }
}
