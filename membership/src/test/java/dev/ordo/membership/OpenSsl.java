package dev.ordo.membership;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the system's OpenSSL, so tests check that stock tools accept what Ordo writes. */
public final class OpenSsl {
    public static final Path BINARY = Path.of("/usr/bin/openssl");

    /** Exit code and combined output of one run. */
    public record Result(int exitCode, String output) {
    }

    private OpenSsl() {
    }

    /** Fails the test (not skips it) when OpenSSL is missing: CI machines have it. */
    public static void requireInstalled() {
        if (!Files.isExecutable(BINARY)) {
            fail("OpenSSL is required for this test but " + BINARY + " is missing; install the openssl package");
        }
    }

    public static Result run(String... args) throws IOException, InterruptedException {
        requireInstalled();
        List<String> command = new ArrayList<>();
        command.add(BINARY.toString());
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                fail("openssl " + String.join(" ", args) + " did not finish in 30 s");
            }
            return new Result(process.exitValue(), output);
        } finally {
            process.destroyForcibly();
        }
    }
}
