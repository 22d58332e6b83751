package org.chancery.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Review probes: content files replaced by things that are not regular files. */
class VerifyLinkTamperTest {
    private static final Path FIXTURE = Path.of("src/test/resources/fixtures/congresstweets/2017-07-10.json");
    @TempDir
    Path data;
    Cli cli;

    @BeforeEach
    void importRealTweets(@TempDir Path input) throws IOException {
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        com.fasterxml.jackson.databind.node.ArrayNode all = (com.fasterxml.jackson.databind.node.ArrayNode)
                json.readTree(FIXTURE.toFile());
        com.fasterxml.jackson.databind.node.ArrayNode some = json.createArrayNode();
        for (int i = 0; i < 120; i++) {
            some.add(all.get(i));
        }
        Path day = input.resolve("2017-07-10.json");
        json.writeValue(day.toFile(), some);
        cli = new Cli(data);
        Cli.Result r = cli.run("import", day.toString());
        assertEquals(0, r.exitCode(), r.out() + r.err());
    }

    @Test
    void rawReplacedByDanglingSymlinkIsNamed() throws IOException {
        Path raw = anyContentFile("raw/v1.bin");
        Files.delete(raw);
        Files.createSymbolicLink(raw, raw.resolveSibling("nothing-here"));
        assertProblemNaming("raw/v1.bin");
    }

    @Test
    void recordsReplacedByDanglingSymlinkIsNamed() throws IOException {
        Path records = anyContentFile("records/v1.jsonl");
        Files.delete(records);
        Files.createSymbolicLink(records, records.resolveSibling("nothing-here"));
        assertProblemNaming("records/v1.jsonl");
    }

    @Test
    void recordsReplacedByLinkToDevZeroIsNamedInTime() throws IOException {
        Path records = anyContentFile("records/v1.jsonl");
        Files.delete(records);
        Files.createSymbolicLink(records, Path.of("/dev/zero"));
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> assertProblemNaming("records/v1.jsonl"));
    }

    @Test
    void recordsReplacedByFifoIsNamedInTime() throws Exception {
        Path records = anyContentFile("records/v1.jsonl");
        Files.delete(records);
        assertEquals(0, new ProcessBuilder("mkfifo", records.toString()).start().waitFor());
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> assertProblemNaming("records/v1.jsonl"));
    }

    @Test
    void recordsDeletedAndRawReplacedByDirectoryKeepsOcflJavasFindings() throws IOException {
        Path records = anyContentFile("records/v1.jsonl");
        Path raw = records.getParent().getParent().resolve("raw/v1.bin");
        Files.delete(records);
        Files.delete(raw);
        Files.createDirectories(raw.resolve("x"));
        Files.writeString(raw.resolve("x/y"), "y");
        Cli.Result r = cli.run("verify");
        System.out.println("=== records deleted, raw a directory:\n" + r.out() + r.err());
        assertEquals(Main.FAILED, r.exitCode(), r.out() + r.err());
        List<String> problems = r.out().lines().filter(l -> l.startsWith("PROBLEM")).toList();
        assertTrue(problems.stream().anyMatch(l -> l.contains("records/v1.jsonl")), r.out());
        assertTrue(problems.stream().anyMatch(l -> l.contains("E023")), r.out());
    }

    @Test
    void hugeVersionInventoryIsNamed() throws IOException {
        Path records = anyContentFile("records/v1.jsonl");
        Path v1Inventory = records.getParent().getParent().getParent().resolve("inventory.json");
        try (java.io.RandomAccessFile f = new java.io.RandomAccessFile(v1Inventory.toFile(), "rw")) {
            f.setLength((1L << 31) + 4096); // sparse: just over the largest byte array
        }
        Cli.Result r = cli.run("verify");
        System.out.println("=== huge v1/inventory.json:\n" + r.out() + r.err());
        assertEquals(Main.FAILED, r.exitCode(), r.out() + r.err());
        assertTrue(r.out().contains("Verified") && r.out().contains("E064"), r.out() + r.err());
    }

    private void assertProblemNaming(String item) {
        Cli.Result r = cli.run("verify");
        System.out.println("=== " + item + ":\n" + r.out() + r.err());
        assertEquals(Main.FAILED, r.exitCode(), r.out() + r.err());
        List<String> problems = r.out().lines().filter(l -> l.startsWith("PROBLEM")).toList();
        assertTrue(problems.stream().anyMatch(l -> l.contains(item)),
                "a problem names " + item + ": " + r.out() + r.err());
    }

    private Path anyContentFile(String logical) throws IOException {
        try (Stream<Path> files = Files.walk(data.resolve("store"))) {
            return files.filter(p -> p.toString().endsWith("v1/content/" + logical)).sorted().findFirst().orElseThrow();
        }
    }
}
