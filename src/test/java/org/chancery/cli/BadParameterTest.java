package org.chancery.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A bad option value is a usage error (exit 2) whose message names the option, whether picocli or the command
 * finds it; a refused value changes nothing.
 */
class BadParameterTest {
    private static final Path DAY = Path.of("src/test/resources/fixtures/congresstweets/2017-07-10.json");

    @TempDir
    static Path data;
    static Cli cli;

    @BeforeAll
    static void importDay() {
        cli = new Cli(data);
        Cli.Result r = cli.run("import", DAY.toString());
        assertEquals(0, r.exitCode(), r.err());
    }

    private static void assertUsageError(String option, String... args) {
        Cli.Result r = cli.run(args);
        assertEquals(Main.USAGE, r.exitCode(), String.join(" ", args) + ": " + r.err());
        assertTrue(r.err().contains(option), "the message names " + option + ": " + r.err());
    }

    @Test
    void coverageOfSomethingThatCannotBeAHandleIsAUsageError() {
        assertUsageError("HANDLE", "coverage", "a b");
        assertUsageError("HANDLE", "coverage", "from:x");
        assertUsageError("HANDLE", "coverage", "@");
        assertEquals(0, cli.run("coverage", "@JeffFlake").exitCode());
    }

    @Test
    void searchLimitOutOfRangeIsAUsageError() {
        assertUsageError("--limit", "search", "healthcare", "--limit", "0");
        assertUsageError("--limit", "search", "healthcare", "--limit", "10001");
    }

    @Test
    void searchCursorNotIssuedByTheArchiveIsAUsageError() {
        assertUsageError("--cursor", "search", "healthcare", "--cursor", "xyz");
    }

    @Test
    void unknownImportFormatIsAUsageError() {
        assertUsageError("--format", "import", "--format", "bogus", DAY.toString());
    }

    @Test
    void holdWithAMalformedQueryIsAUsageErrorAndPlacesNoHold() {
        assertUsageError("--query", "holds", "create", "--id", "H-9", "--reason", "r", "--by", "ann",
                "--query", "foo:bar");
        assertTrue(cli.run("holds", "list").out().startsWith("0 hold(s)"), "no hold was placed");
    }

    @Test
    void verifyExportWithAMalformedKeyIsAUsageError() throws IOException {
        Path bag = data.resolveSibling(data.getFileName() + "-bag");
        Cli.Result exported = cli.run("export", "from:JeffFlake", "--out", bag.toString(), "--by", "test");
        assertEquals(0, exported.exitCode(), exported.err());
        assertUsageError("--key", "verify-export", bag.toString(), "--key", "garbage");
        assertUsageError("--key", "verify-export", bag.toString(), "--key", "chancery+0000+AAAA");
        String key = Files.readString(bag.resolve("proofs/public-key.txt"), StandardCharsets.UTF_8).strip();
        assertEquals(0, cli.run("verify-export", bag.toString(), "--key", key).exitCode(), "a good key still works");
    }

    @Test
    void tokenThatWouldBeBornExpiredIsRefused() throws IOException {
        for (String d : new String[] {"P0D", "PT0S", "-P1D", "PT-12H"}) {
            assertUsageError("--expires-in", "tokens", "create", "--role", "staff", "--name", "t" + d.length(),
                    "--expires-in", d);
        }
        assertFalse(Files.exists(data.resolve("tokens/tokens.json")), "no token was created");
        Cli.Result ok = cli.run("tokens", "create", "--role", "staff", "--name", "day", "--expires-in", "P1D");
        assertEquals(0, ok.exitCode(), ok.err());
        JsonNode entry = new ObjectMapper().readTree(data.resolve("tokens/tokens.json").toFile()).path("tokens").get(0);
        assertEquals("2026-12-02T12:00:00Z", entry.path("expiresAt").asText(), "a day after the test clock");
    }

    @Test
    void sortAndMalformedQueryStayUsageErrors() {
        assertUsageError("--sort", "search", "healthcare", "--sort", "foo");
        assertEquals(Main.USAGE, cli.run("search", "healthcare frm:x").exitCode());
    }
}
