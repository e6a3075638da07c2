package dev.ordo.bench.wire;

import com.google.protobuf.ByteString;
import dev.ordo.proto.wire.EnvelopeView;
import dev.ordo.proto.wire.PreparedTransactions;
import dev.ordo.proto.wire.ProposalResponses;
import dev.ordo.proto.wire.Proposals;
import dev.ordo.proto.wire.SignedProposalView;
import dev.ordo.proto.wire.TransactionView;
import dev.ordo.proto.wire.WireFormatException;
import dev.ordo.bench.fixtures.SampleNetwork;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.hyperledger.fabric.protos.ledger.rwset.NsReadWriteSet;
import org.hyperledger.fabric.protos.ledger.rwset.TxReadWriteSet;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVRWSet;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVRead;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVWrite;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.Version;
import org.hyperledger.fabric.protos.peer.Response;
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
 * Parsing a typical endorsed transaction envelope into Ordo's checked view: an asset
 * creation with one read, one write of a ~200 byte JSON value and two endorsements
 * (Org1 and Org2 peers), as a validating peer and an orderer see it.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class EnvelopeParsingBenchmark {
    private SampleNetwork network;
    private ByteString envelope;

    @Setup(Level.Trial)
    public void setUp() throws WireFormatException {
        network = SampleNetwork.create();
        String json = "{\"ID\":\"asset1\",\"Color\":\"blue\",\"Size\":5,\"Owner\":\"Tomoko\",\"OwnerOrg\":\"Org1MSP\","
                + "\"AppraisedValue\":300,\"Notes\":\"" + "x".repeat(80) + "\"}";
        SignedProposalView proposal = SignedProposalView.parse(Proposals.newSignedProposal("mychannel", "basic",
                List.of(ByteString.copyFromUtf8("CreateAsset"), ByteString.copyFromUtf8("asset1"),
                        ByteString.copyFromUtf8(json)),
                Map.of(), network.client, Instant.now()));
        TxReadWriteSet results = TxReadWriteSet.newBuilder()
                .setDataModel(TxReadWriteSet.DataModel.KV)
                .addNsRwset(NsReadWriteSet.newBuilder().setNamespace("basic").setRwset(KVRWSet.newBuilder()
                        .addReads(KVRead.newBuilder().setKey("asset1")
                                .setVersion(Version.newBuilder().setBlockNum(7).setTxNum(3)))
                        .addWrites(KVWrite.newBuilder().setKey("asset1")
                                .setValue(ByteString.copyFrom(json, StandardCharsets.UTF_8)))
                        .build().toByteString()))
                .build();
        Response ok = Response.newBuilder().setStatus(200).build();
        envelope = Proposals.sign(PreparedTransactions.assemble(proposal, List.of(
                ProposalResponses.endorse(proposal, "1.0", ok, results, null, network.peer1),
                ProposalResponses.endorse(proposal, "1.0", ok, results, null, network.peer2))),
                network.client).toByteString();
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        network.close();
    }

    /** Envelope, payload, headers and the transaction with its read/write set, all checked. */
    @Benchmark
    public TransactionView parseEndorsedEnvelope() throws WireFormatException {
        return EnvelopeView.parse(envelope).transaction();
    }

    /** Envelope and headers only: what Broadcast needs before ordering. */
    @Benchmark
    public String parseEnvelopeHeaders() throws WireFormatException {
        return EnvelopeView.parse(envelope).txId();
    }

    /** The tx id alone, as every orderer reads it for the duplicate check of each envelope it applies. */
    @Benchmark
    public Object txIdOf() {
        return EnvelopeView.txIdOf(envelope);
    }
}
