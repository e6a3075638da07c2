package dev.ordo.ordering;

import com.google.protobuf.ByteString;
import dev.ordo.membership.cryptogen.CryptoLayout;
import dev.ordo.membership.cryptogen.CryptoMaterialGenerator;
import dev.ordo.membership.cryptogen.NetworkSpec;
import dev.ordo.membership.identity.SigningIdentity;
import dev.ordo.membership.msp.ChannelMsp;
import dev.ordo.membership.msp.MspDirectory;
import dev.ordo.membership.policy.ChannelPolicies;
import dev.ordo.membership.policy.SignedData;
import dev.ordo.ordering.blockstore.BlockStore;
import dev.ordo.proto.v1.ChannelConfig;
import dev.ordo.proto.wire.Blocks;
import dev.ordo.proto.wire.EnvelopeView;
import dev.ordo.proto.wire.SignedContent;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.Envelope;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * What one envelope costs on one thread in each stage of the ordering path, to explain the
 * cluster figures: parse, Writers policy (one ECDSA verify), block assembly and hashing, block
 * store append and sync. Run: {@code mvn -pl ordering-service test -Dtest=OrderingCostBenchmark -Dordo.bench=true}.
 */
@EnabledIfSystemProperty(named = "ordo.bench", matches = "true")
class OrderingCostBenchmark {
  @TempDir
  Path dir;

  @Test
  void perEnvelopeCosts() throws Exception {
    CryptoMaterialGenerator.generate(NetworkSpec.sample(1, 1, 1), dir.resolve("crypto"));
    CryptoLayout crypto = CryptoLayout.of(dir.resolve("crypto"));
    SigningIdentity user = MspDirectory.loadSigningIdentity(crypto.peerUser("org1.example.com", "User1")
        .resolve("msp"), "Org1MSP");
    ChannelConfig config = ChannelConfig.newBuilder().setChannelId("cost")
        .addOrganizations(MspDirectory.loadOrganization(crypto.peerOrganization("org1.example.com").resolve("msp"),
            "Org1MSP")).build();
    ChannelMsp msp = ChannelMsp.of(config.getOrganizationsList());
    ChannelPolicies policies = ChannelPolicies.of(config, msp);
    int n = Integer.getInteger("ordo.bench.envelopes", 5000);
    for (int padding : new int[] {0, 520, 4096}) {
      List<Envelope> envelopes = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        envelopes.add(TestEnvelopes.transaction("cost", user, padding));
      }
      int size = envelopes.get(0).getSerializedSize();
      long t0 = System.nanoTime();
      List<SignedContent> signed = new ArrayList<>();
      for (Envelope e : envelopes) {
        EnvelopeView view = EnvelopeView.parse(e);
        msp.validate(view.creator());
        signed.add(view.signedContent());
      }
      long t1 = System.nanoTime();
      for (SignedContent s : signed) {
        var decision = policies.evaluate(ChannelPolicies.WRITERS,
            List.of(new SignedData(s.dataBytes(), s.identityBytes(), s.signatureBytes())));
        if (!decision.satisfied()) {
          throw new AssertionError(decision.reason());
        }
      }
      long t2 = System.nanoTime();
      List<Block> blocks = new ArrayList<>();
      ByteString previous = ByteString.EMPTY;
      for (int from = 0; from < n; from += 500) {
        List<ByteString> data = envelopes.subList(from, Math.min(n, from + 500)).stream()
            .map(Envelope::toByteString).toList();
        Block block = Blocks.newBlock(blocks.size(), previous, data);
        previous = Blocks.headerHash(block.getHeader());
        blocks.add(block);
      }
      long t3 = System.nanoTime();
      try (BlockStore store = BlockStore.open(dir.resolve("store-" + padding))) {
        for (Block b : blocks) {
          store.append(b);
        }
        store.syncToDisk();
      }
      long t4 = System.nanoTime();
      System.out.printf("| %d | %.0f | %.0f | %.0f | %.0f |%n", size, n / ((t1 - t0) / 1e9), n / ((t2 - t1) / 1e9),
          n / ((t3 - t2) / 1e9), n / ((t4 - t3) / 1e9));
    }
  }
}
