package dev.ordo.bench.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;

class LoadOptionsTest {
    @TempDir
    Path dir;
    private Path profile;

    @BeforeEach
    void profileFile() throws IOException {
        // Options are checked before the profile is read, so its content does not matter here.
        profile = Files.writeString(dir.resolve("network-profile.yaml"), "channel: mychannel\n");
    }

    private record Result(int exitCode, String out, String err) {
    }

    private static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine commandLine = LoadGenerator.newCommandLine();
        commandLine.setOut(new PrintWriter(out));
        commandLine.setErr(new PrintWriter(err));
        int code = commandLine.execute(args);
        return new Result(code, out.toString(), err.toString());
    }

    private Result runWith(String... extra) {
        List<String> args = new ArrayList<>(List.of("--profile", profile.toString()));
        args.addAll(List.of(extra));
        return run(args.toArray(String[]::new));
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = ';', value = {
        "--clients; 0; --clients: must be between 1 and 4096, was 0",
        "--clients; 5000; --clients: must be between 1 and 4096",
        "--clients; many; Invalid value for option '--clients'",
        "--connections; 0; --connections: must be between 1 and the number of clients (8), was 0",
        "--connections; 9; --connections: must be between 1 and the number of clients (8), was 9",
        "--duration; 0s; --duration: must be positive",
        "--duration; 30x; '30x' is not a duration",
        "--duration; -5s; '-5s' is not a duration",
        "--warmup; soon; 'soon' is not a duration",
        "--rate; -1; --rate: must be 0 (as fast as possible) or a positive number",
        "--rate; 0.01; --rate: must be at least 0.1",
        "--rate; NaN; --rate: must be 0",
        "--rate; fast; Invalid value for option '--rate'",
        "--transfer-ratio; 1.5; --transfer-ratio: must be between 0 and 1, was 1.5",
        "--transfer-ratio; -0.1; --transfer-ratio: must be between 0 and 1",
        "--conflict-rate; 2; --conflict-rate: must be between 0 and 1, was 2.0",
        "--hot-assets; 0; --hot-assets: must be between 1 and 1000",
        "--own-assets; 0; --own-assets: must be between 1 and 1000",
        "--channel; MyChannel; --channel: 'MyChannel' is not a valid channel name",
        "--contract; ' '; --contract: must not be empty",
        "--org; Org1MSP,Org1MSP; --org: an organisation is named twice",
        "--label; a|b; --label: must be non-empty text without '|'",
    })
    void outOfRangeValuesExitWithUsageAndNameTheOption(String option, String value, String message) {
        Result result = runWith(option, value);
        assertEquals(LoadGenerator.USAGE, result.exitCode(), result.err());
        assertTrue(result.err().contains(message), "expected '" + message + "' in: " + result.err());
        assertTrue(result.err().contains("Try 'ordo-load --help'"), result.err());
    }

    @Test
    void profileIsRequiredAndMustExist() {
        Result missing = run("--clients", "4");
        assertEquals(LoadGenerator.USAGE, missing.exitCode());
        assertTrue(missing.err().contains("Missing required option: '--profile=PATH'"), missing.err());

        Result absent = run("--profile", dir.resolve("nope.yaml").toString());
        assertEquals(LoadGenerator.USAGE, absent.exitCode());
        assertTrue(absent.err().contains("--profile: no such file: "), absent.err());
    }

    @Test
    void anUnusableProfileIsAUsageError() {
        Result result = runWith("--clients", "2");
        assertEquals(LoadGenerator.USAGE, result.exitCode(), result.err());
        assertTrue(result.err().contains("--profile: "), result.err());
        assertTrue(result.err().contains("network-profile.yaml"), result.err());
    }

    @Test
    void unknownOptionsAreUsageErrorsWithSuggestions() {
        Result result = runWith("--client", "4");
        assertEquals(LoadGenerator.USAGE, result.exitCode());
        assertTrue(result.err().contains("Unknown options: '--client'"), result.err());
        assertTrue(result.err().contains("Possible solutions: --clients"), result.err());
    }

    @Test
    void helpListsTheOptionsAndExitCodes() {
        Result result = run("--help");
        assertEquals(LoadGenerator.OK, result.exitCode());
        for (String text : List.of("--profile", "--org", "--clients", "--rate", "--transfer-ratio", "--conflict-rate",
                "--warmup", "--duration", "--report", "Exit codes:")) {
            assertTrue(result.out().contains(text), text + " missing from help: " + result.out());
        }
    }

    @Test
    void defaultsAndParsedValues() {
        LoadGenerator generator = new LoadGenerator();
        new CommandLine(generator).parseArgs("--profile", profile.toString(), "--org", "Org1MSP,Org2MSP",
                "--duration", "2m", "--warmup", "500ms", "--rate", "150", "--report", "out/run8.json");
        LoadOptions options = generator.options;
        options.validate();
        assertEquals(List.of("Org1MSP", "Org2MSP"), options.organizations());
        assertEquals(Duration.ofMinutes(2), options.duration());
        assertEquals(Duration.ofMillis(500), options.warmup());
        assertEquals(150, options.rate());
        assertEquals(8, options.clients());
        assertEquals(1, options.connections());
        assertEquals(0.5, options.transferRatio());
        assertEquals(0.1, options.conflictRate());
        assertEquals("basic", options.contract());
        assertEquals(Path.of("out/run8"), options.reportBase().orElseThrow());
        assertEquals("8 clients, 150 tx/s", options.runLabel());

        LoadGenerator plain = new LoadGenerator();
        new CommandLine(plain).parseArgs("--profile", profile.toString());
        assertEquals(List.of(LoadOptions.DEFAULT_ORG), plain.options.organizations());
        assertEquals(Duration.ofSeconds(30), plain.options.duration());
        assertEquals(Duration.ofSeconds(5), plain.options.warmup());
        assertTrue(plain.options.channel().isEmpty());
        assertEquals("8 clients, max rate", plain.options.runLabel());
    }

    @Test
    void durationsInEveryForm() {
        DurationConverter converter = new DurationConverter();
        assertEquals(Duration.ofMillis(250), converter.convert("250ms"));
        assertEquals(Duration.ofSeconds(30), converter.convert("30s"));
        assertEquals(Duration.ofSeconds(45), converter.convert("45"));
        assertEquals(Duration.ofMinutes(3), converter.convert("3m"));
        assertEquals(Duration.ofHours(1), converter.convert("1h"));
        assertEquals("30s", DurationConverter.format(Duration.ofSeconds(30)));
        assertEquals("2m", DurationConverter.format(Duration.ofMinutes(2)));
        assertEquals("1500ms", DurationConverter.format(Duration.ofMillis(1500)));
    }
}
