package org.chancery.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Damage an archive made by the real import command in each way the issue names, and check that
 * {@code chancery verify} exits 1 and names the damaged item — and that an untouched archive verifies clean.
 */
class VerifyTamperTest {
    private static final int SAMPLE = 120;
    private static final Path FIXTURE = Path.of("src/test/resources/fixtures/congresstweets/2017-07-10.json");

    @TempDir
    Path data;
    Cli cli;

    @BeforeEach
    void importRealTweets(@TempDir Path input) throws IOException {
        // The first 120 real items of the day keep each test to a few seconds.
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        com.fasterxml.jackson.databind.node.ArrayNode all = (com.fasterxml.jackson.databind.node.ArrayNode)
                json.readTree(FIXTURE.toFile());
        com.fasterxml.jackson.databind.node.ArrayNode some = json.createArrayNode();
        for (int i = 0; i < SAMPLE; i++) {
            some.add(all.get(i));
        }
        Path day = input.resolve("2017-07-10.json");
        json.writeValue(day.toFile(), some);
        cli = new Cli(data);
        Cli.Result r = cli.run("import", day.toString());
        assertEquals(0, r.exitCode(), r.out() + r.err());
    }

    @Test
    void untouchedArchiveVerifiesClean() {
        Cli.Result r = cli.run("verify");
        assertEquals(0, r.exitCode(), r.out());
        assertTrue(r.out().contains(SAMPLE + " tweet version(s)") && r.out().contains("no problems"), r.out());
    }

    @Test
    void flippedByteInAContentFileIsNamed() throws IOException {
        Path raw = anyContentFile("raw/v1.bin");
        flipByte(raw, 10);
        assertProblemNaming(objectIdOf(raw));
    }

    @Test
    void deletedContentFileIsNamed() throws IOException {
        Path records = anyContentFile("records/v1.jsonl");
        Files.delete(records);
        assertProblemNaming("records/v1.jsonl");
    }

    @Test
    void inventoryEditedConsistentlyWithItsSidecarIsCaught() throws Exception {
        Path raw = anyContentFile("raw/v1.bin");
        Path objectRoot = raw.getParent().getParent().getParent().getParent();
        // Rewrite the raw file and the inventory's digest for it, then re-seal the sidecar: OCFL fixity passes,
        // but the records lines and the Merkle log still hold the original digests.
        byte[] forged = Files.readAllBytes(raw);
        forged[5] ^= 0x20;
        String oldDigest = sha512(Files.readAllBytes(raw));
        Files.write(raw, forged);
        Path inventory = objectRoot.resolve("inventory.json");
        String json = Files.readString(inventory, StandardCharsets.UTF_8).replace(oldDigest, sha512(forged));
        Files.writeString(inventory, json, StandardCharsets.UTF_8);
        Files.writeString(objectRoot.resolve("inventory.json.sha512"),
                sha512(json.getBytes(StandardCharsets.UTF_8)) + "  inventory.json\n", StandardCharsets.UTF_8);
        Path v1Inventory = objectRoot.resolve("v1/inventory.json");
        if (Files.exists(v1Inventory)) {
            Files.copy(inventory, v1Inventory, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            Files.copy(objectRoot.resolve("inventory.json.sha512"), objectRoot.resolve("v1/inventory.json.sha512"),
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        Cli.Result r = cli.run("verify");
        assertEquals(Main.FAILED, r.exitCode(), r.out());
        assertTrue(r.out().contains("raw/v1.bin"), r.out());
    }

    @Test
    void truncatedLogIsCaught() throws IOException {
        Path entries = data.resolve("ledger/entries.log");
        try (RandomAccessFile f = new RandomAccessFile(entries.toFile(), "rw")) {
            f.setLength(f.length() / 2);
        }
        Cli.Result r = cli.run("verify");
        assertEquals(Main.FAILED, r.exitCode(), r.out() + r.err());
        assertTrue(r.out().contains("PROBLEM") || r.err().contains("ledger"), r.out() + r.err());
    }

    @Test
    void replacedCheckpointSignatureIsCaught() throws IOException {
        Path checkpoints = data.resolve("ledger/checkpoints.log");
        byte[] bytes = Files.readAllBytes(checkpoints);
        String text = new String(bytes, StandardCharsets.ISO_8859_1);
        int sig = text.lastIndexOf(' ') + 5; // inside the base64 signature of the last checkpoint
        bytes[sig] = (byte) (bytes[sig] == 'A' ? 'B' : 'A');
        Files.write(checkpoints, bytes);
        Cli.Result r = cli.run("verify");
        assertEquals(Main.FAILED, r.exitCode(), r.out() + r.err());
        assertTrue(r.out().toLowerCase(java.util.Locale.ROOT).contains("checkpoint"), r.out());
    }

    private void assertProblemNaming(String item) {
        Cli.Result r = cli.run("verify");
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

    /** The OCFL object id, read from the inventory of the object holding {@code contentFile}. */
    private static String objectIdOf(Path contentFile) throws IOException {
        Path inventory = contentFile.getParent().getParent().getParent().getParent().resolve("inventory.json");
        return new com.fasterxml.jackson.databind.ObjectMapper().readTree(inventory.toFile()).get("id").asText();
    }

    private static void flipByte(Path file, long at) throws IOException {
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.seek(at);
            int b = f.read();
            f.seek(at);
            f.write(b ^ 0x01);
        }
    }

    private static String sha512(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-512").digest(bytes));
    }
}
