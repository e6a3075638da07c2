package dev.ordo.contracts.runtime;

import dev.ordo.membership.ca.CertificateAuthority;
import dev.ordo.membership.identity.Identity;
import dev.ordo.membership.identity.Role;
import dev.ordo.membership.identity.SigningIdentity;

/** Real serialized X.509 creators of two organisations, issued by membership's CA. */
final class TestIdentities {

  static final String ORG1 = "Org1MSP";
  static final String ORG2 = "Org2MSP";

  static final byte[] ORG1_CLIENT;
  static final byte[] ORG1_ADMIN;
  static final byte[] ORG2_CLIENT;
  static final byte[] ORG2_ADMIN;
  /** A client of Org2 that signs proposals. */
  static final SigningIdentity ORG2_SIGNER;

  static {
    CertificateAuthority org1 = CertificateAuthority.createRoot("ca.org1.example.com", "org1.example.com");
    CertificateAuthority org2 = CertificateAuthority.createRoot("ca.org2.example.com", "org2.example.com");
    ORG1_CLIENT = serialize(ORG1, org1, "User1@org1.example.com", Role.CLIENT);
    ORG1_ADMIN = serialize(ORG1, org1, "Admin@org1.example.com", Role.ADMIN);
    ORG2_CLIENT = serialize(ORG2, org2, "User1@org2.example.com", Role.CLIENT);
    ORG2_ADMIN = serialize(ORG2, org2, "Admin@org2.example.com", Role.ADMIN);
    ORG2_SIGNER = org2.issueIdentity("User2@org2.example.com", Role.CLIENT)
        .signingIdentity(ORG2, Role.CLIENT);
  }

  private TestIdentities() {}

  private static byte[] serialize(String mspId, CertificateAuthority ca, String name, Role role) {
    return Identity.serialize(mspId, ca.issueIdentity(name, role).certificate());
  }
}
