package dev.ordo.sdk.identity;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ordo.membership.ca.CertificateAuthority;
import dev.ordo.membership.ca.IssuedCredential;
import dev.ordo.membership.crypto.EcdsaSignatures;
import dev.ordo.membership.identity.Identity;
import dev.ordo.membership.identity.Role;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.security.SignatureException;
import org.bouncycastle.crypto.signers.StandardDSAEncoding;
import org.hyperledger.fabric.client.Hash;
import org.hyperledger.fabric.client.identity.Signer;
import org.hyperledger.fabric.client.identity.Signers;
import org.junit.jupiter.api.Test;

class OrdoSignersTest {
    private static final CertificateAuthority CA = CertificateAuthority.createRoot("ca.org1.example.com", "org1.example.com");
    private static final IssuedCredential USER = CA.issueIdentity("User1@org1.example.com", Role.CLIENT);
    private static final Identity IDENTITY = new Identity("Org1MSP", USER.certificate(), Role.CLIENT);

    @Test
    void signaturesOfTheClientsDigestVerifyWithMembershipAndAreLowS() throws Exception {
        Signer signer = OrdoSigners.newPrivateKeySigner(USER.privateKey());
        BigInteger n = new BigInteger("FFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551", 16);
        for (int i = 0; i < 100; i++) {
            byte[] message = ("proposal " + i).getBytes(StandardCharsets.UTF_8);
            // The Gateway client hands the signer SHA-256(message), never the message.
            byte[] signature = signer.sign(Hash.SHA256.apply(message));

            assertTrue(IDENTITY.verify(message, signature), "signature " + i + " does not verify");
            BigInteger[] rs = StandardDSAEncoding.INSTANCE.decode(n, signature);
            assertFalse(EcdsaSignatures.isHighS(n, rs[1]), "signature " + i + " has high S");
        }
    }

    @Test
    void signaturesDoNotVerifyForAnotherMessageOrKey() throws Exception {
        Signer signer = OrdoSigners.newPrivateKeySigner(USER.privateKey());
        byte[] message = "transaction".getBytes(StandardCharsets.UTF_8);
        byte[] signature = signer.sign(Hash.SHA256.apply(message));

        assertFalse(IDENTITY.verify("transactioN".getBytes(StandardCharsets.UTF_8), signature));
        Identity other = new Identity("Org1MSP", CA.issueIdentity("User2@org1.example.com", Role.CLIENT).certificate(),
                Role.CLIENT);
        assertFalse(other.verify(message, signature));
    }

    @Test
    void agreesWithTheStockSignerOnWhatIsSigned() throws Exception {
        byte[] digest = Hash.SHA256.apply("envelope payload".getBytes(StandardCharsets.UTF_8));
        byte[] stock = Signers.newPrivateKeySigner(USER.privateKey()).sign(digest);
        byte[] fast = OrdoSigners.newPrivateKeySigner(USER.privateKey()).sign(digest);

        // Both sign the same digest for the same key: each verifies against the same message.
        byte[] message = "envelope payload".getBytes(StandardCharsets.UTF_8);
        assertTrue(IDENTITY.verify(message, stock));
        assertTrue(IDENTITY.verify(message, fast));
        // RFC 6979: the fast signer is deterministic.
        assertArrayEquals(fast, OrdoSigners.newPrivateKeySigner(USER.privateKey()).sign(digest));
    }

    @Test
    void rejectsANonEcKeyAndAWrongSizeDigest() throws Exception {
        KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
        rsa.initialize(1024);
        assertThrows(IllegalArgumentException.class, () -> OrdoSigners.newPrivateKeySigner(rsa.generateKeyPair().getPrivate()));

        Signer signer = OrdoSigners.newPrivateKeySigner(USER.privateKey());
        SignatureException e = assertThrows(SignatureException.class, () -> signer.sign(new byte[48]));
        assertTrue(e.getMessage().contains("32-byte"), e.getMessage());
    }
}
