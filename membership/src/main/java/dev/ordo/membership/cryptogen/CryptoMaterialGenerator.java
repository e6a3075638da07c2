package dev.ordo.membership.cryptogen;

import dev.ordo.membership.ca.CertificateAuthority;
import dev.ordo.membership.ca.CertificateValidity;
import dev.ordo.membership.ca.IssuedCredential;
import dev.ordo.membership.crypto.Pem;
import dev.ordo.membership.identity.Role;
import dev.ordo.membership.msp.MspDirectory;
import dev.ordo.membership.msp.NodeOuConfigFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.PrivateKey;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;

/**
 * Generates the keys and certificates of a whole network in Fabric {@code cryptogen}'s
 * layout (see {@link CryptoLayout}), so Fabric tools and users find files where they expect
 * them.
 *
 * <p>Per organisation: a root CA ({@code ca/}, subject {@code O=<domain>, CN=ca.<domain>}),
 * optionally an intermediate CA that issues its identities, a TLS CA ({@code tlsca/}); the
 * organisation MSP ({@code msp/} with NodeOUs {@code config.yaml} and an empty CRL per
 * identity CA in {@code crls/}); per node ({@code peers/} or {@code orderers/}) a signing
 * identity with OU {@code peer} or {@code orderer} and a TLS server certificate (SANs: the
 * node's full name, extra SANs, {@code localhost}, {@code 127.0.0.1}); per user
 * ({@code Admin} with OU {@code admin}, {@code User1..N} with OU {@code client}) a signing
 * identity and a TLS client certificate. Private keys are PKCS#8 PEM, readable by the owner
 * only. An organisation folder that already exists is never overwritten.
 *
 * <p>Command line: {@code CryptoMaterialGenerator <crypto-config.yaml> <output-dir>}. The
 * YAML format follows cryptogen's {@code crypto-config.yaml}:
 *
 * <pre>
 * OrdererOrgs:
 *   - Name: Orderer
 *     Domain: example.com
 *     Specs:                    # explicit nodes (optional)
 *       - Hostname: orderer0
 *         SANS: [orderer0.internal, 10.0.0.5]
 *     Template:                 # numbered nodes: orderer0..orderer2 (optional)
 *       Count: 3
 *       Start: 0                # default 0
 *       Prefix: orderer         # Ordo: default "orderer" / "peer"
 * PeerOrgs:
 *   - Name: Org1
 *     Domain: org1.example.com
 *     MspId: Org1MSP            # Ordo: default &lt;Name&gt;MSP
 *     IntermediateCA: false     # Ordo: issue identities from an intermediate CA
 *     EnableNodeOUs: true       # accepted for compatibility; NodeOUs are always on
 *     Template:
 *       Count: 2
 *     Users:
 *       Count: 1                # User1..UserN besides Admin; default 1
 * </pre>
 *
 * An organisation with neither {@code Specs} nor {@code Template} gets one node
 * ({@code peer0} / {@code orderer0}). Unknown keys are errors, so typos do not pass silently.
 */
public final class CryptoMaterialGenerator {
    private CryptoMaterialGenerator() {
    }

    /**
     * Command line entry point.
     *
     * @param args the YAML file and the output directory
     */
    public static void main(String[] args) {
        if (args.length != 2) {
            System.err.println("usage: CryptoMaterialGenerator <crypto-config.yaml> <output-dir>");
            System.exit(2);
            return;
        }
        try {
            NetworkSpec spec = NetworkSpecYaml.read(Path.of(args[0]));
            generate(spec, Path.of(args[1]));
            System.out.println("crypto material written to " + CryptoLayout.of(Path.of(args[1])).organizations());
        } catch (IOException | IllegalArgumentException e) {
            System.err.println("error: " + e.getMessage());
            System.exit(1);
        }
    }

    /** Writes every organisation of {@code spec} below {@code outputDir/organizations}. */
    public static void generate(NetworkSpec spec, Path outputDir) throws IOException {
        CryptoLayout layout = CryptoLayout.of(outputDir);
        for (OrganizationSpec organization : spec.ordererOrganizations()) {
            generateOrganization(organization, layout.ordererOrganization(organization.domain()), "orderers", Role.ORDERER);
        }
        for (OrganizationSpec organization : spec.peerOrganizations()) {
            generateOrganization(organization, layout.peerOrganization(organization.domain()), "peers", Role.PEER);
        }
    }

