package dev.ordo.bench.client;

import dev.ordo.membership.ca.CertificateAuthority;
import dev.ordo.membership.ca.IssuedCredential;
import dev.ordo.membership.identity.Role;
import dev.ordo.sdk.identity.OrdoSigners;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.concurrent.TimeUnit;
import org.hyperledger.fabric.client.Hash;
import org.hyperledger.fabric.client.identity.Signer;
import org.hyperledger.fabric.client.identity.Signers;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What a Fabric Gateway client pays per signature (it signs three times per transaction:
 * proposal, envelope, commit-status request): the client's stock
 * {@code Signers.newPrivateKeySigner} against the SDK's {@code OrdoSigners.newPrivateKeySigner}
 * over the same P-256 key and the same SHA-256 digest. Single-threaded: figures are per core.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ClientSigningBenchmark {
    private Signer stock;
    private Signer ordo;
    private byte[] digest;

    @Setup(Level.Trial)
    public void setUp() {
        IssuedCredential user = CertificateAuthority.createRoot("ca.org1.example.com", "org1.example.com")
                .issueIdentity("User1@org1.example.com", Role.CLIENT);
        stock = Signers.newPrivateKeySigner(user.privateKey());
        ordo = OrdoSigners.newPrivateKeySigner(user.privateKey());
        byte[] message = new byte[1024];
        new SecureRandom().nextBytes(message);
        digest = Hash.SHA256.apply(message);
    }

    /** fabric-gateway 1.10.0's own private-key signer. */
    @Benchmark
    public byte[] stockSigner() throws GeneralSecurityException {
        return stock.sign(digest);
    }

    /** The SDK's signer: Bouncy Castle key parameters built once, low S. */
    @Benchmark
    public byte[] ordoSigner() throws GeneralSecurityException {
        return ordo.sign(digest);
    }
}
