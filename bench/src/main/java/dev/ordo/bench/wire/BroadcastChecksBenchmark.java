package dev.ordo.bench.wire;

import com.google.protobuf.ByteString;
import com.google.protobuf.Timestamp;
import dev.ordo.bench.fixtures.SampleNetwork;
import dev.ordo.membership.identity.Identity;
import dev.ordo.membership.msp.ChannelMsp;
import dev.ordo.membership.msp.IdentityValidationException;
import dev.ordo.membership.policy.ChannelPolicies;
import dev.ordo.membership.policy.PolicyDecision;
import dev.ordo.membership.policy.SignedData;
import dev.ordo.proto.v1.ChannelConfig;
import dev.ordo.proto.wire.EnvelopeView;
import dev.ordo.proto.wire.SignedContent;
import dev.ordo.proto.wire.TxIds;
import dev.ordo.proto.wire.WireFormatException;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.hyperledger.fabric.protos.common.ChannelHeader;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.Header;
import org.hyperledger.fabric.protos.common.HeaderType;
import org.hyperledger.fabric.protos.common.Payload;
import org.hyperledger.fabric.protos.common.SignatureHeader;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The per-envelope work of an orderer's Broadcast check on one thread, split the way
 * {@code EnvelopeAdmission} does it, for the 1 KB MESSAGE envelope of the ordering benchmark
 * (a client identity of the sample network, no padding): parsing with the MSP look-up of the
 * creator, the Writers policy (which verifies the signature), and the verification alone. The
 * policy minus the verification is what policy evaluation itself costs. Average time per call.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class BroadcastChecksBenchmark {
    private SampleNetwork network;
    private ByteString received;
    private ChannelMsp msp;
    private ChannelPolicies policies;
    private SignedContent signed;
    private Identity creator;

    @Setup(Level.Trial)
    public void setUp() throws WireFormatException, IdentityValidationException {
        network = SampleNetwork.create();
        byte[] nonce = TxIds.newNonce();
        byte[] identity = network.client.serializedIdentity();
        Instant now = Instant.now();
        Header header = Header.newBuilder()
                .setChannelHeader(ChannelHeader.newBuilder().setType(HeaderType.MESSAGE_VALUE).setChannelId("bench")
                        .setTxId(TxIds.compute(nonce, identity))
                        .setTimestamp(Timestamp.newBuilder().setSeconds(now.getEpochSecond()).setNanos(now.getNano()))
                        .build().toByteString())
                .setSignatureHeader(SignatureHeader.newBuilder().setCreator(ByteString.copyFrom(identity))
                        .setNonce(ByteString.copyFrom(nonce)).build().toByteString())
                .build();
        ByteString payload = Payload.newBuilder().setHeader(header).build().toByteString();
        received = Envelope.newBuilder().setPayload(payload)
                .setSignature(ByteString.copyFrom(network.client.sign(payload.toByteArray()))).build().toByteString();
        msp = network.newMsp();
        policies = ChannelPolicies.of(ChannelConfig.newBuilder().setChannelId("bench")
                .addAllOrganizations(network.organizations).build(), msp);
        EnvelopeView view = EnvelopeView.parseSharing(received);
        signed = view.signedContent();
        creator = msp.validate(view.creator());
        if (!writersPolicy().satisfied()) {
            throw new IllegalStateException("the sample envelope does not satisfy Writers");
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        network.close();
    }

    /** Parse and check the envelope and its headers, then find its creator in the MSP. */
    @Benchmark
    public Identity parseAndValidateCreator() throws WireFormatException, IdentityValidationException {
        EnvelopeView view = EnvelopeView.parseSharing(received);
        return msp.validate(view.creator());
    }

    /** The Writers policy over the creator's signature, as Broadcast asks it (verification included). */
    @Benchmark
    public PolicyDecision writersPolicy() {
        return policies.evaluate(ChannelPolicies.WRITERS, List.of(new SignedData(signed.dataBytes(),
                signed.identityBytes(), signed.signatureBytes())));
    }

    /** The signature verification alone (SHA-256 of the payload, DER, low S, P-256). */
    @Benchmark
    public boolean verify() {
        return creator.verify(signed.dataBytes(), signed.signatureBytes());
    }
}
