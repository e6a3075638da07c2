package dev.ordo.ordering.broadcast;

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

/** Makes the caller's TLS client certificate available to services through the gRPC context. */
public final class PeerCertificates implements ServerInterceptor {
  public static final Context.Key<X509Certificate> CLIENT_CERTIFICATE = Context.key("ordo-client-certificate");

  @Override
  public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
      ServerCallHandler<Q, R> next) {
    SSLSession session = call.getAttributes().get(Grpc.TRANSPORT_ATTR_SSL_SESSION);
    X509Certificate certificate = TlsMaterial.peerCertificate(session);
    return Contexts.interceptCall(Context.current().withValue(CLIENT_CERTIFICATE, certificate), call, headers, next);
  }

  /** The current call's client certificate, or null. */
  public static X509Certificate current() {
    return CLIENT_CERTIFICATE.get();
  }
}
