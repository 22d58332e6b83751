package org.chancery.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.chancery.record.Capture;
import org.chancery.record.Media;
import org.chancery.record.Place;
import org.chancery.record.RawPayload;
import org.chancery.record.ReferenceType;
import org.chancery.record.SourceFormat;
import org.chancery.record.Tweet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ApiV2ImporterTest {
    private static final Instant IMPORT_TIME = Instant.parse("2025-01-02T03:04:05Z");

    @TempDir
    Path tmp;

    private final ApiV2Importer importer = new ApiV2Importer(Clock.fixed(IMPORT_TIME, ZoneOffset.UTC));

    private CollectingSink read(Path file) throws IOException {
        CollectingSink sink = new CollectingSink();
        importer.read(file, file.getFileName().toString(), sink);
        return sink;
    }

    private CollectingSink readFixture(String name) throws IOException {
        return read(Fixtures.path("api-v2/" + name, tmp));
    }

    /** Checks every accepted tweet of a JSONL file against its line's object, data[i] order. */
    private static void assertJsonlMatches(byte[] file, List<Capture> accepted) {
        String[] lines = new String(file, StandardCharsets.UTF_8).split("\n");
        int next = 0;
        for (int n = 0; n < lines.length; n++) {
            if (lines[n].isBlank()) {
                continue;
            }
            JsonNode line;
            try {
                line = Fixtures.JSON.readTree(lines[n]);
            } catch (IOException e) {
                continue;
            }
            Instant captured = OffsetDateTime.parse(line.get("__twarc").get("retrieved_at").asText()).toInstant();
            if (!line.has("data")) {
                Capture c = accepted.get(next++);
                Fixtures.assertExactSlice(file, line, c.raw());
                V2Expectations.forFlattened().assertMatches(line, c.tweet(), captured);
                assertEquals("line " + (n + 1), c.tweet().provenance().locator());
                continue;
            }
            JsonNode data = line.get("data");
            List<JsonNode> items = data.isArray() ? iterable(data) : List.of(data);
            for (int i = 0; i < items.size(); i++) {
                Capture c = accepted.get(next++);
                Fixtures.assertExactSlice(file, items.get(i), c.raw());
                V2Expectations.forResponse(line).assertMatches(items.get(i), c.tweet(), captured);
                assertEquals("line " + (n + 1) + (data.isArray() ? ", data[" + i + "]" : ", data"),
                        c.tweet().provenance().locator());
                assertContextIsIncludes(file, line.get("includes"), c);
            }
        }
        assertEquals(next, accepted.size());
    }

    private static List<JsonNode> iterable(JsonNode array) {
        List<JsonNode> out = new java.util.ArrayList<>();
        array.forEach(out::add);
        return out;
    }

    /** Every context payload is an exact slice of one includes object, and the author's user object is among them. */
    private static void assertContextIsIncludes(byte[] file, JsonNode includes, Capture c) {
        Set<JsonNode> all = new HashSet<>();
        if (includes != null) {
            includes.forEach(kind -> kind.forEach(all::add));
        }
        for (RawPayload p : c.context()) {
            JsonNode n = Fixtures.tree(p.bytes());
            assertTrue(all.contains(n), "context object is an includes object");
            Fixtures.assertExactSlice(file, n, p);
        }
        if (c.tweet().author().handle() != null) {
            assertTrue(c.context().stream().map(p -> Fixtures.tree(p.bytes()))
                    .anyMatch(n -> c.tweet().author().id().equals(n.path("id").asText()) && n.has("username")),
                    "the author's user object is in the context");
        }
    }

    @Test
    void joinsAuthorsAndReferencedTweetsFromIncludesInASearchResponse() throws IOException {
        String name = "search-tweets-recent-search__200-success-request-tweet-fields-with-expanded-user-fields.json";
        Path file = Fixtures.path("api-v2/" + name, tmp);
        byte[] bytes = Fixtures.bytes(file);
        JsonNode response = Fixtures.tree(bytes);
        CollectingSink sink = read(file);

        assertEquals(List.of(), sink.rejected);
        assertEquals(4, sink.accepted.size());
        for (int i = 0; i < 4; i++) {
            Capture c = sink.accepted.get(i);
            JsonNode o = response.get("data").get(i);
            Fixtures.assertExactSlice(bytes, o, c.raw());
            V2Expectations.forResponse(response).assertMatches(o, c.tweet(), IMPORT_TIME);
            assertContextIsIncludes(bytes, response.get("includes"), c);
            assertEquals("data[" + i + "]", c.tweet().provenance().locator());
            assertEquals(SourceFormat.API_V2, c.tweet().provenance().format());
            assertEquals(name, c.tweet().provenance().source());
        }
        // data[0] replies to 1275653067283759104, which is in includes.tweets and itself replies to another included tweet.
        Tweet first = sink.accepted.get(0).tweet();
        Tweet parent = first.findReference(ReferenceType.REPLIED_TO).orElseThrow().embedded();
        assertEquals("1275653067283759104", parent.id());
        assertEquals("snowman", parent.author().handle());
        assertEquals("1274086728471461889", parent.inReplyToTweetId().orElseThrow());
        assertNotNull(parent.referencedTweets().get(0).embedded());
        assertEquals("happycamper", first.author().handle());
        assertEquals("Emily Waligoske \uD83C\uDFD5", first.author().displayName());
    }

    @Test
    void joinsMediaFromIncludesAndUsesThePreviewImageForVideo() throws IOException {
        Path file = Fixtures.path("api-v2/tweet-lookup-single-tweet__200-success-request-media-fields.json", tmp);
        byte[] bytes = Fixtures.bytes(file);
        JsonNode response = Fixtures.tree(bytes);
        CollectingSink sink = read(file);

        assertEquals(List.of(), sink.rejected);
        assertEquals(1, sink.accepted.size());
        Capture c = sink.accepted.get(0);
        Fixtures.assertExactSlice(bytes, response.get("data"), c.raw());
        V2Expectations.forResponse(response).assertMatches(response.get("data"), c.tweet(), IMPORT_TIME);
        assertEquals("data", c.tweet().provenance().locator());
        JsonNode m = response.get("includes").get("media").get(0);
        assertEquals(List.of(new Media(m.get("media_key").asText(), "video", m.get("preview_image_url").asText(), null,
                m.get("width").asInt(), m.get("height").asInt())), c.tweet().media());
        assertEquals(1, c.context().size());
        Fixtures.assertExactSlice(bytes, m, c.context().get(0));
        assertNull(c.tweet().author().handle(), "no includes.users: handle unknown");
        assertEquals(response.get("data").get("author_id").asText(), c.tweet().author().id());
    }

    @Test
    void countsTheTweetsOfAMultipleTweetsLookup() throws IOException {
        Path file = Fixtures.path("api-v2/tweet-lookup-multiple-tweets__200-success-multiple-tweets-with-tweet-fields.json", tmp);
        byte[] bytes = Fixtures.bytes(file);
        JsonNode response = Fixtures.tree(bytes);
        CollectingSink sink = read(file);

        assertEquals(List.of(), sink.rejected);
        assertEquals(58, sink.accepted.size());
        for (int i = 0; i < 58; i++) {
            Fixtures.assertExactSlice(bytes, response.get("data").get(i), sink.accepted.get(i).raw());
            V2Expectations.forResponse(response).assertMatches(response.get("data").get(i), sink.accepted.get(i).tweet(), IMPORT_TIME);
        }
    }

    @Test
    void rejectsEachTweetRequestedWithoutAuthorId() throws IOException {
        CollectingSink sink = readFixture("search-tweets-recent-search__200-success-request-expanded-media-fields.json");

        assertEquals(List.of(), sink.accepted);
        assertEquals(10, sink.rejected.size());
        for (int i = 0; i < 10; i++) {
            Rejection r = sink.rejected.get(i);
            assertEquals("data[" + i + "]", r.locator());
            assertEquals("author_id", r.field());
            assertTrue(r.problem().contains("is missing"), r.problem());
        }
    }

    @Test
    void rejectsATweetWithoutCreatedAtAndIgnoresResponseErrors() throws IOException {
        CollectingSink place = readFixture("tweet-lookup-single-tweet__200-success-request-place-fields.json");
        assertEquals(List.of(), place.accepted);
        assertEquals(1, place.rejected.size());
        assertEquals("data", place.rejected.get(0).locator());
        assertEquals("created_at", place.rejected.get(0).field());

        // One tweet (without created_at, so rejected) and one "Could not find tweet" error, which is no record.
        CollectingSink deletedAndValid = readFixture("tweet-lookup-multiple-tweets__200-success-1-deleted-1-valid-tweet.json");
        assertEquals(1, deletedAndValid.rejected.size());
        assertEquals("data[0]", deletedAndValid.rejected.get(0).locator());
        assertEquals("created_at", deletedAndValid.rejected.get(0).field());

        CollectingSink deleted = readFixture("tweet-lookup-single-tweet__200-success-deleted-tweet.json");
        assertEquals(List.of(), deleted.accepted);
        assertEquals(List.of(), deleted.rejected);
    }

    @Test
    void mapsPlaceFromIncludesAndBareCoordinates() throws IOException {
        Path file = Fixtures.path("api-v2/geo_tweets.jsonl", tmp);
        byte[] bytes = Fixtures.bytes(file);
        CollectingSink sink = read(file);

        assertEquals(List.of(), sink.rejected);
        assertEquals(2, sink.accepted.size());
        assertJsonlMatches(bytes, sink.accepted);
        String[] lines = new String(bytes, StandardCharsets.UTF_8).split("\n");
        JsonNode first = Fixtures.tree(lines[0].getBytes(StandardCharsets.UTF_8)).get("data").get(0);
        JsonNode coords = first.get("geo").get("coordinates").get("coordinates");
        assertEquals(new Place(null, null, null, coords.get(0).asDouble(), coords.get(1).asDouble()),
                sink.accepted.get(0).tweet().place());
        JsonNode second = Fixtures.tree(lines[1].getBytes(StandardCharsets.UTF_8));
        JsonNode p = second.get("includes").get("places").get(0);
        assertEquals(second.get("data").get(0).get("geo").get("place_id").asText(), p.get("id").asText());
        assertEquals(new Place(p.get("id").asText(), p.get("full_name").asText(), p.get("country_code").asText(), null, null),
                sink.accepted.get(1).tweet().place());
        assertTrue(sink.accepted.get(1).context().stream().anyMatch(c -> Fixtures.tree(c.bytes()).equals(p)));
    }

    @Test
    void takesCaptureTimeAndToolFromTwarcMetadataAndKeepsEditHistory() throws IOException {
        Path file = Fixtures.path("api-v2/edited.jsonl", tmp);
        byte[] bytes = Fixtures.bytes(file);
        CollectingSink sink = read(file);

        assertEquals(List.of(), sink.rejected);
        assertEquals(1, sink.accepted.size());
        assertJsonlMatches(bytes, sink.accepted);
        Tweet t = sink.accepted.get(0).tweet();
        assertEquals(Instant.parse("2022-10-03T18:00:12Z"), t.provenance().capturedAt());
        assertEquals("twarc 2.12.0", t.provenance().tool());
        assertEquals(Instant.parse("2022-10-03T18:00:12Z"), t.metrics().observedAt());
        assertTrue(t.edited());
        assertEquals("line 1, data[0]", t.provenance().locator());
    }

    @Test
    void embedsAQuotedTweetFromIncludes() throws IOException {
        Path file = Fixtures.path("api-v2/quoted_edit.jsonl", tmp);
        byte[] bytes = Fixtures.bytes(file);
        CollectingSink sink = read(file);

        assertEquals(List.of(), sink.rejected);
        assertEquals(1, sink.accepted.size());
        assertJsonlMatches(bytes, sink.accepted);
        assertNotNull(sink.accepted.get(0).tweet().findReference(ReferenceType.QUOTED).orElseThrow().embedded());
    }

    @Test
    void readsBothPagesOfATwarcSearch() throws IOException {
        Path file = Fixtures.path("api-v2/2sets.jsonl.gz", tmp);
        byte[] bytes = Fixtures.bytes(file);
        CollectingSink sink = read(file);

        assertEquals(List.of(), sink.rejected);
        assertEquals(200, sink.accepted.size());
        assertJsonlMatches(bytes, sink.accepted);
    }

    @Test
    void readsFlattenedTweetsWithTheirInlinedExpansions() throws IOException {
        Path file = Fixtures.path("api-v2/flat.jsonl.gz", tmp);
        byte[] bytes = Fixtures.bytes(file);
        CollectingSink sink = read(file);

        assertEquals(List.of(), sink.rejected);
        assertEquals(100, sink.accepted.size());
        assertJsonlMatches(bytes, sink.accepted);
        assertTrue(sink.accepted.stream().allMatch(c -> c.tweet().author().handle() != null));
        assertTrue(sink.accepted.stream().anyMatch(c -> !c.tweet().media().isEmpty()));
        assertTrue(sink.accepted.stream().flatMap(c -> c.tweet().referencedTweets().stream()).anyMatch(r -> r.embedded() != null));
    }

    @Test
    void rejectsTheBrokenStreamingLineAndKeepsTheOthers() throws IOException {
        Path file = Fixtures.path("api-v2/streaming_output_with_error.jsonl", tmp);
        byte[] bytes = Fixtures.bytes(file);
        CollectingSink sink = read(file);

        assertEquals(7, sink.accepted.size());
        assertJsonlMatches(bytes, sink.accepted);
        assertEquals(1, sink.rejected.size());
        Rejection r = sink.rejected.get(0);
        assertEquals("line 8", r.locator());
        assertEquals("(json)", r.field());
        assertTrue(r.problem().startsWith("is not valid JSON: Unexpected end-of-input"), r.problem());
        assertTrue(r.problem().contains("at column"), r.problem());
        // Jackson's reference to its own input is no help to the reader of a rejection report.
        assertFalse(r.problem().contains("Source") || r.problem().contains("REDACTED")
                || r.problem().contains("StreamReadFeature"), r.problem());
        assertTrue(r.problem().contains("(start marker at column "), r.problem());
    }

    @Test
    void rejectsLinesThatHoldUsersCountsOrComplianceRecords() throws IOException {
        CollectingSink users = readFixture("users.jsonl.gz");
        assertEquals(List.of(), users.accepted);
        assertEquals(1, users.rejected.size());
        assertEquals("line 1", users.rejected.get(0).locator());
        assertEquals("holds no `data` tweets: looks like a users response", users.rejected.get(0).problem());

        CollectingSink counts = readFixture("counts.jsonl");
        assertEquals(1, counts.rejected.size());
        assertEquals("holds no `data` tweets: looks like a tweet counts response", counts.rejected.get(0).problem());

        CollectingSink compliance = readFixture("tweets_compliance.jsonl");
        assertEquals(List.of("line 2", "line 3"), compliance.rejected.stream().map(Rejection::locator).toList());
        assertTrue(compliance.rejected.get(0).problem().endsWith("looks like a compliance record"));

        CollectingSink usersDocument = readFixture("user-lookup-users-by-username__200-success-request-user-fields.json");
        assertEquals(1, usersDocument.rejected.size());
        assertEquals("whole file", usersDocument.rejected.get(0).locator());

        CollectingSink empty = readFixture("empty.json");
        assertEquals(List.of(), empty.accepted);
        assertEquals(List.of(), empty.rejected);
    }

    @Test
    void rejectsATruncatedDocumentWithItsPosition() throws IOException {
        byte[] whole = Fixtures.bytes(Fixtures.path(
                "api-v2/search-tweets-recent-search__200-success-request-tweet-fields-with-expanded-user-fields.json", tmp));
        Path cut = tmp.resolve("cut.json");
        Files.write(cut, java.util.Arrays.copyOf(whole, whole.length / 2));
        CollectingSink sink = read(cut);

        assertEquals(List.of(), sink.accepted);
        assertEquals(1, sink.rejected.size());
        Rejection r = sink.rejected.get(0);
        assertEquals("whole file", r.locator());
        assertEquals("(json)", r.field());
        assertTrue(r.problem().contains("Unexpected end-of-input") && r.problem().contains("at line "), r.problem());
    }

    @Test
    void rejectsBadIdsMissingTimesAndOverlongLinesWhileAcceptingTheRest() throws IOException {
        String good = Files.readString(Fixtures.path("api-v2/edited.jsonl", tmp), StandardCharsets.UTF_8).strip();
        ObjectNode badId = (ObjectNode) Fixtures.JSON.readTree(good);
        ((ObjectNode) badId.get("data").get(0)).put("id", "12ab");
        ObjectNode noTime = (ObjectNode) Fixtures.JSON.readTree(good);
        ((ObjectNode) noTime.get("data").get(0)).remove("created_at");
        String tooLong = good + " ".repeat(6000);
        Path file = tmp.resolve("hostile.jsonl");
        Files.writeString(file, String.join("\n", good, badId.toString(), "", noTime.toString(), tooLong, "not json", good) + "\n",
                StandardCharsets.UTF_8);

        CollectingSink sink = new CollectingSink();
        new ApiV2Importer(Clock.fixed(IMPORT_TIME, ZoneOffset.UTC), good.length() + 10).read(file, "hostile.jsonl", sink);

        assertEquals(List.of("line 1, data[0]", "line 7, data[0]"),
                sink.accepted.stream().map(c -> c.tweet().provenance().locator()).toList());
        assertEquals(List.of("line 2, data[0]", "line 4, data[0]", "line 5", "line 6"),
                sink.rejected.stream().map(Rejection::locator).toList());
        assertEquals(List.of("id", "created_at", "(line)", "(json)"), sink.rejected.stream().map(Rejection::field).toList());
        assertEquals("must be a numeric id string, got \"12ab\"", sink.rejected.get(0).problem());
        assertEquals("is " + tooLong.getBytes(StandardCharsets.UTF_8).length + " bytes long, over the limit of "
                + (good.length() + 10) + " bytes; the line was skipped", sink.rejected.get(2).problem());
        assertTrue(sink.rejected.get(3).problem().startsWith("is not valid JSON: Unrecognized token 'not'"), sink.rejected.get(3).problem());
    }

    @Test
    void takesTheFullTextAndEntitiesOfALongPostFromNoteTweet() throws IOException {
        String line = Files.readString(Fixtures.path("api-v2/edited.jsonl", tmp), StandardCharsets.UTF_8).strip();
        ObjectNode response = (ObjectNode) Fixtures.JSON.readTree(line);
        ObjectNode tweet = (ObjectNode) response.get("data").get(0);
        String longText = "A long post " + "x".repeat(300) + " #archives";
        ObjectNode note = tweet.putObject("note_tweet");
        note.put("text", longText);
        ObjectNode tag = note.putObject("entities").putArray("hashtags").addObject();
        tag.put("start", longText.length() - 9).put("end", longText.length()).put("tag", "archives");
        Path file = tmp.resolve("note.jsonl");
        Files.writeString(file, response.toString(), StandardCharsets.UTF_8);

        CollectingSink sink = read(file);

        assertEquals(1, sink.accepted.size());
        Tweet t = sink.accepted.get(0).tweet();
        assertEquals(longText, t.text());
        assertEquals(List.of("archives"), t.entities().hashtags().stream().map(h -> h.tag()).toList());
        assertEquals(longText.length() - 9, t.entities().hashtags().get(0).start());
    }
}
