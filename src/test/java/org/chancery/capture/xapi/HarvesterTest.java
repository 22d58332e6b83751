package org.chancery.capture.xapi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.chancery.archive.ProvenTweet;
import org.chancery.archive.RecordOffice;
import org.chancery.config.DataDir;
import org.chancery.record.SourceFormat;
import org.chancery.record.Tweet;
import org.chancery.store.Batch;
import org.chancery.store.BatchResult;
import org.chancery.store.StoredTweet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The harvester against the X API emulator on loopback, archiving into a real record office. Expected values
 * are read from the fixture with Jackson, independently of the harvester.
 */
class HarvesterTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String USER = "250858058";
    private static final String HANDLE = "MariamBarghouti";

    @TempDir
    Path dir;

    private FakeTime time;
    private XApiEmulator api;
    private RecordOffice office;
    private XApiClient client;
    /** The fixture's timeline, newest first, each tweet as its JSON object. */
    private List<JsonNode> timeline;

    @BeforeEach
    void start() throws IOException {
        time = new FakeTime(Instant.parse("2021-05-12T00:00:00Z"));
        api = new XApiEmulator(time).load("timeline-mariambarghouti.jsonl.gz");
        timeline = fixtureTimeline();
        office = RecordOffice.open(new DataDir(dir), time);
        client = client(XApiEmulator.TOKEN);
    }

    @AfterEach
    void stop() {
        if (office != null) {
            office.close();
        }
        api.close();
    }

    private XApiClient client(String token) {
        return new XApiClient(new XApiConfig(api.baseUrl(), token, Duration.ofSeconds(10), 6), time, time,
                new SplittableRandom(42));
    }

    private Harvester harvester(CaptureArchive archive) {
        return new Harvester(client, new CursorStore(dir.resolve("capture/cursors")),
                new EvidenceStore(dir.resolve("capture/evidence")), archive, new RunLog(dir.resolve("capture/runs.jsonl")),
                time);
    }

    private Harvester harvester() {
        return harvester(archiveOf(office));
    }

    private static CaptureArchive archiveOf(RecordOffice office) {
        return (producer, captures) -> {
            BatchResult r = office.archive().put(new Batch(producer, captures));
            return new CaptureArchive.Archived(r.added(), r.observations(), r.alreadyArchived());
        };
    }

    private static List<JsonNode> fixtureTimeline() throws IOException {
        try (InputStream in = new GZIPInputStream(HarvesterTest.class.getResourceAsStream(
                "/fixtures/xapi/timeline-mariambarghouti.jsonl.gz"))) {
            List<JsonNode> out = new ArrayList<>();
            JSON.readTree(in).path("data").forEach(out::add);
            out.sort((a, b) -> Long.compare(b.path("id").asLong(), a.path("id").asLong()));
            return out;
        }
    }

    private List<String> ids(List<JsonNode> tweets) {
        return tweets.stream().map(t -> t.path("id").asText()).toList();
    }

    /** Every payload of every id in the archive: each must be there once, byte for byte as served. */
    private void assertArchivedOnceEach(List<JsonNode> expected) throws IOException {
        for (JsonNode t : expected) {
            String id = t.path("id").asText();
            List<StoredTweet> history = office.store().history(id);
            assertEquals(1, history.size(), "payloads archived for tweet " + id);
            assertArrayEquals(JSON.writeValueAsBytes(t), history.get(0).raw().bytes(), "raw bytes of tweet " + id);
            assertEquals(t.path("text").asText(), history.get(0).tweet().text());
        }
        Map<String, Integer> records = new HashMap<>();
        office.commit();
        office.store().forEachRecord(t -> records.merge(t.id(), 1, Integer::sum));
        assertEquals(expected.size(), records.size(), "tweets in the archive");
        assertTrue(records.values().stream().allMatch(n -> n == 1), "no tweet archived twice: " + records);
    }

    @Test
    void multiPageBackfillThenIncrementalRunCaptureEveryTweetExactlyOnce() throws IOException {
        api.pageSize(30);
        List<JsonNode> later = timeline.subList(0, 10);
        later.forEach(t -> api.remove(t.path("id").asText()));

        RunSummary first = harvester().capture(HANDLE, null, null, Integer.MAX_VALUE);
        assertEquals(90, first.tweets());
        assertEquals(90, first.added());
        assertEquals(3, first.pages());
        assertTrue(first.complete());

        later.forEach(t -> api.put((ObjectNode) t));
        RunSummary second = harvester().capture("@" + HANDLE, null, null, Integer.MAX_VALUE);
        assertEquals(10, second.tweets());
        assertEquals(10, second.added());
        assertEquals(0, second.alreadyArchived());
        String lastTimelineRequest = api.log().stream().filter(r -> r.contains("/tweets?")).reduce((a, b) -> b).orElseThrow();
        assertTrue(lastTimelineRequest.contains("since_id=" + timeline.get(10).path("id").asText()),
                "the incremental run asks only for tweets newer than the newest archived: " + lastTimelineRequest);

        assertArchivedOnceEach(timeline);
        // Each capture names the response it came from, and the response is kept byte for byte.
        Tweet t = office.find(timeline.get(0).path("id").asText()).orElseThrow().stored().tweet();
        assertEquals(SourceFormat.X_API_CAPTURE, t.provenance().format());
        String sha = t.provenance().locator().replaceAll("^evidence ([0-9a-f]{64}), data\\[\\d+\\]$", "$1");
        byte[] body = new EvidenceStore(dir.resolve("capture/evidence")).find(sha).orElseThrow();
        int index = Integer.parseInt(t.provenance().locator().replaceAll(".*data\\[(\\d+)\\]$", "$1"));
        assertEquals(timeline.get(0), JSON.readTree(body).path("data").path(index), "the evidence holds the tweet");
        assertFalse(t.provenance().source().contains(XApiEmulator.TOKEN));
    }

    @Test
    void runKilledMidwayResumesWithNoGapAndNoDuplicate() throws IOException {
        api.pageSize(20);
        List<JsonNode> postedMeanwhile = timeline.subList(0, 5);
        postedMeanwhile.forEach(t -> api.remove(t.path("id").asText()));
        // Killed after the third page was acknowledged by the archive but before the cursor was saved: the worst place.
        int[] pages = {0};
        CaptureArchive dying = (producer, captures) -> {
            CaptureArchive.Archived a = archiveOf(office).archive(producer, captures);
            if (++pages[0] == 3) {
                throw new IllegalStateException("killed");
            }
            return a;
        };
        assertThrows(IllegalStateException.class, () -> harvester(dying).capture(HANDLE, null, null, Integer.MAX_VALUE));
        office.close();
        office = RecordOffice.open(new DataDir(dir), time);
        postedMeanwhile.forEach(t -> api.put((ObjectNode) t));

        RunSummary resumed = harvester().capture(HANDLE, null, null, Integer.MAX_VALUE);
        assertEquals(20, resumed.alreadyArchived(), "the third page is fetched again and recognised");
        assertEquals(35, resumed.added(), "pages four and five");
        assertTrue(resumed.complete());
        RunSummary next = harvester().capture(HANDLE, null, null, Integer.MAX_VALUE);
        assertEquals(5, next.added(), "tweets posted while the run was down come with the next run");
        assertArchivedOnceEach(timeline);
    }

    @Test
    void pageLimitStopsARunThatTheNextRunContinues() throws IOException {
        api.pageSize(25);
        RunSummary part = harvester().capture(HANDLE, null, null, 2);
        assertFalse(part.complete());
        assertEquals(50, part.added());
        RunSummary rest = harvester().capture(HANDLE, null, null, Integer.MAX_VALUE);
        assertEquals(50, rest.added());
        assertEquals(0, rest.alreadyArchived());
        assertArchivedOnceEach(timeline);
    }

    @Test
    void clientWaitsForTheRateLimitResetInsteadOfHammering() throws IOException {
        api.pageSize(10).rateLimit(3, Duration.ofMinutes(15));
        RunSummary s = harvester().capture(HANDLE, null, null, Integer.MAX_VALUE);
        assertEquals(100, s.added());
        assertEquals(0, api.tooManyRequestsAnswered(), "the client never ran into the limit");
        assertEquals(11, api.log().size(), "one user lookup and ten pages, nothing more");
        // 11 requests at 3 per window: three waits, each until a reset at most 15 minutes (+1 s) away.
        List<Duration> sleeps = time.sleeps();
        assertEquals(3, sleeps.size(), "waits: " + sleeps);
        for (Duration d : sleeps) {
            assertTrue(d.compareTo(Duration.ofMinutes(15).plusSeconds(1)) <= 0 && d.compareTo(Duration.ZERO) > 0, d.toString());
        }
        assertArchivedOnceEach(timeline);
    }

    @Test
    void tooManyRequestsAnswerMakesTheClientWaitUntilTheReset() throws IOException {
        api.pageSize(50).rateLimit(1, Duration.ofMinutes(15));
        // Another client spends the window's only request first.
        XApiClient other = client(XApiEmulator.TOKEN);
        other.userLookup(HANDLE);
        time.advance(Duration.ofMinutes(5));
        Instant before = time.instant();
        RunSummary s = harvester().capture(HANDLE, null, null, Integer.MAX_VALUE);
        assertEquals(100, s.added());
        assertEquals(1, api.tooManyRequestsAnswered(), "one 429, then the client waits for each reset");
        assertEquals(1 + 1 + 3, api.log().size(), "the other lookup, the refused request, lookup and two pages");
        assertEquals(1, client.retries(), "one retry after the 429");
        assertTrue(Duration.between(before, time.instant()).compareTo(Duration.ofMinutes(10)) >= 0,
                "waited out the rest of the window");
    }

    @Test
    void burstOfServerErrorsIsSurvivedWithGrowingJitteredBackoff() throws IOException {
        api.pageSize(50).failNext(503, 500, 502);
        RunSummary s = harvester().capture(HANDLE, null, null, Integer.MAX_VALUE);
        assertEquals(100, s.added());
        assertEquals(3, client.retries());
        List<Duration> sleeps = time.sleeps();
        assertEquals(3, sleeps.size());
        for (int i = 0; i < 3; i++) {
            long cap = 1000L << i;
            long ms = sleeps.get(i).toMillis();
            assertTrue(ms >= cap / 2 && ms <= cap, "backoff " + i + " was " + ms + " ms");
        }
        assertArchivedOnceEach(timeline);
    }

    @Test
    void requestsThatTimeOutAreRetried() throws IOException {
        api.pageSize(50).stallNext(2);
        client = new XApiClient(new XApiConfig(api.baseUrl(), XApiEmulator.TOKEN, Duration.ofMillis(300), 6), time, time,
                new SplittableRandom(42));
        RunSummary s = harvester().capture(HANDLE, null, null, Integer.MAX_VALUE);
        assertEquals(100, s.added());
        assertEquals(2, client.retries());
        assertEquals(2, api.log().stream().filter(r -> r.startsWith("(stalled)")).count());
        assertArchivedOnceEach(timeline);
    }

    @Test
    void endlessServerErrorsStopTheRunAndTheNextRunResumes() throws IOException {
        api.pageSize(50);
        harvester().capture(HANDLE, null, null, 1);
        api.failNext(503, 503, 503, 503, 503, 503);
        XApiException e = assertThrows(XApiException.class,
                () -> harvester().capture(HANDLE, null, null, Integer.MAX_VALUE));
        assertTrue(e.getMessage().contains("6 times"), e.getMessage());
        RunSummary rest = harvester().capture(HANDLE, null, null, Integer.MAX_VALUE);
        assertEquals(50, rest.added());
        assertArchivedOnceEach(timeline);
    }

    @Test
    void refusedTokenStopsAtOnceWithAClearMessageThatDoesNotLeakTheToken() {
        client = client("wrong-token-value");
        XApiRefusedException e = assertThrows(XApiRefusedException.class,
                () -> harvester().capture(HANDLE, null, null, Integer.MAX_VALUE));
        assertTrue(e.getMessage().contains("HTTP 401") && e.getMessage().contains(XApiConfig.TOKEN_ENV), e.getMessage());
        assertFalse(e.getMessage().contains("wrong-token-value"));
        assertEquals(1, api.log().size(), "no retry of a refused token");
        assertEquals(java.util.Set.of("Bearer wrong-token-value"), api.authorizations());
    }

    @Test
    void tweetGoneFromThePlatformIsRecordedAsSuchAndStaysRetrievable() throws IOException {
        harvester().capture(HANDLE, null, null, Integer.MAX_VALUE);
        String deleted = timeline.get(3).path("id").asText();
        String hidden = timeline.get(7).path("id").asText();
        api.delete(deleted);
        api.protect(hidden);
        time.advance(Duration.ofDays(2));
        Instant recheckAt = time.instant();
        List<Tweet> latest = new ArrayList<>();
        office.commit();
        office.store().forEachRecord(latest::add);

        RecheckSummary r = harvester().recheck(latest);
        assertEquals(100, r.checked());
        assertEquals(98, r.available());
        assertEquals(2, r.unavailable().size());
        Map<String, String> reasons = new HashMap<>();
        r.unavailable().forEach(u -> reasons.put(u.tweetId(), u.reason()));
        assertEquals(Map.of(deleted, "deleted", hidden, "protected"), reasons);
        assertEquals(2, r.observations(), "the unchanged 98 are already archived byte for byte");
        office.commit();

        ProvenTweet found = office.find(deleted).orElseThrow();
        assertTrue(found.stored().tweet().deleted());
        assertEquals(recheckAt, found.stored().tweet().provenance().capturedAt(), "not available since the re-check");
        JsonNode error = JSON.readTree(found.stored().raw().bytes());
        assertEquals(deleted, error.path("resource_id").asText());
        assertTrue(error.path("type").asText().endsWith("/resource-not-found"));
        assertTrue(found.evidence().isPresent(), "the deletion notice is in the signed log");
        List<StoredTweet> history = office.store().history(deleted);
        assertEquals(2, history.size());
        assertFalse(history.get(0).tweet().deleted());
        assertArrayEquals(JSON.writeValueAsBytes(timeline.get(3)), history.get(0).raw().bytes(), "the original stays");
        assertEquals(timeline.get(3).path("text").asText(), history.get(1).tweet().text());

        JsonNode hiddenError = JSON.readTree(office.find(hidden).orElseThrow().stored().raw().bytes());
        assertTrue(hiddenError.path("type").asText().endsWith("/not-authorized-for-resource"));

        // A second re-check skips tweets already known to be gone and records nothing new.
        List<Tweet> again = new ArrayList<>();
        office.store().forEachRecord(again::add);
        Map<String, Tweet> newest = new HashMap<>();
        again.forEach(t -> newest.put(t.id(), t));
        RecheckSummary second = harvester().recheck(new ArrayList<>(newest.values()));
        assertEquals(98, second.checked());
        assertEquals(0, second.observations());
        assertTrue(office.verify().clean(), "the archive verifies with the deletion notices in it");
    }

    @Test
    void editedTweetIsCapturedAsANewVersionLinkedByItsEditHistory() throws IOException {
        XApiEmulator edits = new XApiEmulator(time).load("edited_before.jsonl");
        try {
            api.close();
            api = edits;
            client = client(XApiEmulator.TOKEN);
            JsonNode after;
            try (InputStream in = HarvesterTest.class.getResourceAsStream("/fixtures/xapi/edited_after.jsonl")) {
                after = JSON.readTree(in).path("data").path(0);
            }
            String user = after.path("author_id").asText();
            String handle = JSON.readTree(HarvesterTest.class.getResourceAsStream("/fixtures/xapi/edited_after.jsonl"))
                    .path("includes").path("users").path(0).path("username").asText();
            assertEquals(1, harvester().capture(handle, null, null, Integer.MAX_VALUE).added());
            edits.put((ObjectNode) after);
            RunSummary s = harvester().capture(handle, null, null, Integer.MAX_VALUE);
            assertEquals(1, s.added(), "the edit is a new tweet id");
            Tweet edited = office.find(after.path("id").asText()).orElseThrow().stored().tweet();
            List<String> history = new ArrayList<>();
            after.path("edit_history_tweet_ids").forEach(n -> history.add(n.asText()));
            assertEquals(history, edited.editHistoryIds());
            assertTrue(edited.edited());
            Tweet original = office.find(history.get(0)).orElseThrow().stored().tweet();
            assertEquals(user, original.author().id());
            assertTrue(original.editHistoryIds().contains(edited.id()), "both versions name each other");
        } finally {
            edits.close();
        }
    }

    @Test
    void evidenceKeepsEveryResponseWithoutTheToken() throws IOException {
        api.pageSize(40);
        harvester().capture(HANDLE, null, null, Integer.MAX_VALUE);
        Path evidence = dir.resolve("capture/evidence");
        List<Path> metas;
        try (Stream<Path> files = Files.walk(evidence)) {
            metas = files.filter(p -> p.toString().endsWith(".json")).toList();
        }
        assertEquals(4, metas.size(), "user lookup and three pages");
        for (Path m : metas) {
            JsonNode meta = JSON.readTree(m.toFile());
            byte[] body = Files.readAllBytes(m.resolveSibling(meta.path("bodySha256").asText() + ".body"));
            assertEquals(meta.path("bodyBytes").asInt(), body.length);
            assertEquals(200, meta.path("status").asInt());
            assertNotNull(meta.path("headers").get("content-type"));
            assertTrue(meta.path("url").asText().startsWith(api.baseUrl().toString()));
        }
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.filter(Files::isRegularFile).toList()) {
                assertFalse(new String(Files.readAllBytes(p), StandardCharsets.ISO_8859_1).contains(XApiEmulator.TOKEN),
                        "the token is written to " + p);
            }
        }
    }
}
