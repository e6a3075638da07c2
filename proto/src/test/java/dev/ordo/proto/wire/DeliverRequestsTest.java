package dev.ordo.proto.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import java.time.Instant;
import org.hyperledger.fabric.protos.orderer.SeekInfo;
import org.junit.jupiter.api.Test;

class DeliverRequestsTest {
    private final TestSigner peer = TestSigner.create("Org1MSP");

    @Test
    void rangeRequestParsesAsACheckedDeliverRequestSignedByTheCaller() throws Exception {
        ByteString certHash = ByteString.copyFrom(Sha256.digest(new byte[] {1, 2, 3}));
        Instant now = Instant.parse("2026-11-23T12:00:00Z");

        DeliverRequestView view = DeliverRequestView.parse(
                DeliverRequests.range("mychannel", 5, Long.MAX_VALUE, peer, certHash, now));

        assertEquals("mychannel", view.channelId());
        SeekInfo seek = view.seekInfo();
        assertEquals(5, seek.getStart().getSpecified().getNumber());
        assertEquals(Long.MAX_VALUE, seek.getStop().getSpecified().getNumber());
        assertEquals(SeekInfo.SeekBehavior.BLOCK_UNTIL_READY, seek.getBehavior());
        assertEquals(certHash, view.envelope().header().channelHeader().getTlsCertHash());
        assertEquals(now.getEpochSecond(), view.envelope().timestamp().getSeconds());
        assertTrue(peer.verifies(view.signedContent()));
    }

    @Test
    void withoutMutualTlsTheCertificateHashIsEmpty() throws Exception {
        DeliverRequestView view = DeliverRequestView.parse(DeliverRequests.range("mychannel", 0, 0, peer, null));

        assertTrue(view.envelope().header().channelHeader().getTlsCertHash().isEmpty());
    }
}
