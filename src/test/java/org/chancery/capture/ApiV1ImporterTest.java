package org.chancery.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.chancery.record.Capture;
import org.chancery.record.ReferenceType;
import org.chancery.record.SourceFormat;
import org.chancery.record.Tweet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ApiV1ImporterTest {
    private static final Instant IMPORT_TIME = Instant.parse("2025-01-02T03:04:05Z");

    @TempDir
    Path tmp;

    private final ApiV1Importer importer = new ApiV1Importer(Clock.fixed(IMPORT_TIME, ZoneOffset.UTC));

    private CollectingSink read(Path file) throws IOException {
        CollectingSink sink = new CollectingSink();
        importer.read(file, file.getFileName().toString(), sink);
        return sink;
    }

    /**
     * Reads a single-status fixture, checks it field by field and returns its record. A one-line file reads as
     * JSONL with one line ("line 1"); a pretty-printed one as a document ("whole file").
     */
    private Tweet readSingle(String name, String locator) throws IOException {
        Path file = Fixtures.path("api-v1.1/" + name, tmp);
        byte[] bytes = Fixtures.bytes(file);
        CollectingSink sink = read(file);
        assertEquals(List.of(), sink.rejected);
        assertEquals(1, sink.accepted.size());
        Capture c = sink.accepted.get(0);
        JsonNode status = Fixtures.tree(bytes);
        Fixtures.assertExactSlice(bytes, status, c.raw());
        V1Expectations.assertMatches(status, c.tweet());
        assertEquals(List.of(), c.context());
        assertEquals(locator, c.tweet().provenance().locator());
        assertEquals(SourceFormat.API_V1, c.tweet().provenance().format());
        assertEquals(IMPORT_TIME, c.tweet().provenance().capturedAt());
        return c.tweet();
    }

    /** Checks the accepted statuses of a JSONL file against its status lines in order; returns the count of status lines. */
    private static int assertJsonlMatches(byte[] file, List<Capture> accepted) {
        String[] lines = new String(file, StandardCharsets.UTF_8).split("\n");
        int next = 0;
        for (int n = 0; n < lines.length; n++) {
            if (lines[n].isBlank()) {
                continue;
            }
            JsonNode s = Fixtures.tree(lines[n].getBytes(StandardCharsets.UTF_8));
            if (!s.has("created_at")) {
                continue;
            }
            Capture c = accepted.get(next++);
            Fixtures.assertExactSlice(file, s, c.raw());
            V1Expectations.assertMatches(s, c.tweet());
            assertEquals("line " + (n + 1), c.tweet().provenance().locator());
        }
        assertEquals(next, accepted.size());
        return next;
    }

    @Test
    void takesTheFullTextOfAnExtendedModeStatusAndItsMedia() throws IOException {
        Tweet t = readSingle("3.2_extended_tweet_in_extended_mode.json", "line 1");
        assertTrue(t.text().length() > 140, "full_text is longer than the old limit");
        assertEquals(1, t.media().size());
        assertEquals(1024, t.media().get(0).height());
    }

    @Test
    void embedsTheQuotedStatus() throws IOException {
        Tweet t = readSingle("models_status_quoted_tweet.json", "line 1");
        assertEquals("849412806835351552", t.findReference(ReferenceType.QUOTED).orElseThrow().id());
        assertNotNull(t.findReference(ReferenceType.QUOTED).orElseThrow().embedded());
    }

    @Test
    void mapsPlaceAndStripsTheSourceLink() throws IOException {
        Tweet t = readSingle("get_status_with_place.json", "whole file");
        assertEquals("1d9a5370a355ab0c", t.place().id());
        assertEquals("Chicago, IL", t.place().fullName());
        assertEquals("US", t.place().countryCode());
        assertNull(t.place().longitude());
        assertEquals("Twitter for iPhone", t.sourceClient());
    }

    @Test
    void keepsMediaAltText() throws IOException {
        Tweet t = readSingle("get_status_ext_alt.json", "line 1");
        assertTrue(t.media().stream().anyMatch(m -> m.altText() != null));
    }

    @Test
    void readsEveryStatusOfATimelineArray() throws IOException {
        Path file = Fixtures.path("api-v1.1/get_user_timeline_count.json.gz", tmp);
        byte[] bytes = Fixtures.bytes(file);
        JsonNode array = Fixtures.tree(bytes);
        CollectingSink sink = read(file);

        assertEquals(List.of(), sink.rejected);
        assertEquals(63, sink.accepted.size());
        for (int i = 0; i < 63; i++) {
            Capture c = sink.accepted.get(i);
            Fixtures.assertExactSlice(bytes, array.get(i), c.raw());
            V1Expectations.assertMatches(array.get(i), c.tweet());
            assertEquals("[" + i + "]", c.tweet().provenance().locator());
        }
    }

    @Test
    void readsTheStatusesOfASearchResponse() throws IOException {
        Path file = Fixtures.path("api-v1.1/get_search_raw.json.gz", tmp);
        byte[] bytes = Fixtures.bytes(file);
        JsonNode statuses = Fixtures.tree(bytes).get("statuses");
        CollectingSink sink = read(file);

        assertEquals(List.of(), sink.rejected);
        assertEquals(100, sink.accepted.size());
        for (int i = 0; i < 100; i++) {
            Fixtures.assertExactSlice(bytes, statuses.get(i), sink.accepted.get(i).raw());
            V1Expectations.assertMatches(statuses.get(i), sink.accepted.get(i).tweet());
            // The file is one line, so it reads as JSONL.
            assertEquals("line 1, statuses[" + i + "]", sink.accepted.get(i).tweet().provenance().locator());
        }
        assertTrue(sink.accepted.stream().anyMatch(c -> c.tweet().kind().equals("retweet")));
    }

    @Test
    void readsStreamingLinesWithExtendedTweets() throws IOException {
        Path file = Fixtures.path("api-v1.1/streaming_lines.json.gz", tmp);
        byte[] bytes = Fixtures.bytes(file);
        CollectingSink sink = read(file);

        assertEquals(List.of(), sink.rejected);
        assertEquals(72, assertJsonlMatches(bytes, sink.accepted));
    }

    @Test
    void readsGnipOriginalFormatLines() throws IOException {
        Path file = Fixtures.path("api-v1.1/original_format_examples.json.gz", tmp);
        byte[] bytes = Fixtures.bytes(file);
        CollectingSink sink = read(file);

        assertEquals(List.of(), sink.rejected);
        assertEquals(25, assertJsonlMatches(bytes, sink.accepted));
        assertTrue(sink.accepted.stream().anyMatch(c -> c.tweet().place() != null && c.tweet().place().latitude() != null));
    }

    @Test
    void rejectsActivityStreamsLinesAsUnsupported() throws IOException {
        CollectingSink sink = read(Fixtures.path("api-v1.1/activity_streams_examples.json.gz", tmp));

        assertEquals(List.of(), sink.accepted);
        assertEquals(25, sink.rejected.size());
        Rejection r = sink.rejected.get(0);
        assertEquals("line 1", r.locator());
        assertEquals("(format)", r.field());
        assertTrue(r.problem().startsWith("is a Gnip Activity Streams activity; that format is not supported yet"), r.problem());
    }

    @Test
    void skipsStreamingNoticesAndRejectsBadStatusesWhileAcceptingTheRest() throws IOException {
        String good = Files.readString(Fixtures.path("api-v1.1/3.2_extended_tweet_in_extended_mode.json", tmp), StandardCharsets.UTF_8);
        ObjectNode status = (ObjectNode) Fixtures.JSON.readTree(good);
        ObjectNode badId = status.deepCopy();
        badId.put("id_str", "12ab");
        ObjectNode noTime = status.deepCopy();
        noTime.remove("created_at");
        ObjectNode badTime = status.deepCopy();
        badTime.put("created_at", "2017-07-10T14:58:16Z");
        ObjectNode noUser = status.deepCopy();
        noUser.remove("user");
        List<String> lines = new ArrayList<>(List.of(
                status.toString(),
                "{\"delete\":{\"status\":{\"id\":1,\"id_str\":\"1\",\"user_id\":3,\"user_id_str\":\"3\"},\"timestamp_ms\":\"1\"}}",
                "{\"limit\":{\"track\":12,\"timestamp_ms\":\"1\"}}",
                badId.toString(),
                noTime.toString(),
                badTime.toString(),
                noUser.toString(),
                status.toString() + " ".repeat(9000),
                "{\"truncated\": ",
                status.toString()));
        Path file = tmp.resolve("hostile.jsonl");
        Files.writeString(file, String.join("\n", lines), StandardCharsets.UTF_8);

        CollectingSink sink = new CollectingSink();
        new ApiV1Importer(Clock.fixed(IMPORT_TIME, ZoneOffset.UTC), status.toString().length() + 100).read(file, "hostile.jsonl", sink);

        assertEquals(List.of("line 1", "line 10"), sink.accepted.stream().map(c -> c.tweet().provenance().locator()).toList());
        assertEquals(List.of("line 4", "line 5", "line 6", "line 7", "line 8", "line 9"),
                sink.rejected.stream().map(Rejection::locator).toList());
        assertEquals(List.of("id_str", "created_at", "created_at", "user", "(line)", "(json)"),
                sink.rejected.stream().map(Rejection::field).toList());
        assertEquals("must be a numeric id string, got \"12ab\"", sink.rejected.get(0).problem());
        assertEquals("must be a Twitter time like \"Mon Jul 10 14:58:16 +0000 2017\", got \"2017-07-10T14:58:16Z\"",
                sink.rejected.get(2).problem());
        assertTrue(sink.rejected.get(5).problem().startsWith("is not valid JSON: Unexpected end-of-input"), sink.rejected.get(5).problem());
    }

    @Test
    void rejectsATruncatedArrayDocument() throws IOException {
        byte[] whole = Fixtures.bytes(Fixtures.path("api-v1.1/get_user_timeline_count.json.gz", tmp));
        Path cut = tmp.resolve("cut.json");
        // A pretty-printed start makes the first line incomplete, so the file is read as one document.
        byte[] pretty = ("[\n" + new String(whole, 1, whole.length / 2, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8);
        Files.write(cut, pretty);
        CollectingSink sink = read(cut);

        assertEquals(List.of(), sink.accepted);
        assertEquals(1, sink.rejected.size());
        assertEquals("whole file", sink.rejected.get(0).locator());
        assertEquals("(json)", sink.rejected.get(0).field());
        assertTrue(sink.rejected.get(0).problem().contains("at line 2, column "), sink.rejected.get(0).problem());
    }
}
