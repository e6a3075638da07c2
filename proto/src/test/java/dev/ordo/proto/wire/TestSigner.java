package dev.ordo.proto.wire;

import com.google.protobuf.ByteString;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import org.hyperledger.fabric.protos.msp.SerializedIdentity;

/**
 * A real ECDSA P-256 signer for the proto module's tests (JDK provider; the membership module
 * brings the production signer). The identity carries the public key in PEM in place of a
 * certificate, which is all the wire layer looks at.
 */
final class TestSigner implements MessageSigner {
    private final KeyPair keyPair;
    private final byte[] serializedIdentity;

    private TestSigner(KeyPair keyPair, String mspId) {
        this.keyPair = keyPair;
        String pem = "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(keyPair.getPublic().getEncoded())
                + "\n-----END PUBLIC KEY-----\n";
        this.serializedIdentity = SerializedIdentity.newBuilder()
                .setMspid(mspId)
                .setIdBytes(ByteString.copyFrom(pem, StandardCharsets.US_ASCII))
                .build()
                .toByteArray();
    }

    static TestSigner create(String mspId) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return new TestSigner(generator.generateKeyPair(), mspId);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public byte[] serializedIdentity() {
        return serializedIdentity.clone();
    }

    @Override
    public byte[] sign(byte[] message) {
        try {
            Signature signature = Signature.getInstance("SHA256withECDSA");
            signature.initSign(keyPair.getPrivate());
            signature.update(message);
            return signature.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    boolean verify(byte[] message, byte[] signatureBytes) {
        try {
            Signature signature = Signature.getInstance("SHA256withECDSA");
            signature.initVerify(keyPair.getPublic());
            signature.update(message);
            return signature.verify(signatureBytes);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    /** True when {@code content} claims this identity and its signature verifies. */
    boolean verifies(SignedContent content) {
        return content.identity().equals(ByteString.copyFrom(serializedIdentity))
                && verify(content.dataBytes(), content.signatureBytes());
    }
}
