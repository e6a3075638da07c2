package dev.ordo.proto.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class TxIdsTest {
    @Test
    void txIdIsLowercaseHexSha256OfNonceThenCreator() {
        byte[] nonce = new byte[24];
        for (int i = 0; i < nonce.length; i++) {
            nonce[i] = (byte) i;
        }
        // sha256(bytes 0..23 ‖ "creator"), computed independently (Python hashlib).
        assertEquals("151635d156b87fcdd972bf6d45d83eb75864e6b9caff423a784c5c4e58051968",
                TxIds.compute(nonce, "creator".getBytes(StandardCharsets.US_ASCII)));
    }

    @Test
    void noncesAre24FreshRandomBytes() {
        byte[] first = TxIds.newNonce();
        byte[] second = TxIds.newNonce();
        assertEquals(24, first.length);
        assertNotEquals(ByteString.copyFrom(first), ByteString.copyFrom(second));
    }

    @Test
    void wellFormedMeans64LowercaseHex() {
        assertTrue(TxIds.isWellFormed(TxIds.compute(TxIds.newNonce(), new byte[] {1})));
        assertFalse(TxIds.isWellFormed(null));
        assertFalse(TxIds.isWellFormed(""));
        assertFalse(TxIds.isWellFormed("151635D156B87FCDD972BF6D45D83EB75864E6B9CAFF423A784C5C4E58051968"));
        assertFalse(TxIds.isWellFormed("151635d156b87fcdd972bf6d45d83eb75864e6b9caff423a784c5c4e5805196"));
        assertFalse(TxIds.isWellFormed("151635d156b87fcdd972bf6d45d83eb75864e6b9caff423a784c5c4e5805196g"));
    }

    @Test
    void proposalHashCoversTheThreePartsInOrder() {
        ByteString a = ByteString.copyFromUtf8("a");
        ByteString b = ByteString.copyFromUtf8("b");
        ByteString cd = ByteString.copyFromUtf8("cd");
        // sha256("abcd")
        assertEquals("88d4266fd4e6338d13b845fcf289579d209c897823b9217da3e161936f031589",
                java.util.HexFormat.of().formatHex(ProposalHashes.compute(a, b, cd).toByteArray()));
        assertNotEquals(ProposalHashes.compute(a, b, cd), ProposalHashes.compute(b, a, cd));
    }
}
