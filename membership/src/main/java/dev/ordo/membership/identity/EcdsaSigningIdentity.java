package dev.ordo.membership.identity;

import dev.ordo.membership.crypto.EcKeys;
import dev.ordo.membership.crypto.EcdsaSignatures;
import java.security.PrivateKey;
import java.util.Objects;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;

/** A {@link SigningIdentity} over Bouncy Castle's ECDSA with key parameters built once. */
final class EcdsaSigningIdentity implements SigningIdentity {
    private final Identity identity;
    private final ECPrivateKeyParameters key;
    private final byte[] serialized;

    EcdsaSigningIdentity(Identity identity, PrivateKey privateKey) {
        this.identity = Objects.requireNonNull(identity, "identity");
        Objects.requireNonNull(privateKey, "privateKey");
        if (!EcKeys.matches(privateKey, identity.certificate().getPublicKey())) {
            throw new IllegalArgumentException("private key does not belong to the certificate of " + identity);
        }
        this.key = EcKeys.privateParameters(privateKey);
        this.serialized = identity.serialized();
    }

    @Override
    public Identity identity() {
        return identity;
    }

    @Override
    public byte[] serializedIdentity() {
        return serialized.clone();
    }

    @Override
    public byte[] sign(byte[] message) {
        return EcdsaSignatures.sign(key, Objects.requireNonNull(message, "message"));
    }

    @Override
    public String toString() {
        return "SigningIdentity[" + identity + "]";
    }
}
