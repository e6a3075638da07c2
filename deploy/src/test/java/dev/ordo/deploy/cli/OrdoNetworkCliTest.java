package dev.ordo.deploy.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class OrdoNetworkCliTest {
    @TempDir
    Path dir;

    record Run(int exitCode, String out, String err) {
    }

    private Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine commandLine = OrdoNetworkCli.newCommandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        int code = commandLine.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    private String networkDir() {
        return dir.resolve("net").toString();
    }

    @Test
    void badArgumentsAreUsageErrorsThatNameTheArgument() {
        Run orderers = run("up", "--dir", networkDir(), "--orderers", "0");
        assertEquals(2, orderers.exitCode());
        assertTrue(orderers.err().contains("--orderers must be 1..7, was 0"), orderers.err());

        Run channel = run("up", "--dir", networkDir(), "--channel", "My_Channel");
        assertEquals(2, channel.exitCode());
        assertTrue(channel.err().contains("--channel 'My_Channel' is not a valid channel id"), channel.err());

        Run timeout = run("up", "--dir", networkDir(), "--timeout", "1");
        assertEquals(2, timeout.exitCode());
        assertTrue(timeout.err().contains("--timeout"), timeout.err());

        Run notANumber = run("up", "--orderers", "three");
        assertEquals(2, notANumber.exitCode());
        assertTrue(notANumber.err().contains("three"), notANumber.err());

        Run unknown = run("upp");
        assertEquals(2, unknown.exitCode());
        assertTrue(unknown.err().contains("upp"), unknown.err());

        assertEquals(2, run().exitCode());
        assertFalse(Files.exists(dir.resolve("net")), "nothing is created on bad usage");
    }

    @Test
    void upFailsBeforeCreatingAnythingWhenTheNodeJarsAreMissing() {
        Run up = run("up", "--dir", networkDir(), "--home", dir.resolve("empty-target").toString());
        assertEquals(1, up.exitCode());
        assertTrue(up.err().contains("ordering service's executable jar is missing"), up.err());
        assertFalse(Files.exists(dir.resolve("net")));
    }

    @Test
    void upRefusesANonEmptyDirectoryItDidNotCreate() throws Exception {
        Path home = dir.resolve("home");
        Files.createDirectories(home.resolve("nodes"));
        Files.writeString(home.resolve("nodes/ordering-service.jar"), "jar");
        Path foreign = Files.createDirectories(dir.resolve("precious"));
        Files.writeString(foreign.resolve("thesis.txt"), "do not lose");
        Run up = run("up", "--orderers-only", "--dir", foreign.toString(), "--home", home.toString());
        assertEquals(1, up.exitCode());
        assertTrue(up.err().contains("not created by 'ordo-network up'"), up.err());
        assertTrue(Files.exists(foreign.resolve("thesis.txt")));
    }

    @Test
    void aNodeThatCannotStartFailsUpWithItsLogAndLeavesNoProcess() throws Exception {
        Path home = dir.resolve("home");
        Files.createDirectories(home.resolve("nodes"));
        Files.writeString(home.resolve("nodes/ordering-service.jar"), "not a jar");
        Path net = Files.createDirectories(dir.resolve("net"));
        // What a creation that failed half-way leaves: the marker and some crypto material.
        Files.writeString(net.resolve(".ordo-network"), "marker");
        Files.createDirectories(net.resolve("crypto/organizations/ordererOrganizations/example.com"));

        Run up = run("up", "--orderers-only", "--orderers", "1", "--dir", net.toString(), "--home", home.toString(),
                "--timeout", "60");
        assertEquals(1, up.exitCode(), up.out());
        assertTrue(up.err().contains("orderer0.example.com exited while starting"), up.err());
        assertTrue(up.err().contains("Invalid or corrupt jarfile"), "the log tail is shown: " + up.err());
        assertTrue(Files.isRegularFile(net.resolve("network.yaml")), "the leftovers did not block a new creation");

        Run status = run("status", "--dir", net.toString());
        assertEquals(1, status.exitCode());
        assertTrue(status.out().contains("STOPPED"), status.out());
        Run wipe = run("wipe", "--dir", net.toString());
        assertEquals(0, wipe.exitCode(), wipe.err());
        assertFalse(Files.exists(net));
    }

    @Test
    void statusDownAndWipeOnNoNetwork() throws Exception {
        Run status = run("status", "--dir", networkDir());
        assertEquals(1, status.exitCode());
        assertTrue(status.err().contains("no Ordo network in"), status.err());

        Run down = run("down", "--dir", networkDir());
        assertEquals(0, down.exitCode());
        assertTrue(down.out().contains("nothing to stop"), down.out());

        Run wipe = run("wipe", "--dir", networkDir());
        assertEquals(0, wipe.exitCode());

        Path foreign = Files.createDirectories(dir.resolve("precious"));
        Files.writeString(foreign.resolve("thesis.txt"), "do not lose");
        Run wipeForeign = run("wipe", "--dir", foreign.toString());
        assertEquals(1, wipeForeign.exitCode());
        assertTrue(wipeForeign.err().contains("not deleting it"), wipeForeign.err());
        assertTrue(Files.exists(foreign.resolve("thesis.txt")));
    }
}
