package dev.ordo.ordering;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ordo.membership.crypto.Pem;
import dev.ordo.proto.wire.ConfigBlocks;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.hyperledger.fabric.protos.common.Block;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The osnadmin-style channel participation API over mutual TLS, and the operations endpoints. */
class ParticipationAndOperationsTest {
  @TempDir
  Path dir;

  @Test
  void adminJoinsListsAndRemovesChannelsAndHealthFollowsTheLeader() throws Exception {
    try (OrdererCluster cluster = OrdererCluster.start(dir, 1, 1)) {
      Path adminTls = cluster.crypto().ordererUser(OrdererCluster.ORDERER_DOMAIN, "Admin").resolve("tls");
      Path caFile = adminTls.resolve("ca.crt");
      HttpClient admin = HttpClient.newBuilder().sslContext(sslContext(adminTls, caFile, true))
          .connectTimeout(Duration.ofSeconds(10)).build();
      String base = "https://localhost:" + cluster.member(0).adminPort() + "/participation/v1/channels";

      HttpResponse<String> empty = admin.send(HttpRequest.newBuilder(URI.create(base)).GET().build(),
          HttpResponse.BodyHandlers.ofString());
      assertEquals(200, empty.statusCode());
      assertTrue(empty.body().contains("\"channels\":[]"), empty.body());

      Block genesis = ConfigBlocks.genesis(cluster.channelConfig("rest", List.of(0), 10, Duration.ofMillis(50)));
      HttpResponse<String> joined = admin.send(HttpRequest.newBuilder(URI.create(base))
          .header("Content-Type", "application/octet-stream")
          .POST(HttpRequest.BodyPublishers.ofByteArray(genesis.toByteArray())).build(),
          HttpResponse.BodyHandlers.ofString());
      assertEquals(201, joined.statusCode(), joined.body());
      assertTrue(joined.body().contains("\"name\":\"rest\""), joined.body());

      HttpResponse<String> again = admin.send(HttpRequest.newBuilder(URI.create(base))
          .header("Content-Type", "application/octet-stream")
          .POST(HttpRequest.BodyPublishers.ofByteArray(genesis.toByteArray())).build(),
          HttpResponse.BodyHandlers.ofString());
      assertEquals(405, again.statusCode(), again.body());
      assertTrue(again.body().contains("already exists"), again.body());

      HttpResponse<String> garbage = admin.send(HttpRequest.newBuilder(URI.create(base))
          .header("Content-Type", "application/octet-stream")
          .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[] {1, 2, 3})).build(),
          HttpResponse.BodyHandlers.ofString());
      assertEquals(400, garbage.statusCode(), garbage.body());

      cluster.awaitLeader("rest", Duration.ofSeconds(30));
      HttpClient plain = HttpClient.newHttpClient();
      String operations = "http://127.0.0.1:" + cluster.member(0).operationsPort() + "/actuator";
      HttpResponse<String> health = plain.send(HttpRequest.newBuilder(URI.create(operations + "/health")).build(),
          HttpResponse.BodyHandlers.ofString());
      assertEquals(200, health.statusCode(), health.body());
      assertTrue(health.body().contains("\"status\":\"UP\""), health.body());
      HttpResponse<String> metrics = plain.send(HttpRequest.newBuilder(URI.create(operations + "/prometheus"))
          .build(), HttpResponse.BodyHandlers.ofString());
      assertTrue(metrics.body().contains("ordo_orderer_chain_height{channel=\"rest\"}"), metrics.body());
      assertTrue(metrics.body().contains("ordo_orderer_raft_term"), metrics.body());

      HttpResponse<String> one = admin.send(HttpRequest.newBuilder(URI.create(base + "/rest")).GET().build(),
          HttpResponse.BodyHandlers.ofString());
      assertEquals(200, one.statusCode());
      assertTrue(one.body().contains("\"height\":1"), one.body());

      HttpResponse<String> removed = admin.send(HttpRequest.newBuilder(URI.create(base + "/rest")).DELETE().build(),
          HttpResponse.BodyHandlers.ofString());
      assertEquals(204, removed.statusCode());
      HttpResponse<String> gone = admin.send(HttpRequest.newBuilder(URI.create(base + "/rest")).GET().build(),
          HttpResponse.BodyHandlers.ofString());
      assertEquals(404, gone.statusCode());

      HttpClient noCertificate = HttpClient.newBuilder().sslContext(sslContext(adminTls, caFile, false)).build();
      assertThrows(IOException.class, () -> noCertificate.send(HttpRequest.newBuilder(URI.create(base)).GET().build(),
          HttpResponse.BodyHandlers.ofString()));
    }
  }

  private static SSLContext sslContext(Path tlsDir, Path caFile, boolean withClientCertificate) throws Exception {
    KeyStore trust = KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    trust.setCertificateEntry("ca", Pem.decodeCertificate(Files.readAllBytes(caFile)));
    TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(trust);
    KeyManagerFactory kmf = null;
    if (withClientCertificate) {
      KeyStore keys = KeyStore.getInstance("PKCS12");
      keys.load(null, null);
      X509Certificate certificate = Pem.decodeCertificate(Files.readAllBytes(tlsDir.resolve("client.crt")));
      keys.setKeyEntry("client", Pem.decodePrivateKey(Files.readAllBytes(tlsDir.resolve("client.key"))),
          new char[0], new Certificate[] {certificate});
      kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      kmf.init(keys, new char[0]);
    }
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(kmf == null ? null : kmf.getKeyManagers(), tmf.getTrustManagers(), null);
    return context;
  }
}
