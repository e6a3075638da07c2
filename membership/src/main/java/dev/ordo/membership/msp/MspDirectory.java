package dev.ordo.membership.msp;

import com.google.protobuf.ByteString;
import dev.ordo.membership.crypto.EcKeys;
import dev.ordo.membership.crypto.Pem;
import dev.ordo.membership.crypto.PemException;
import dev.ordo.membership.identity.Identity;
import dev.ordo.membership.identity.Role;
import dev.ordo.membership.identity.SigningIdentity;
import dev.ordo.proto.v1.Organization;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Reads Fabric's MSP folder layout:
 *
 * <pre>
 *   cacerts/             root CA certificates (PEM)
 *   intermediatecerts/   intermediate CA certificates (optional)
 *   crls/                CRLs (optional)
 *   tlscacerts/          TLS root CA certificates
 *   signcerts/           the identity's certificate (signing MSPs only)
 *   keystore/            its private key: priv_sk or *_sk, PKCS#8 or SEC1 PEM
 *   config.yaml          NodeOUs
 * </pre>
 *
 * A signing identity's role is read from its certificate's OU with the folder's NodeOUs
 * (defaults if there is no {@code config.yaml}). Every error is an {@link IOException} that
 * names the file and the problem.
 */
public final class MspDirectory {
    public static final String CA_CERTS = "cacerts";
    public static final String INTERMEDIATE_CERTS = "intermediatecerts";
    public static final String CRLS = "crls";
    public static final String TLS_CA_CERTS = "tlscacerts";
    public static final String SIGN_CERTS = "signcerts";
    public static final String KEYSTORE = "keystore";

    private MspDirectory() {
    }

    /** The signing identity of an MSP folder ({@code signcerts/} + {@code keystore/}). */
    public static SigningIdentity loadSigningIdentity(Path mspDir, String mspId) throws IOException {
        List<Path> signcerts = files(mspDir.resolve(SIGN_CERTS));
        if (signcerts.size() != 1) {
            throw new IOException(mspDir.resolve(SIGN_CERTS) + ": expected exactly one certificate file, found "
                    + signcerts.size());
        }
        X509Certificate certificate;
        try {
            certificate = Pem.decodeCertificate(Files.readAllBytes(signcerts.get(0)));
        } catch (PemException e) {
            throw new IOException(signcerts.get(0) + ": " + e.getMessage(), e);
        }
        PrivateKey key = matchingKey(mspDir.resolve(KEYSTORE), certificate);
        NodeOuRoles roles;
        try {
            roles = NodeOuRoles.of(NodeOuConfigFile.read(mspDir));
        } catch (MspConfigurationException e) {
            throw new IOException(mspDir.resolve(NodeOuConfigFile.FILE_NAME) + ": " + e.getMessage(), e);
        }
        Optional<Role> role = roles.roleOf(certificate);
        if (role.isEmpty()) {
            throw new IOException(signcerts.get(0) + ": " + roles.whyNoRole(certificate));
        }
        try {
            return SigningIdentity.of(new Identity(mspId, certificate, role.get()), key);
        } catch (IllegalArgumentException e) {
            throw new IOException(mspDir + ": " + e.getMessage(), e);
        }
    }

    /** An organisation definition from an MSP folder (no policies: the defaults apply). */
    public static Organization loadOrganization(Path mspDir, String mspId) throws IOException {
        if (!Files.isDirectory(mspDir)) {
            throw new IOException("MSP folder " + mspDir + " does not exist");
        }
        List<ByteString> roots = certificates(mspDir.resolve(CA_CERTS));
        if (roots.isEmpty()) {
            throw new IOException(mspDir.resolve(CA_CERTS) + ": no root CA certificate");
        }
        List<ByteString> crls = new ArrayList<>();
        for (Path file : files(mspDir.resolve(CRLS))) {
            try {
                crls.add(ByteString.copyFromUtf8(Pem.encodeCrl(Pem.decodeCrl(Files.readAllBytes(file)))));
            } catch (PemException e) {
                throw new IOException(file + ": " + e.getMessage(), e);
            }
        }
        return Organization.newBuilder()
                .setMspId(mspId)
                .addAllRootCerts(roots)
                .addAllIntermediateCerts(certificates(mspDir.resolve(INTERMEDIATE_CERTS)))
                .addAllCrls(crls)
                .addAllTlsRootCerts(certificates(mspDir.resolve(TLS_CA_CERTS)))
                .setNodeOus(NodeOuConfigFile.read(mspDir))
                .build();
    }

    private static PrivateKey matchingKey(Path keystore, X509Certificate certificate) throws IOException {
        List<Path> candidates = new ArrayList<>();
        for (Path file : files(keystore)) {
            String name = file.getFileName().toString();
            if (name.equals("priv_sk") || name.endsWith("_sk")) {
                candidates.add(0, file);
            } else {
                candidates.add(file);
            }
        }
        if (candidates.isEmpty()) {
            throw new IOException(keystore + ": no private key file");
        }
        List<String> problems = new ArrayList<>();
        for (Path file : candidates) {
            try {
                PrivateKey key = Pem.decodePrivateKey(Files.readAllBytes(file));
                if (EcKeys.matches(key, certificate.getPublicKey())) {
                    return key;
                }
                problems.add(file.getFileName() + ": does not match the certificate");
            } catch (PemException | IllegalArgumentException e) {
                problems.add(file.getFileName() + ": " + e.getMessage());
            }
        }
        throw new IOException(keystore + ": no key for " + certificate.getSubjectX500Principal().getName() + " "
                + problems);
    }

    /** Every certificate in every file of a folder, one PEM each; a missing folder is empty. */
    private static List<ByteString> certificates(Path dir) throws IOException {
        List<ByteString> out = new ArrayList<>();
        for (Path file : files(dir)) {
            try {
                for (X509Certificate certificate : Pem.decodeCertificates(Files.readAllBytes(file))) {
                    out.add(ByteString.copyFromUtf8(Pem.encodeCertificate(certificate)));
                }
            } catch (PemException e) {
                throw new IOException(file + ": " + e.getMessage(), e);
            }
        }
        return out;
    }

    /** Regular, non-hidden files of a folder by name; a missing folder has none. */
    private static List<Path> files(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.filter(Files::isRegularFile)
                    .filter(p -> !p.getFileName().toString().startsWith("."))
                    .sorted()
                    .toList();
        }
    }
}
