package dev.ordo.sdk.identity;

import dev.ordo.membership.crypto.EcdsaSignatures;
import java.security.GeneralSecurityException;
import java.security.SignatureException;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.hyperledger.fabric.client.identity.Signer;

/** Signs the SHA-256 digest the Gateway client hands over, with key parameters built once. */
final class EcdsaDigestSigner implements Signer {
    private final ECPrivateKeyParameters key;

    EcdsaDigestSigner(ECPrivateKeyParameters key) {
        this.key = key;
    }

    @Override
    public byte[] sign(byte[] digest) throws GeneralSecurityException {
        try {
            return EcdsaSignatures.signDigest(key, digest);
        } catch (IllegalArgumentException e) {
            throw new SignatureException(e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return "OrdoSigners.EcdsaDigestSigner";
    }
}
