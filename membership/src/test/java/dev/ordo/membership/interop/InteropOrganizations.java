package dev.ordo.membership.interop;

import com.google.protobuf.ByteString;
import dev.ordo.membership.ca.CertificateAuthority;
import dev.ordo.membership.ca.IssuedCredential;
import dev.ordo.membership.crypto.Pem;
import dev.ordo.membership.identity.Role;
import dev.ordo.membership.identity.SigningIdentity;
import dev.ordo.membership.msp.ChannelMsp;
import dev.ordo.proto.v1.NodeOUs;
import dev.ordo.proto.v1.Organization;
import java.util.List;

/**
 * Two organisations with their own root CAs (issued by membership's CertificateAuthority), a
 * client of Org1, one peer per organisation, an orderer, and the channel MSP that trusts both.
 */
final class InteropOrganizations {
    static final String ORG1 = "Org1MSP";
    static final String ORG2 = "Org2MSP";

    final CertificateAuthority org1Ca = CertificateAuthority.createRoot("ca.org1.example.com", "org1.example.com");
    final CertificateAuthority org2Ca = CertificateAuthority.createRoot("ca.org2.example.com", "org2.example.com");
    final IssuedCredential client = org1Ca.issueIdentity("User1@org1.example.com", Role.CLIENT);
    final SigningIdentity peer1 = org1Ca.issueIdentity("peer0.org1.example.com", Role.PEER).signingIdentity(ORG1, Role.PEER);
    final SigningIdentity peer2 = org2Ca.issueIdentity("peer0.org2.example.com", Role.PEER).signingIdentity(ORG2, Role.PEER);
    final SigningIdentity orderer = org1Ca.issueIdentity("orderer0.org1.example.com", Role.ORDERER)
            .signingIdentity(ORG1, Role.ORDERER);
    final List<Organization> organizations = List.of(organization(ORG1, org1Ca), organization(ORG2, org2Ca));
    final ChannelMsp msp = ChannelMsp.of(organizations);

    private static Organization organization(String mspId, CertificateAuthority ca) {
        return Organization.newBuilder()
                .setMspId(mspId)
                .addRootCerts(ByteString.copyFromUtf8(Pem.encodeCertificate(ca.certificate())))
                .setNodeOus(NodeOUs.newBuilder().setEnable(true).setClientOu("client").setPeerOu("peer")
                        .setAdminOu("admin").setOrdererOu("orderer"))
                .build();
    }
}
