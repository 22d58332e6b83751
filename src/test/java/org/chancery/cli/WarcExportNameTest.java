package org.chancery.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.netpreserve.jwarc.WarcReader;
import org.netpreserve.jwarc.WarcRecord;
import org.netpreserve.jwarc.WarcResource;

/**
 * {@code chancery export --format warc}: the file's content matches its name, plain WARC for {@code .warc} and
 * per-record gzip for {@code .warc.gz} (the name the API's downloads get), and jwarc reads every tweet back from both.
 */
class WarcExportNameTest {
    private static final int ITEMS = 20;

    @TempDir
    static Path dir;
    static Cli cli;
    static Set<String> ids = new TreeSet<>();

    @BeforeAll
    static void importSome() throws IOException {
        Path day = RetentionFixtures.firstItems(Files.createDirectories(dir.resolve("in")), ITEMS);
        for (JsonNode item : RetentionFixtures.items(day)) {
            ids.add(item.path("id").asText());
        }
        cli = new Cli(dir.resolve("data"));
        assertEquals(0, cli.run("import", day.toString()).exitCode());
    }

    private static Path export(String name) {
        Path out = dir.resolve(name);
        Cli.Result r = cli.run("export", "since:2017-01-01", "--format", "warc", "--out", out.toString(), "--by", "Ada");
        assertEquals(0, r.exitCode(), r.err());
        return out;
    }

    private static boolean gzipMagic(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] head = in.readNBytes(2);
            return head.length == 2 && (head[0] & 0xff) == 0x1f && (head[1] & 0xff) == 0x8b;
        }
    }

    private static Set<String> resourceIds(Path file) throws IOException {
        Set<String> found = new TreeSet<>();
        try (WarcReader reader = new WarcReader(file)) {
            for (WarcRecord record : reader) {
                if (record instanceof WarcResource res) {
                    JsonNode body = RetentionFixtures.JSON.readTree(res.body().stream().readAllBytes());
                    found.add(body.path("id").asText());
                }
            }
        }
        return found;
    }

    @Test
    void aDotWarcNameGetsPlainWarcThatJwarcReads() throws IOException {
        Path warc = export("out.warc");
        assertTrue(!gzipMagic(warc), "out.warc must not be gzip");
        byte[] head = Files.readAllBytes(warc);
        assertEquals("WARC/1.1\r\n", new String(head, 0, 10, StandardCharsets.US_ASCII));
        assertEquals(ids, resourceIds(warc));
    }

    @Test
    void aDotWarcGzNameGetsGzipThatJwarcReads() throws IOException {
        Path warc = export("export-job.warc.gz");
        assertTrue(gzipMagic(warc), "export-job.warc.gz must be gzip");
        assertEquals(ids, resourceIds(warc));
    }
}
