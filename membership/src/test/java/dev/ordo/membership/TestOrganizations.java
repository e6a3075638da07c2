package dev.ordo.membership;

import com.google.protobuf.ByteString;
import dev.ordo.membership.ca.CertificateAuthority;
import dev.ordo.membership.ca.IssuedCredential;
import dev.ordo.membership.crypto.Pem;
import dev.ordo.membership.identity.Role;
import dev.ordo.membership.identity.SigningIdentity;
import dev.ordo.membership.msp.NodeOuConfigFile;
import dev.ordo.membership.policy.SignedData;
import dev.ordo.proto.v1.Organization;
import java.security.cert.X509CRL;
import java.util.List;

/** Real CAs and organisation definitions for tests (fresh keys each time). */
public final class TestOrganizations {
    private TestOrganizations() {
    }

    /** A test organisation: its root CA, the CA that issues identities, and its MSP id. */
    public record TestOrg(String mspId, CertificateAuthority root, CertificateAuthority issuer) {
        public static TestOrg create(String mspId) {
            CertificateAuthority root = CertificateAuthority.createRoot("ca." + mspId.toLowerCase() + ".test", mspId);
            return new TestOrg(mspId, root, root);
        }

        public static TestOrg withIntermediate(String mspId) {
            CertificateAuthority root = CertificateAuthority.createRoot("ca." + mspId.toLowerCase() + ".test", mspId);
            return new TestOrg(mspId, root, root.createIntermediate("ica." + mspId.toLowerCase() + ".test"));
        }

        public SigningIdentity signer(String name, Role role) {
            IssuedCredential credential = issuer.issueIdentity(name, role);
            return credential.signingIdentity(mspId, role);
        }

        public Organization organization(X509CRL... crls) {
            Organization.Builder builder = Organization.newBuilder()
                    .setMspId(mspId)
                    .addRootCerts(ByteString.copyFromUtf8(Pem.encodeCertificate(root.certificate())))
                    .setNodeOus(NodeOuConfigFile.defaults());
            if (issuer != root) {
                builder.addIntermediateCerts(ByteString.copyFromUtf8(Pem.encodeCertificate(issuer.certificate())));
            }
            for (X509CRL crl : crls) {
                builder.addCrls(ByteString.copyFromUtf8(Pem.encodeCrl(crl)));
            }
            return builder.build();
        }
    }

    /** {@code signer}'s signature over {@code data}, as a policy sees it. */
    public static SignedData signed(SigningIdentity signer, byte[] data) {
        return new SignedData(data, signer.serializedIdentity(), signer.sign(data));
    }

    /** Signatures of each signer over the same data. */
    public static List<SignedData> signedBy(byte[] data, SigningIdentity... signers) {
        return java.util.Arrays.stream(signers).map(s -> signed(s, data)).toList();
    }
}