    private static void generateOrganization(OrganizationSpec spec, Path orgDir, String nodesFolder, Role nodeRole)
            throws IOException {
        if (Files.exists(orgDir)) {
            throw new IOException("organisation folder " + orgDir + " already exists; refusing to overwrite its keys");
        }
        String domain = spec.domain();
        CertificateValidity validity = CertificateValidity.startingNow(CertificateAuthority.DEFAULT_VALIDITY);
        CertificateAuthority root = CertificateAuthority.createRoot(name(domain, "ca." + domain), validity);
        CertificateAuthority tlsRoot = CertificateAuthority.createRoot(name(domain, "tlsca." + domain), validity);
        CertificateAuthority issuer = spec.intermediateCa()
                ? root.createIntermediate(name(domain, "ica." + domain), validity)
                : root;
        OrganizationCas cas = new OrganizationCas(domain, root, spec.intermediateCa() ? issuer : null, tlsRoot);

        writeKey(orgDir.resolve("ca").resolve("priv_sk"), root.privateKey());
        writePem(orgDir.resolve("ca").resolve(cas.rootFile()), Pem.encodeCertificate(root.certificate()));
        if (cas.intermediate() != null) {
            writeKey(orgDir.resolve("ca").resolve("intermediate").resolve("priv_sk"), issuer.privateKey());
            writePem(orgDir.resolve("ca").resolve("intermediate").resolve(cas.intermediateFile()),
                    Pem.encodeCertificate(issuer.certificate()));
        }
        writeKey(orgDir.resolve("tlsca").resolve("priv_sk"), tlsRoot.privateKey());
        writePem(orgDir.resolve("tlsca").resolve(cas.tlsRootFile()), Pem.encodeCertificate(tlsRoot.certificate()));
        writePem(orgDir.resolve("tlsca").resolve("tlsca." + domain + "-crl.pem"), Pem.encodeCrl(tlsRoot.crl()));

        Path orgMsp = orgDir.resolve("msp");
        writeCaFolders(orgMsp, cas);
        writePem(orgMsp.resolve(MspDirectory.CRLS).resolve("ca." + domain + "-crl.pem"), Pem.encodeCrl(root.crl()));
        if (cas.intermediate() != null) {
            writePem(orgMsp.resolve(MspDirectory.CRLS).resolve("ica." + domain + "-crl.pem"), Pem.encodeCrl(issuer.crl()));
        }

        for (OrganizationSpec.NodeSpec node : spec.nodes()) {
            String fullName = node.hostname() + "." + domain;
            Path nodeDir = orgDir.resolve(nodesFolder).resolve(fullName);
            writeSigningMsp(nodeDir.resolve("msp"), cas, fullName, issuer.issueIdentity(fullName, nodeRole, validity));
            IssuedCredential tls = tlsRoot.issueTlsServer(fullName, node.extraSans());
            writeTls(nodeDir.resolve("tls"), tlsRoot, tls, "server");
        }
        List<String> users = new ArrayList<>();
        users.add(CryptoLayout.ADMIN_USER);
        for (int i = 1; i <= spec.userCount(); i++) {
            users.add("User" + i);
        }
        for (String user : users) {
            String fullName = user + "@" + domain;
            Path userDir = orgDir.resolve("users").resolve(fullName);
            Role role = user.equals(CryptoLayout.ADMIN_USER) ? Role.ADMIN : Role.CLIENT;
            writeSigningMsp(userDir.resolve("msp"), cas, fullName, issuer.issueIdentity(fullName, role, validity));
            writeTls(userDir.resolve("tls"), tlsRoot, tlsRoot.issueTlsClient(fullName), "client");
        }
    }

    /** The CAs of one organisation and their file names. */
    private record OrganizationCas(String domain, CertificateAuthority root, CertificateAuthority intermediate,
                                   CertificateAuthority tlsRoot) {
        String rootFile() {
            return "ca." + domain + "-cert.pem";
        }

        String intermediateFile() {
            return "ica." + domain + "-cert.pem";
        }

        String tlsRootFile() {
            return "tlsca." + domain + "-cert.pem";
        }
    }

    private static void writeCaFolders(Path msp, OrganizationCas cas) throws IOException {
        writePem(msp.resolve(MspDirectory.CA_CERTS).resolve(cas.rootFile()), Pem.encodeCertificate(cas.root().certificate()));
        if (cas.intermediate() != null) {
            writePem(msp.resolve(MspDirectory.INTERMEDIATE_CERTS).resolve(cas.intermediateFile()),
                    Pem.encodeCertificate(cas.intermediate().certificate()));
        }
        writePem(msp.resolve(MspDirectory.TLS_CA_CERTS).resolve(cas.tlsRootFile()),
                Pem.encodeCertificate(cas.tlsRoot().certificate()));
        NodeOuConfigFile.write(msp, NodeOuConfigFile.defaults(), MspDirectory.CA_CERTS + "/" + cas.rootFile());
    }

    private static void writeSigningMsp(Path msp, OrganizationCas cas, String fullName, IssuedCredential credential)
            throws IOException {
        writeCaFolders(msp, cas);
        writeKey(msp.resolve(MspDirectory.KEYSTORE).resolve("priv_sk"), credential.privateKey());
        writePem(msp.resolve(MspDirectory.SIGN_CERTS).resolve(fullName + "-cert.pem"),
                Pem.encodeCertificate(credential.certificate()));
    }

    private static void writeTls(Path tls, CertificateAuthority tlsRoot, IssuedCredential credential, String base)
            throws IOException {
        writePem(tls.resolve("ca.crt"), Pem.encodeCertificate(tlsRoot.certificate()));
        writePem(tls.resolve(base + ".crt"), Pem.encodeCertificate(credential.certificate()));
        writeKey(tls.resolve(base + ".key"), credential.privateKey());
    }

    private static X500Name name(String organization, String commonName) {
        return new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.O, organization).addRDN(BCStyle.CN, commonName).build();
    }

    private static void writePem(Path file, String pem) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, pem, StandardCharsets.US_ASCII);
    }

    private static void writeKey(Path file, PrivateKey key) throws IOException {
        Files.createDirectories(file.getParent());
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            Files.deleteIfExists(file);
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        }
        Files.writeString(file, Pem.encodePrivateKey(key), StandardCharsets.US_ASCII);
    }
}
