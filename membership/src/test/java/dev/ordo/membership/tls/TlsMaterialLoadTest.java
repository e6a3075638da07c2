package dev.ordo.membership.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ordo.membership.cryptogen.CryptoLayout;
import dev.ordo.membership.cryptogen.CryptoMaterialGenerator;
import dev.ordo.membership.cryptogen.NetworkSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TlsMaterialLoadTest {
    @TempDir
    Path dir;

    @Test
    void extraCaFilesAreTrustedBesideTheNodesOwnCa() throws IOException {
        CryptoMaterialGenerator.generate(NetworkSpec.sample(1, 2, 1), dir);
        CryptoLayout layout = CryptoLayout.of(dir);
        Path peerTls = layout.peer("org1.example.com", "peer0").resolve("tls");
        Path otherCa = layout.peer("org2.example.com", "peer0").resolve("tls").resolve("ca.crt");

        TlsMaterial own = TlsMaterial.load(peerTls);
        TlsMaterial widened = TlsMaterial.load(peerTls, List.of(otherCa));

        assertEquals(own.trustedRoots().size() + 1, widened.trustedRoots().size());
        assertTrue(widened.trustedRoots().containsAll(own.trustedRoots()));
        assertEquals(own.certificate(), widened.certificate());
    }

    @Test
    void aMissingOrEmptyCaFileIsNamedInTheError() throws IOException {
        CryptoMaterialGenerator.generate(NetworkSpec.sample(1, 1, 1), dir);
        Path peerTls = CryptoLayout.of(dir).peer("org1.example.com", "peer0").resolve("tls");
        Path missing = dir.resolve("nowhere.pem");
        Path empty = Files.writeString(dir.resolve("empty.pem"), "");

        IOException noFile = assertThrows(IOException.class, () -> TlsMaterial.load(peerTls, List.of(missing)));
        assertTrue(noFile.getMessage().contains("nowhere.pem"), noFile.getMessage());
        IOException noCert = assertThrows(IOException.class, () -> TlsMaterial.load(peerTls, List.of(empty)));
        assertTrue(noCert.getMessage().contains("empty.pem"), noCert.getMessage());
    }
}
