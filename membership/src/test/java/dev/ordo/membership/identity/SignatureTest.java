package dev.ordo.membership.identity;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ordo.membership.TestOrganizations.TestOrg;
import dev.ordo.membership.crypto.EcKeys;
import dev.ordo.membership.crypto.EcdsaSignatures;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.bouncycastle.crypto.signers.StandardDSAEncoding;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SignatureTest {
    private static final byte[] MESSAGE = "proposal bytes".getBytes(StandardCharsets.UTF_8);
    private static SigningIdentity signer;
    private static BigInteger n;

    @BeforeAll
    static void signer() {
        signer = TestOrg.create("Org1MSP").signer("User1@org1", Role.CLIENT);
        n = EcKeys.publicParameters(signer.identity().certificate().getPublicKey()).getParameters().getN();
    }

    @Test
    void signatureVerifiesWithTheSignersIdentity() {
        assertTrue(signer.identity().verify(MESSAGE, signer.sign(MESSAGE)));
        assertArrayEquals(signer.identity().serialized(), signer.serializedIdentity());
    }

    @Test
    void signaturesAreAlwaysLowS() throws Exception {
        for (int i = 0; i < 200; i++) {
            byte[] message = ("message " + i).getBytes(StandardCharsets.UTF_8);
            BigInteger[] rs = StandardDSAEncoding.INSTANCE.decode(n, signer.sign(message));
            assertFalse(EcdsaSignatures.isHighS(n, rs[1]), "signature " + i + " has high S");
        }
    }

    @Test
    void rejectsTamperedMessage() {
        byte[] signature = signer.sign(MESSAGE);
        byte[] tampered = MESSAGE.clone();
        tampered[0] ^= 1;
        assertFalse(signer.identity().verify(tampered, signature));
    }

    @Test
    void rejectsTamperedSignature() {
        byte[] signature = signer.sign(MESSAGE);
        byte[] tampered = signature.clone();
        tampered[tampered.length - 1] ^= 1;
        assertFalse(signer.identity().verify(MESSAGE, tampered));
    }

    @Test
    void rejectsSignatureOfAnotherIdentity() {
        SigningIdentity other = TestOrg.create("Org2MSP").signer("User1@org2", Role.CLIENT);
        assertFalse(signer.identity().verify(MESSAGE, other.sign(MESSAGE)));
    }

    @Test
    void rejectsHighSFormOfAValidSignature() throws Exception {
        BigInteger[] rs = StandardDSAEncoding.INSTANCE.decode(n, signer.sign(MESSAGE));
        BigInteger highS = n.subtract(rs[1]);
        byte[] highSignature = StandardDSAEncoding.INSTANCE.encode(n, rs[0], highS);

        // The high-S twin is mathematically valid ECDSA: only the low-S rule refuses it.
        ECPublicKeyParameters key = EcKeys.publicParameters(signer.identity().certificate().getPublicKey());
        ECDSASigner plain = new ECDSASigner();
        plain.init(false, key);
        assertTrue(plain.verifySignature(EcdsaSignatures.sha256(MESSAGE), rs[0], highS));

        assertFalse(signer.identity().verify(MESSAGE, highSignature));
    }

    @Test
    void rejectsNonCanonicalDer() {
        byte[] signature = signer.sign(MESSAGE);
        byte[] trailing = Arrays.copyOf(signature, signature.length + 1);
        assertFalse(signer.identity().verify(MESSAGE, trailing), "trailing byte");

        // Long-form length (0x81 LL) for a short SEQUENCE is valid BER but not DER.
        byte[] longForm = new byte[signature.length + 1];
        longForm[0] = 0x30;
        longForm[1] = (byte) 0x81;
        longForm[2] = signature[1];
        System.arraycopy(signature, 2, longForm, 3, signature.length - 2);
        assertFalse(signer.identity().verify(MESSAGE, longForm), "long-form length");

        assertFalse(signer.identity().verify(MESSAGE, new byte[0]), "empty");
        assertFalse(signer.identity().verify(MESSAGE, new byte[] {0x30, 0x00}), "empty sequence");
        assertFalse(signer.identity().verify(MESSAGE, null), "null");
    }

    @Test
    void rejectsZeroAndOutOfRangeComponents() throws Exception {
        BigInteger[] rs = StandardDSAEncoding.INSTANCE.decode(n, signer.sign(MESSAGE));
        assertFalse(signer.identity().verify(MESSAGE, der(BigInteger.ZERO, rs[1])), "r = 0");
        assertFalse(signer.identity().verify(MESSAGE, der(rs[0], BigInteger.ZERO)), "s = 0");
        assertFalse(signer.identity().verify(MESSAGE, der(rs[0].add(n), rs[1])), "r + n");
        assertFalse(signer.identity().verify(MESSAGE, der(rs[0].negate(), rs[1])), "negative r");
    }

    private static byte[] der(BigInteger r, BigInteger s) throws Exception {
        return new org.bouncycastle.asn1.DERSequence(new org.bouncycastle.asn1.ASN1Encodable[] {
                new org.bouncycastle.asn1.ASN1Integer(r), new org.bouncycastle.asn1.ASN1Integer(s)}).getEncoded();
    }

    @Test
    void refusesKeyThatDoesNotBelongToTheCertificate() {
        SigningIdentity other = TestOrg.create("Org2MSP").signer("x", Role.CLIENT);
        assertThrows(IllegalArgumentException.class, () -> SigningIdentity.of(signer.identity(),
                EcKeys.generateP256().getPrivate()));
        assertTrue(other.identity().verify(MESSAGE, other.sign(MESSAGE)));
    }
}
