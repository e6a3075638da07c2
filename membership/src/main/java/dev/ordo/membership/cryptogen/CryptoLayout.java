package dev.ordo.membership.cryptogen;

import java.nio.file.Path;

/**
 * Where {@link CryptoMaterialGenerator} puts things, Fabric {@code cryptogen}'s names:
 *
 * <pre>
 * &lt;output&gt;/organizations/
 *   peerOrganizations/&lt;domain&gt;/
 *     ca/       priv_sk, ca.&lt;domain&gt;-cert.pem   (intermediate/ priv_sk, ica.&lt;domain&gt;-cert.pem if any)
 *     tlsca/    priv_sk, tlsca.&lt;domain&gt;-cert.pem, tlsca.&lt;domain&gt;-crl.pem
 *     msp/      cacerts/, intermediatecerts/, tlscacerts/, crls/, config.yaml
 *     peers/&lt;host&gt;.&lt;domain&gt;/   msp/{cacerts,intermediatecerts,tlscacerts,keystore/priv_sk,signcerts,config.yaml}
 *                               tls/{ca.crt,server.crt,server.key}
 *     users/&lt;User&gt;@&lt;domain&gt;/   msp/..., tls/{ca.crt,client.crt,client.key}
 *   ordererOrganizations/&lt;domain&gt;/  the same with orderers/&lt;host&gt;.&lt;domain&gt;/
 * </pre>
 */
public final class CryptoLayout {
    public static final String ORGANIZATIONS = "organizations";
    public static final String PEER_ORGANIZATIONS = "peerOrganizations";
    public static final String ORDERER_ORGANIZATIONS = "ordererOrganizations";
    public static final String ADMIN_USER = "Admin";

    private final Path organizations;

    private CryptoLayout(Path organizations) {
        this.organizations = organizations;
    }

    /** The layout below a generator output directory. */
    public static CryptoLayout of(Path outputDir) {
        return new CryptoLayout(outputDir.resolve(ORGANIZATIONS));
    }

    /** {@code <output>/organizations}. */
    public Path organizations() {
        return organizations;
    }

    public Path peerOrganization(String domain) {
        return organizations.resolve(PEER_ORGANIZATIONS).resolve(domain);
    }

    public Path ordererOrganization(String domain) {
        return organizations.resolve(ORDERER_ORGANIZATIONS).resolve(domain);
    }

    /** {@code peerOrganizations/<domain>/peers/<host>.<domain>} (holds {@code msp/} and {@code tls/}). */
    public Path peer(String domain, String hostname) {
        return peerOrganization(domain).resolve("peers").resolve(hostname + "." + domain);
    }

    /** {@code ordererOrganizations/<domain>/orderers/<host>.<domain>}. */
    public Path orderer(String domain, String hostname) {
        return ordererOrganization(domain).resolve("orderers").resolve(hostname + "." + domain);
    }

    /** {@code peerOrganizations/<domain>/users/<user>@<domain>}, e.g. user {@code Admin} or {@code User1}. */
    public Path peerUser(String domain, String user) {
        return peerOrganization(domain).resolve("users").resolve(user + "@" + domain);
    }

    /** {@code ordererOrganizations/<domain>/users/<user>@<domain>}. */
    public Path ordererUser(String domain, String user) {
        return ordererOrganization(domain).resolve("users").resolve(user + "@" + domain);
    }
}
