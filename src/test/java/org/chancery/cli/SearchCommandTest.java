package org.chancery.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Search through the real CLI on a real day imported by the real import command: counts agree with a scan of
 * the file, a tweet is searchable right after import, malformed queries are usage errors with a position,
 * and deleting the index then running {@code reindex} gives identical answers.
 */
class SearchCommandTest {
    private static final Path DAY = Path.of("src/test/resources/fixtures/congresstweets/2017-07-10.json");
    private static final List<String> QUERIES = List.of("from:JeffFlake", "#trumpcare", "@POTUS",
            "\"health care\"", "since:2017-07-10 until:2017-07-10", "is:retweet", "is:quote AND #trumpcare",
            "healthcare OR medicaid", "senat*", "NOT is:retweet from:SenateDems");

    @TempDir
    static Path data;
    static Cli cli;

    @BeforeAll
    static void importDay() {
        cli = new Cli(data);
        Cli.Result r = cli.run("import", DAY.toString());
        assertEquals(0, r.exitCode(), r.err());
    }

    @Test
    void countsMatchAScanOfTheFile() throws IOException {
        JsonNode items = new ObjectMapper().readTree(DAY.toFile());
        long flake = 0;
        long retweets = 0;
        for (JsonNode item : items) {
            flake += item.get("screen_name").asText().equalsIgnoreCase("JeffFlake") ? 1 : 0;
            retweets += item.get("text").asText().startsWith("RT @") ? 1 : 0;
        }
        assertEquals(String.valueOf(flake), cli.run("search", "from:JeffFlake", "--count").out().strip());
        assertEquals(String.valueOf(items.size()), cli.run("search", "since:2017-07-01", "--count").out().strip());
        assertTrue(retweets > 0);
        long counted = Long.parseLong(cli.run("search", "is:retweet", "--count").out().strip());
        assertTrue(counted <= retweets && counted > retweets * 9 / 10,
                "RT convention recovered for most retweets: " + counted + " of " + retweets);
    }

    @Test
    void jsonHitsCarryIdHandleTimeTextAndHighlight() throws IOException {
        Cli.Result r = cli.run("search", "healthcare", "--json", "--limit", "5", "--sort", "date");
        assertEquals(0, r.exitCode(), r.err());
        List<String> lines = r.out().lines().toList();
        assertEquals(5, lines.size());
        JsonNode hit = new ObjectMapper().readTree(lines.get(0));
        for (String field : List.of("id", "handle", "createdAt", "text", "highlight")) {
            assertTrue(hit.has(field), field + " in " + hit);
        }
        String highlight = hit.get("highlight").asText();
        assertFalse(highlight.contains("<mark>") || highlight.contains("&#"), "plain text: " + hit);
        JsonNode marks = hit.get("marks");
        assertTrue(marks.size() > 0, hit.toString());
        for (JsonNode m : marks) {
            String matched = codePoints(highlight, m.get(0).asInt(), m.get(1).asInt());
            assertTrue(matched.toLowerCase(java.util.Locale.ROOT).startsWith("healthcare"), matched + " in " + hit);
        }
        assertTrue(r.err().contains("Next page: --cursor "), "the cursor goes to stderr in --json mode");
    }

    @Test
    void malformedQueryIsAUsageErrorPointingAtThePosition() {
        Cli.Result r = cli.run("search", "healthcare frm:x");
        assertEquals(Main.USAGE, r.exitCode());
        assertTrue(r.err().contains("position 11"), r.err());
        assertTrue(r.err().contains("\n             ^"), "caret under position 11: " + r.err());
    }

    @Test
    void deletingTheIndexAndReindexingGivesIdenticalResults() throws IOException {
        Map<String, String> before = answers();
        try (Stream<Path> files = Files.walk(data.resolve("index"))) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
        Cli.Result r = cli.run("reindex");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("Reindexed 1684 tweet version(s)"), r.out());
        assertEquals(before, answers());
    }

    private Map<String, String> answers() {
        Map<String, String> out = new LinkedHashMap<>();
        for (String q : QUERIES) {
            out.put(q, cli.run("search", q, "--json", "--limit", "50", "--sort", "date").out());
        }
        return out;
    }

    private static String codePoints(String text, int start, int end) {
        return text.substring(text.offsetByCodePoints(0, start), text.offsetByCodePoints(0, end));
    }

    /** The fixture's text of the tweet with this id, read independently of the importer. */
    private static String fixtureText(String id) throws IOException {
        for (JsonNode item : new ObjectMapper().readTree(DAY.toFile())) {
            if (item.get("id").asText().equals(id)) {
                return item.get("text").asText();
            }
        }
        throw new AssertionError("no tweet " + id + " in " + DAY);
    }

    @Test
    void textOutputShowsTheSnippetAsReadableTextNotHtml() throws IOException {
        Cli.Result r = cli.run("search", "\"spin or ignore\"");
        assertEquals(0, r.exitCode(), r.err());
        List<String> lines = r.out().lines().toList();
        assertEquals("1 tweet(s) match.", lines.get(0), r.out());
        String id = lines.get(1).split("\\s+")[2];
        String shown = lines.get(2).strip();
        assertFalse(shown.contains("&#") || shown.contains("<mark>"), shown);
        String original = fixtureText(id);
        assertTrue(original.contains("Can't spin or ignore"), original);
        assertTrue(shown.contains("Can't spin or ignore"), shown);
        assertTrue(original.replace('\n', ' ').contains(shown.replace("… ", "").strip()),
                "the snippet is the tweet's own text: " + shown + " / " + original);
    }

    @Test
    void terminalOutputMarksMatchesInBoldOnly() {
        java.io.StringWriter out = new java.io.StringWriter();
        int code = Main.run(new CliContext(java.time.Clock.systemUTC(), Map.of(), new java.io.PrintWriter(out),
                new java.io.PrintWriter(new java.io.StringWriter()), true),
                "--data", data.toString(), "search", "spin ignore");
        assertEquals(0, code);
        String shown = out.toString().lines().toList().get(2);
        assertTrue(shown.contains("Can't \u001b[1mspin\u001b[0m or \u001b[1mignore\u001b[0m this"), shown);
        assertFalse(shown.contains("&#") || shown.contains("<mark>"), shown);
    }
}
