package org.chancery.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
    private static final Path DAY = Path.of("src/test/resources/fixtures/congresstweets/2017-07-10.json");
    private static final ObjectMapper JSON = new ObjectMapper();

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
    void filesReadAheadAreArchivedAndReportedInTheOrderGiven(@TempDir Path input) throws IOException {
        ArrayNode day = (ArrayNode) JSON.readTree(DAY.toFile());
        ArrayNode shortDay = JSON.createArrayNode();
        for (int i = 0; i < 50; i++) {
            shortDay.add(day.get(i).deepCopy());
        }
        ((ObjectNode) shortDay.get(1)).put("time", "last Tuesday");
        Files.write(input.resolve("a-day.json"), JSON.writeValueAsBytes(shortDay));
        Files.writeString(input.resolve("b-broken.zip"), "not a zip file", StandardCharsets.UTF_8);
        Files.copy(V2.resolve("edited.jsonl"), input.resolve("c-edited.jsonl"));
        Files.writeString(input.resolve("d-empty.json"), "", StandardCharsets.UTF_8);
        Files.writeString(input.resolve("e-notes.json"), "{\"hello\": \"world\"}\n", StandardCharsets.UTF_8);
        String quoted = Files.readString(V2.resolve("quoted_edit.jsonl"), StandardCharsets.UTF_8).strip();
        Files.writeString(input.resolve("f-mixed.jsonl"), "{not json\n" + quoted + "\n", StandardCharsets.UTF_8);

        Cli.Result r = new Cli(data).run("import", input.toString(), "no/such/file.json");

        assertEquals(Main.FAILED, r.exitCode(), r.out() + r.err());
        List<String> expected = List.of(
                input.resolve("a-day.json") + ": item 1: field time",
                input.resolve("b-broken.zip") + ": whole file: field (file): could not be read",
                input.resolve("e-notes.json") + ": whole file: field (format)",
                input.resolve("f-mixed.jsonl") + ": line 1: field (json)",
                "no/such/file.json: whole file: field (file): no such file or folder");
        List<String> report;
        try (Stream<Path> files = Files.list(data.resolve("reports"))) {
            report = Files.readAllLines(files.toList().get(0), StandardCharsets.UTF_8);
        }
        assertEquals(expected.size(), report.size(), String.join("\n", report));
        for (int i = 0; i < expected.size(); i++) {
            assertTrue(report.get(i).startsWith(expected.get(i)), "report line " + i + ": " + report.get(i));
        }
        List<String> err = r.err().lines().toList();
        int empty = err.indexOf("chancery: " + input.resolve("d-empty.json") + ": empty, nothing to import");
        assertTrue(empty > 0, r.err());
        assertTrue(err.get(empty - 1).startsWith("rejected: " + expected.get(1)), r.err());
        assertTrue(err.get(empty + 1).startsWith("rejected: " + expected.get(2)), r.err());
        // The two bad records are read and rejected; the whole-file rejections are not records read.
        int newTweets = 49 + JSON.readTree(V2.resolve("edited.jsonl").toFile()).get("data").size()
                + JSON.readTree(quoted).get("data").size();
        assertTrue(r.out().contains("Imported 3 file(s): " + (newTweets + 2) + " record(s) read, " + newTweets
                + " new,"), r.out());
        // The summary adds up: the records read are new or rejected here; the other rejections are whole files.
        long wholeFiles = report.size() - 2;
        assertTrue(r.out().contains(" already archived, 2 rejected; " + wholeFiles + " file(s) or folder(s) not read."),
                r.out());
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
