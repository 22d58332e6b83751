package org.chancery.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.chancery.InvalidInputException;
import org.chancery.record.Capture;
import org.chancery.record.RawPayload;
import org.chancery.record.TweetJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OcflArchiveTest {
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-01T10:00:00Z"), ZoneOffset.UTC);
    static final String FLAKE_JULY = "urn:chancery:account:16056306:2017-07";

    @TempDir
    Path data;

    OcflArchive open() {
        return new OcflArchive(StoreSettings.under(data), CLOCK, CommitListener.NONE);
    }

    @Test
    void reopeningAndVerifyingWritesNothingWhenTheWorkFolderIsClean() throws Exception {
        try (OcflArchive archive = open()) {
            archive.put("import", TestCaptures.fixtureCaptures());
        }
        Path work = data.resolve("work");
        Files.writeString(work.resolve("stage").resolve("left-over"), "x", StandardCharsets.UTF_8);
        open().close();
        assertFalse(Files.exists(work.resolve("stage").resolve("left-over")), "a left-over staged file goes");
        List<String> before = new ArrayList<>();
        for (Path p : List.of(work, work.resolve("ocfl"), work.resolve("stage"))) {
            before.add(p + " " + Files.getLastModifiedTime(p).toInstant() + " "
                    + Files.readAttributes(p, java.nio.file.attribute.BasicFileAttributes.class).fileKey());
        }
        Thread.sleep(20);
        try (OcflArchive archive = open()) {
            assertEquals(List.of(), archive.verify());
        }
        List<String> after = new ArrayList<>();
        for (Path p : List.of(work, work.resolve("ocfl"), work.resolve("stage"))) {
            after.add(p + " " + Files.getLastModifiedTime(p).toInstant() + " "
                    + Files.readAttributes(p, java.nio.file.attribute.BasicFileAttributes.class).fileKey());
        }
        assertEquals(before, after, "the staging folders are kept, not removed and made again");
    }

    @Test
    void findsRealPayloadsByteForByteBeforeAndAfterCommitAndReopen() {
        List<Capture> captures = TestCaptures.fixtureCaptures();
        List<byte[]> lines = TestCaptures.fixtureLines();
        try (OcflArchive archive = open()) {
            BatchResult result = archive.put("import congresstweets file 2017-07-10.json", captures);
            assertEquals(new BatchResult(7, 0, 0), result);
            StoredTweet pending = archive.find("884426551177105409").orElseThrow();
            assertArrayEquals(lines.get(0), pending.raw().bytes());
            assertEquals(OcflArchive.JOURNAL_VERSION, pending.location().version());
            archive.flush();
            StoredTweet committed = archive.find("884426551177105409").orElseThrow();
            assertArrayEquals(lines.get(0), committed.raw().bytes());
            assertEquals(new StorageLocation(FLAKE_JULY, "v1", "raw/v1.bin", 0, lines.get(0).length),
                    committed.location());
        }
        try (OcflArchive archive = open()) {
            for (int i = 0; i < captures.size(); i++) {
                StoredTweet stored = archive.find(captures.get(i).id()).orElseThrow();
                assertArrayEquals(lines.get(i), stored.raw().bytes(), "raw bytes of item " + i);
                assertEquals(captures.get(i).tweet(), stored.tweet());
                assertEquals(Outsider.hex("SHA-256", lines.get(i)), stored.raw().sha256());
            }
            assertEquals(Optional.empty(), archive.find("1"));
            assertEquals(Optional.empty(), archive.find("not-an-id"));
        }
    }

    @Test
    void findWithJsonGivesTheTweetJsonTheStoreHoldsBeforeAndAfterCommit() {
        List<Capture> captures = TestCaptures.fixtureCaptures();
        String id = "884426551177105409";
        TweetJson codec = new TweetJson();
        try (OcflArchive archive = open()) {
            archive.put("import congresstweets file 2017-07-10.json", captures);
            StoredTweetJson pending = archive.findWithJson(id).orElseThrow();
            assertEquals(OcflArchive.JOURNAL_VERSION, pending.stored().location().version());
            assertEquals(codec.encodeToString(captures.get(0).tweet()),
                    new String(pending.json(), StandardCharsets.UTF_8));
            archive.flush();
            StoredTweetJson committed = archive.findWithJson(id).orElseThrow();
            // The "tweet" member of the tweet's line in the object's records file, read as an outsider would.
            String records = new String(new Outsider(data.resolve("store")).headFile(FLAKE_JULY, "records/v1.jsonl"),
                    StandardCharsets.UTF_8);
            String line = records.lines().filter(l -> l.startsWith("{\"tweetId\":\"" + id + "\"")).findFirst()
                    .orElseThrow();
            String member = line.substring(line.indexOf(",\"tweet\":{") + ",\"tweet\":".length(), line.length() - 1);
            assertEquals(member, new String(committed.json(), StandardCharsets.UTF_8));
            assertEquals(captures.get(0).tweet(), committed.stored().tweet());
            assertEquals(archive.find(id).orElseThrow(), committed.stored());
            assertEquals(Optional.empty(), archive.findWithJson("1"));
        }
    }

    @Test
    void findAllWithJsonAnswersInTheOrderAskedWithTheRawBytesOfEachBeforeAndAfterCommit() {
        List<Capture> captures = TestCaptures.fixtureCaptures();
        List<byte[]> lines = TestCaptures.fixtureLines();
        List<String> asked = new ArrayList<>();
        List<Integer> item = new ArrayList<>();
        for (int i = captures.size() - 1; i >= 0; i -= 2) {
            asked.add(captures.get(i).id());
            item.add(i);
            if (i == 2) {
                asked.add("1");
                item.add(-1);
                asked.add("not-an-id");
                item.add(-1);
            }
        }
        asked.add(captures.get(0).id()); // asked twice
        item.add(0);
        try (OcflArchive archive = open()) {
            archive.put("import congresstweets file 2017-07-10.json", captures);
            for (boolean committed : new boolean[] {false, true}) {
                if (committed) {
                    archive.flush();
                }
                List<Optional<StoredTweetJson>> found = archive.findAllWithJson(asked);
                assertEquals(asked.size(), found.size());
                for (int k = 0; k < asked.size(); k++) {
                    int i = item.get(k);
                    if (i < 0) {
                        assertEquals(Optional.empty(), found.get(k), asked.get(k));
                        continue;
                    }
                    StoredTweetJson s = found.get(k).orElseThrow();
                    assertArrayEquals(lines.get(i), s.stored().raw().bytes(), "raw bytes of item " + i);
                    assertEquals(Outsider.hex("SHA-256", lines.get(i)), s.stored().raw().sha256());
                    assertEquals(captures.get(i).tweet(), s.stored().tweet());
                    assertArrayEquals(archive.findWithJson(asked.get(k)).orElseThrow().json(), s.json());
                }
            }
        }
    }

    @Test
    void writesPlainOcflThatAnOutsiderCanRead() throws Exception {
        List<byte[]> lines = TestCaptures.fixtureLines();
        try (OcflArchive archive = open()) {
            archive.put("import congresstweets file 2017-07-10.json", TestCaptures.fixtureCaptures());
        }
        Path root = data.resolve("store");
        assertEquals("ocfl_1.1\n", Files.readString(root.resolve("0=ocfl_1.1"), StandardCharsets.UTF_8));
        JsonNode layout = TestCaptures.readTree(Files.readAllBytes(root.resolve("ocfl_layout.json")));
        assertEquals("0004-hashed-n-tuple-storage-layout", layout.get("extension").asText());
        Outsider outsider = new Outsider(root);
        JsonNode inv = outsider.inventory(FLAKE_JULY);
        assertEquals(FLAKE_JULY, inv.get("id").asText());
        assertEquals("sha512", inv.get("digestAlgorithm").asText());
        assertEquals("https://ocfl.io/1.1/spec/#inventory", inv.get("type").asText());
        JsonNode v1 = inv.get("versions").get("v1");
        assertEquals("chancery", v1.get("user").get("name").asText());
        assertEquals("urn:chancery:tool", v1.get("user").get("address").asText());
        assertEquals("import congresstweets file 2017-07-10.json", v1.get("message").asText());
        assertEquals("2026-12-01T10:00:00Z", v1.get("created").asText());

        // Raw file: Flake's three tweets concatenated exactly as received.
        byte[] raw = outsider.headFile(FLAKE_JULY, "raw/v1.bin");
        byte[] expected = concat(lines.get(0), lines.get(1), lines.get(2));
        assertArrayEquals(expected, raw);
        // Records: one line per tweet naming its byte range, and the tweet JSON.
        String[] records = new String(outsider.headFile(FLAKE_JULY, "records/v1.jsonl"), StandardCharsets.UTF_8)
                .split("\n");
        assertEquals(3, records.length);
        long offset = 0;
        TweetJson json = new TweetJson();
        List<Capture> captures = TestCaptures.fixtureCaptures();
        for (int i = 0; i < 3; i++) {
            JsonNode line = TestCaptures.readTree(records[i].getBytes(StandardCharsets.UTF_8));
            JsonNode r = line.get("raw");
            assertEquals("raw/v1.bin", r.get("path").asText());
            assertEquals(offset, r.get("offset").asLong());
            assertEquals(lines.get(i).length, r.get("length").asLong());
            assertEquals(Outsider.hex("SHA-256", lines.get(i)), r.get("sha256").asText());
            assertEquals(TestCaptures.readTree(lines.get(i)).get("id").asText(), line.get("tweetId").asText());
            assertEquals(captures.get(i).tweet(), json.decode(line.get("tweet").toString()));
            assertEquals("2017-07-11T04:00:00Z", line.get("capturedAt").asText());
            assertEquals("2026-12-01T10:00:00Z", line.get("archivedAt").asText());
            offset += lines.get(i).length;
        }
        assertFalse(Files.exists(outsider.objectRoot(FLAKE_JULY).resolve("v1/content/observations")));
    }

    @Test
    void keepsOneObjectPerAccountAndUtcMonth() {
        try (OcflArchive archive = open()) {
            archive.put("t", List.of(
                    TestCaptures.handWritten("11", "7", "2017-07-31T23:59:59Z", "last of July", 1),
                    TestCaptures.handWritten("12", "7", "2017-08-01T00:00:00Z", "first of August", 1),
                    TestCaptures.handWritten("13", "8", "2017-07-15T12:00:00Z", "other account", 1)));
            archive.flush();
            assertEquals("urn:chancery:account:7:2017-07", archive.find("11").orElseThrow().location().objectId());
            assertEquals("urn:chancery:account:7:2017-08", archive.find("12").orElseThrow().location().objectId());
            assertEquals("urn:chancery:account:8:2017-07", archive.find("13").orElseThrow().location().objectId());
        }
        Outsider outsider = new Outsider(data.resolve("store"));
        for (String id : List.of("urn:chancery:account:7:2017-07", "urn:chancery:account:7:2017-08",
                "urn:chancery:account:8:2017-07")) {
            assertEquals("v1", outsider.inventory(id).get("head").asText());
        }
    }

    @Test
    void classifiesNewObservedAndAlreadyArchivedPayloadsAcrossBatchJournalAndOcfl() {
        Capture original = TestCaptures.handWritten("21", "7", "2017-07-10T10:00:00Z", "hello", 1);
        Capture moreLikes = TestCaptures.handWritten("21", "7", "2017-07-10T10:00:00Z", "hello", 5);
        Capture evenMore = TestCaptures.handWritten("21", "7", "2017-07-10T10:00:00Z", "hello", 9);
        try (OcflArchive archive = open()) {
            assertEquals(new BatchResult(1, 1, 1), archive.put("b1", List.of(original, original, moreLikes)));
            assertEquals(new BatchResult(0, 0, 2), archive.put("b2", List.of(original, moreLikes)),
                    "duplicates of payloads still in the journal");
            archive.flush();
            assertEquals(new BatchResult(0, 1, 2), archive.put("b3", List.of(moreLikes, evenMore, original)),
                    "duplicates of committed payloads; a new payload of a known tweet is an observation");
            assertEquals(new BatchResult(0, 0, 1), archive.put("b4", List.of(evenMore)));
        }
        try (OcflArchive archive = open()) {
            assertEquals(new BatchResult(0, 0, 3), archive.put("b5", List.of(original, moreLikes, evenMore)));
            List<StoredTweet> history = archive.history("21");
            assertEquals(3, history.size());
            assertArrayEquals(original.raw().bytes(), history.get(0).raw().bytes());
            assertArrayEquals(moreLikes.raw().bytes(), history.get(1).raw().bytes());
            assertArrayEquals(evenMore.raw().bytes(), history.get(2).raw().bytes());
            assertEquals("raw/v1.bin", history.get(0).location().logicalPath());
            assertEquals("raw/v1.bin", history.get(1).location().logicalPath());
            assertEquals("raw/v2.bin", history.get(2).location().logicalPath());
            assertEquals(9, archive.find("21").orElseThrow().tweet().metrics().count("like_count"),
                    "find gives the latest archived state");
        }
        Outsider outsider = new Outsider(data.resolve("store"));
        String obj = "urn:chancery:account:7:2017-07";
        assertEquals(1, lines(outsider.headFile(obj, "records/v1.jsonl")));
        assertEquals(1, lines(outsider.headFile(obj, "observations/v1.jsonl")));
        assertEquals(1, lines(outsider.headFile(obj, "observations/v2.jsonl")));
        assertEquals("v2", outsider.inventory(obj).get("head").asText(), "b5 added no version");
        assertEquals("b1", outsider.inventory(obj).get("versions").get("v1").get("message").asText());
    }

    @Test
    void storesContextPayloadsBesideTheTweetPayload() {
        Capture base = TestCaptures.handWritten("31", "7", "2017-07-10T10:00:00Z", "with context", 1);
        RawPayload user = RawPayload.of("{\"id\":\"7\",\"username\":\"acct7\"}".getBytes(StandardCharsets.UTF_8));
        RawPayload media = RawPayload.of("{\"media_key\":\"3_1\",\"type\":\"photo\"}".getBytes(StandardCharsets.UTF_8));
        Capture capture = new Capture(base.tweet(), base.raw(), List.of(user, media));
        try (OcflArchive archive = open()) {
            archive.put("ctx", List.of(capture));
        }
        Outsider outsider = new Outsider(data.resolve("store"));
        String obj = "urn:chancery:account:7:2017-07";
        byte[] raw = outsider.headFile(obj, "raw/v1.bin");
        assertArrayEquals(concat(base.raw().bytes(), user.bytes(), media.bytes()), raw);
        JsonNode line = TestCaptures.readTree(outsider.headFile(obj, "records/v1.jsonl"));
        JsonNode ctx = line.get("context");
        assertEquals(2, ctx.size());
        assertEquals(base.raw().size(), ctx.get(0).get("offset").asLong());
        assertEquals(user.size(), ctx.get(0).get("length").asLong());
        assertEquals(Outsider.hex("SHA-256", user.bytes()), ctx.get(0).get("sha256").asText());
        assertEquals(base.raw().size() + user.size(), ctx.get(1).get("offset").asLong());
    }

    @Test
    void commitsTheJournalWhenItReachesTheCaptureThreshold() {
        StoreSettings settings = StoreSettings.under(data).withFlushThresholds(3, Long.MAX_VALUE);
        try (OcflArchive archive = new OcflArchive(settings, CLOCK, CommitListener.NONE)) {
            archive.put("a", List.of(TestCaptures.synthetic(1), TestCaptures.synthetic(2)));
            assertEquals(2, archive.pendingCount());
            assertTrue(Files.exists(data.resolve("journal").resolve("journal.log")));
            archive.put("b", List.of(TestCaptures.synthetic(3)));
            assertEquals(0, archive.pendingCount());
            assertFalse(Files.exists(data.resolve("journal").resolve("journal.log")));
            assertEquals("v1", archive.find(TestCaptures.syntheticId(3)).orElseThrow().location().version());
        }
    }

    @Test
    void tellsTheListenerEveryCommittedPayloadOnceInObjectOrder() {
        List<CommittedPayload> heard = new ArrayList<>();
        try (OcflArchive archive = new OcflArchive(StoreSettings.under(data), CLOCK, heard::addAll)) {
            for (int batch = 0; batch < 3; batch++) {
                List<Capture> captures = new ArrayList<>();
                for (int i = 0; i < 40; i++) {
                    captures.add(TestCaptures.synthetic(batch * 40L + i));
                }
                archive.put("batch " + batch, captures);
                archive.flush();
            }
            archive.put("again", List.of(TestCaptures.synthetic(5)));
            archive.flush();
            List<CommittedPayload> all = new ArrayList<>();
            archive.forEachCommitted(all::add);
            assertEquals(120, heard.size());
            assertEquals(new java.util.HashSet<>(all), new java.util.HashSet<>(heard));
            for (CommittedPayload p : heard) {
                long n = Long.parseLong(p.tweetId()) - 1_000_000_000_000L;
                assertEquals(Outsider.hex("SHA-256", TestCaptures.syntheticRaw(n)), p.sha256());
                assertEquals(OcflArchive.objectIdFor(TestCaptures.synthetic(n).tweet()), p.location().objectId());
            }
            List<String> firstFlushObjects = heard.subList(0, 40).stream()
                    .map(p -> p.location().objectId()).toList();
            assertEquals(firstFlushObjects.stream().sorted().toList(), firstFlushObjects, "sorted by object id");
        }
    }

    @Test
    void rebuildsAMissingOrDamagedIdMapFromTheStorageRoot() throws Exception {
        List<Capture> captures = TestCaptures.fixtureCaptures();
        Capture observed = TestCaptures.handWritten("884426551177105409", "16056306", "2017-07-10T14:58:16Z",
                "edited", 3);
        try (OcflArchive archive = open()) {
            archive.put("import", captures);
            archive.flush();
            archive.put("observe", List.of(observed));
        }
        Path idmap = data.resolve("idmap").resolve("idmap.bin");
        Files.delete(idmap);
        assertFindsAll(captures, observed);
        byte[] bytes = Files.readAllBytes(idmap);
        bytes[20] ^= 0x40;
        Files.write(idmap, bytes);
        assertFindsAll(captures, observed);
        byte[] whole = Files.readAllBytes(idmap);
        Files.write(idmap, java.util.Arrays.copyOf(whole, whole.length - 7));
        try (OcflArchive archive = open()) {
            assertEquals(List.of(), archive.verify().stream()
                    .filter(p -> !p.item().equals("idmap") && !p.problem().contains("missing from the id map"))
                    .toList());
            assertFalse(archive.verify().isEmpty(), "a torn last frame loses that version's entries");
            archive.rebuildIdMap();
            assertEquals(List.of(), archive.verify());
        }
        assertFindsAll(captures, observed);
    }

    private void assertFindsAll(List<Capture> captures, Capture observed) {
        try (OcflArchive archive = open()) {
            for (Capture c : captures) {
                assertArrayEquals(c.raw().bytes(), archive.history(c.id()).get(0).raw().bytes());
            }
            assertArrayEquals(observed.raw().bytes(), archive.find(observed.id()).orElseThrow().raw().bytes());
            assertEquals(2, archive.history(observed.id()).size());
            assertEquals(List.of(), archive.verify());
        }
    }

    @Test
    void rejectsABatchWhosePayloadDoesNotMatchItsDigest() {
        Capture good = TestCaptures.handWritten("41", "7", "2017-07-10T10:00:00Z", "fine", 1);
        Capture lying = new Capture(good.tweet(), new RawPayload("{}".getBytes(StandardCharsets.UTF_8),
                good.raw().sha256()));
        try (OcflArchive archive = open()) {
            InvalidInputException e = assertThrows(InvalidInputException.class,
                    () -> archive.put("bad", List.of(good, lying)));
            assertTrue(e.getMessage().contains("<41>"), e.getMessage());
            assertEquals(Optional.empty(), archive.find("41"), "nothing of the rejected batch is archived");
            assertEquals(new BatchResult(1, 0, 0), archive.put("good", List.of(good)));
        }
    }

    @Test
    void refusesASecondOpenOfTheSameDirectories() {
        try (OcflArchive archive = open()) {
            org.chancery.StorageException e = assertThrows(org.chancery.StorageException.class, this::open);
            assertTrue(e.getMessage().contains("open in another process"), e.getMessage());
            assertEquals(new BatchResult(1, 0, 0), archive.put("still usable", List.of(TestCaptures.synthetic(1))));
        }
    }

    static int lines(byte[] bytes) {
        int n = 0;
        for (byte b : bytes) {
            if (b == '\n') {
                n++;
            }
        }
        return n;
    }

    static byte[] concat(byte[]... parts) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }
}
