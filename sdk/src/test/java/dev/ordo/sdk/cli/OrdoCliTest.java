package dev.ordo.sdk.cli;

import static dev.ordo.sdk.cli.CliRun.ordo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ordo.membership.cryptogen.CryptoLayout;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CLI's usage errors, help, exit codes and the commands that need no network. */
class OrdoCliTest {
    @TempDir
    Path dir;

    @Test
    void helpListsCommandsAndExitCodes() {
        CliRun run = ordo("--help");
        assertEquals(0, run.exitCode(), run.toString());
        for (String expected : new String[] {"evaluate", "submit", "events", "crypto", "profile", "Exit codes:",
                "3   a profile or configuration file cannot be used"}) {
            assertTrue(run.out().contains(expected), "missing '" + expected + "' in\n" + run);
        }
        CliRun submitHelp = ordo("submit", "--help");
        assertTrue(submitHelp.out().contains("--endorsing-org=MSPID"), submitHelp.toString());
        assertTrue(submitHelp.out().contains("Example:"), submitHelp.toString());
        assertEquals(0, ordo("events", "blocks", "--help").exitCode());
    }

    @Test
    void noCommandPrintsUsageAndExitsWith2() {
        CliRun run = ordo();
        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("Usage: ordo"), run.toString());
    }

    @Test
    void badFlagsGiveOneClearMessageAndExit2() {
        CliRun unknown = ordo("evaluate", "-p", "x.yaml", "-n", "basic", "--bogus", "ReadAsset");
        assertEquals(2, unknown.exitCode(), unknown.toString());
        assertTrue(unknown.err().startsWith("error: Unknown option: '--bogus'"), unknown.toString());
        assertTrue(unknown.err().contains("Try 'ordo evaluate --help'"), unknown.toString());
        assertTrue(unknown.hasNoStackTrace(), unknown.toString());

        CliRun missing = ordo("submit", "--contract", "basic", "CreateAsset");
        assertEquals(2, missing.exitCode());
        assertTrue(missing.err().contains("Missing required option: '--profile=FILE'"), missing.toString());

        CliRun noFunction = ordo("evaluate", "-p", "x.yaml", "-n", "basic");
        assertEquals(2, noFunction.exitCode());
        assertTrue(noFunction.err().contains("FUNCTION"), noFunction.toString());

        CliRun typo = ordo("sumbit");
        assertEquals(2, typo.exitCode());
        assertTrue(typo.err().contains("Did you mean: ordo submit"), typo.toString());

        CliRun badNumber = ordo("events", "blocks", "-p", "x.yaml", "--start", "ten");
        assertEquals(2, badNumber.exitCode());
        assertTrue(badNumber.err().contains("'ten' is not a long"), badNumber.toString());

        CliRun negative = ordo("events", "chaincode", "-p", "x.yaml", "-n", "basic", "--count", "0");
        assertEquals(2, negative.exitCode());
        assertTrue(negative.err().contains("--count must be 1 or more"), negative.toString());
    }

    @Test
    void missingOrBrokenProfileExitsWith3NamingTheFile() throws IOException {
        Path missing = dir.resolve("missing.yaml");
        CliRun run = ordo("evaluate", "-p", missing.toString(), "-n", "basic", "ReadAsset", "a");
        assertEquals(3, run.exitCode(), run.toString());
        assertTrue(run.err().startsWith("error: " + missing.toAbsolutePath()), run.toString());
        assertTrue(run.err().contains("does not exist"), run.toString());

        Path broken = Files.writeString(dir.resolve("broken.yaml"), "organizations:\n  Org1MSP:\n    peers: 7\n");
        CliRun invalid = ordo("submit", "-p", broken.toString(), "-n", "basic", "CreateAsset");
        assertEquals(3, invalid.exitCode(), invalid.toString());
        assertTrue(invalid.err().contains("organizations.Org1MSP.peers: must be a non-empty list"), invalid.toString());
        assertTrue(invalid.hasNoStackTrace(), invalid.toString());
    }

    @Test
    void cryptoGenerateWritesFabricLayoutAndRefusesToOverwrite() throws IOException {
        Path config = Files.writeString(dir.resolve("crypto-config.yaml"), """
                PeerOrgs:
                  - Name: Org1
                    Domain: org1.example.com
                    Template:
                      Count: 1
                """);
        Path output = dir.resolve("network");
        CliRun run = ordo("crypto", "generate", "--config", config.toString(), "--output", output.toString());
        assertEquals(0, run.exitCode(), run.toString());
        assertTrue(run.out().contains("0 orderer and 1 peer organisations"), run.toString());
        CryptoLayout layout = CryptoLayout.of(output);
        assertTrue(Files.isRegularFile(layout.peer("org1.example.com", "peer0").resolve("tls/server.crt")));
        assertTrue(Files.isRegularFile(layout.peerUser("org1.example.com", "User1").resolve("msp/keystore/priv_sk")));

        CliRun again = ordo("crypto", "generate", "-c", config.toString(), "-O", output.toString());
        assertEquals(1, again.exitCode(), again.toString());
        assertTrue(again.err().contains("already exists"), again.toString());

        Path bad = Files.writeString(dir.resolve("bad-crypto.yaml"), "PeerOrgs:\n  - Name: Org1\n    Domian: x\n");
        CliRun invalid = ordo("crypto", "generate", "-c", bad.toString(), "-O", dir.resolve("other").toString());
        assertEquals(3, invalid.exitCode(), invalid.toString());
        assertTrue(invalid.err().contains("unknown key 'Domian'"), invalid.toString());
    }
}
