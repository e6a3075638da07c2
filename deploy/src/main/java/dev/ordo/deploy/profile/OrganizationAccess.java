package dev.ordo.deploy.profile;

import dev.ordo.deploy.network.NetworkDirectory;
import dev.ordo.deploy.process.NodeConfigWriter;
import dev.ordo.deploy.topology.NetworkNode;
import java.nio.file.Path;

/**
 * What a Fabric application of one organisation needs to connect: the gateway peer's endpoint
 * and TLS CA, the MSP id, and a user's certificate and private key (plus its TLS client pair).
 */
public record OrganizationAccess(String mspId, String peerName, String endpoint, Path tlsCaCertificate,
        Path userMspDir, Path certificate, Path privateKey, Path clientTlsCertificate, Path clientTlsKey) {
    public static final String USER = "User1";

    /** The access of {@code peer}'s organisation through its {@value #USER}. */
    public static OrganizationAccess of(NetworkDirectory directory, NetworkNode peer) {
        Path user = directory.crypto().peerUser(peer.domain(), USER);
        Path msp = user.resolve("msp");
        String userName = USER + "@" + peer.domain();
        return new OrganizationAccess(peer.mspId(), peer.name(), peer.grpcAddress(),
                NodeConfigWriter.tlsCaCertificate(directory, peer.domain(), true), msp,
                msp.resolve("signcerts").resolve(userName + "-cert.pem"), msp.resolve("keystore").resolve("priv_sk"),
                user.resolve("tls").resolve("client.crt"), user.resolve("tls").resolve("client.key"));
    }
}
