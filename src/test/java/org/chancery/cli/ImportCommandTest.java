package org.chancery.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The import command on a folder mixing good and bad real files: valid records are archived, each bad one is
 * named on stderr and in the report with file, line and field, and the exit code says something was rejected.
 */
class ImportCommandTest {
    private static final Path V2 = Path.of("src/test/resources/fixtures/api-v2");

    @TempDir
    Path data;

    @Test
    void badRecordsAreReportedAndTheGoodOnesArchived(@TempDir Path input) throws IOException {
        Files.copy(V2.resolve("edited.jsonl"), input.resolve("a-edited.jsonl"));
        String good = Files.readString(V2.resolve("quoted_edit.jsonl"), StandardCharsets.UTF_8).strip();
        String bad = good.replaceFirst("\"id\": \"(\\d+)\"", "\"id\": \"12ab\"");
        Files.writeString(input.resolve("b-mixed.jsonl"), "{not json\n" + bad + "\n" + good + "\n", StandardCharsets.UTF_8);
        Files.writeString(input.resolve("c-notes.json"), "{\"hello\": \"world\"}\n", StandardCharsets.UTF_8);

        Cli.Result r = new Cli(data).run("import", input.toString());

        assertEquals(Main.FAILED, r.exitCode(), r.out() + r.err());
        assertTrue(r.err().contains("b-mixed.jsonl: line 1: field (json)"), r.err());
        assertTrue(r.err().contains("b-mixed.jsonl: line 2") && r.err().contains("12ab"), r.err());
        assertTrue(r.err().contains("c-notes.json: whole file: field (format)"), r.err());
        assertTrue(r.out().contains("2 new"), "the valid tweets of both files are archived: " + r.out());
        List<Path> reports;
        try (Stream<Path> files = Files.list(data.resolve("reports"))) {
            reports = files.toList();
        }
        assertEquals(1, reports.size());
        List<String> lines = Files.readAllLines(reports.get(0), StandardCharsets.UTF_8);
        assertEquals(3, lines.size(), String.join("\n", lines));
        assertTrue(r.out().contains("Rejected records are listed in " + reports.get(0)), r.out());
    }

    @Test
    void missingFileIsRejectedByNameAndOthersStillImport() {
        Cli.Result r = new Cli(data).run("import", "no/such/file.json", V2.resolve("edited.jsonl").toString());
        assertEquals(Main.FAILED, r.exitCode());
        assertTrue(r.err().contains("no/such/file.json"), r.err());
        assertTrue(r.out().contains("1 new"), r.out());
    }

    @Test
    void aFolderNamedThroughALinkIsImportedAndAFolderWithoutDataIsRejectedByName(@TempDir Path dir) throws IOException {
        Path real = Files.createDirectories(dir.resolve("harvests"));
        Files.copy(V2.resolve("edited.jsonl"), real.resolve("edited.jsonl"));
        Path link = Files.createSymbolicLink(dir.resolve("latest"), real);
        Path empty = Files.createDirectories(dir.resolve("nothing-here"));
        Files.writeString(empty.resolve("notes.txt"), "not a harvest", StandardCharsets.UTF_8);

        Cli.Result r = new Cli(data).run("import", link.toString(), empty.toString());

        assertTrue(r.out().contains("Imported 1 file(s)") && r.out().contains("1 new"), r.out() + r.err());
        assertTrue(r.err().contains(empty + ": whole folder: field (folder)"), r.err());
        assertEquals(Main.FAILED, r.exitCode(), "something given was not imported");
    }
}
