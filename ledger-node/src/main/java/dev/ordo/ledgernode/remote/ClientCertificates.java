package dev.ordo.ledgernode.remote;

import dev.ordo.membership.tls.TlsMaterial;
import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Grpc;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLSession;

/** Makes the TLS client certificate of a call (if the client presented one) available to services. */
public final class ClientCertificates implements ServerInterceptor {
    private static final Context.Key<X509Certificate> CERTIFICATE = Context.key("ordo-client-certificate");

    /** The current call's client certificate, or null. */
    public static X509Certificate current() {
        return CERTIFICATE.get();
    }

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
            ServerCallHandler<Q, R> next) {
        SSLSession session = call.getAttributes().get(Grpc.TRANSPORT_ATTR_SSL_SESSION);
        X509Certificate certificate = TlsMaterial.peerCertificate(session);
        if (certificate == null) {
            return next.startCall(call, headers);
        }
        return Contexts.interceptCall(Context.current().withValue(CERTIFICATE, certificate), call, headers, next);
    }
}
