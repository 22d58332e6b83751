package org.chancery.capture;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.chancery.record.Capture;
import org.chancery.record.Entities;
import org.chancery.record.Media;
import org.chancery.record.ReferenceType;
import org.chancery.record.ReferencedTweet;
import org.chancery.record.SourceFormat;
import org.chancery.record.Tweet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TwitterArchiveImporterTest {
    private static final Instant IMPORTED = Instant.parse("2026-04-01T00:00:00Z");
    private static final ObjectMapper JSON = new ObjectMapper();

    private static Path export;
    private static JsonNode tweets;
    private static JsonNode deleted;
    private static JsonNode account;
    private static Instant generated;
    private static CollectingSink fromFolder;

    @TempDir
    Path tmp;

    @BeforeAll
    static void importFolder() throws IOException, URISyntaxException {
        export = Path.of(TwitterArchiveImporterTest.class.getResource("/fixtures/twitter-archive/milahu104").toURI());
        tweets = jsValue(export.resolve("data/tweets.js"));
        deleted = jsValue(export.resolve("data/deleted-tweets.js"));
        account = jsValue(export.resolve("data/account.js")).get(0).get("account");
        generated = Instant.parse(jsValue(export.resolve("data/manifest.js")).get("archiveInfo").get("generationDate").asText());
        fromFolder = new CollectingSink();
        importer().read(export, "milahu104", fromFolder);
    }

    /** The JSON after the file's "window.X =" assignment, read independently of the importer. */
    private static JsonNode jsValue(Path file) throws IOException {
        String js = Files.readString(file, StandardCharsets.UTF_8);
        return JSON.readTree(js.substring(js.indexOf('=') + 1));
    }

    private static TwitterArchiveImporter importer() {
        return new TwitterArchiveImporter(Clock.fixed(IMPORTED, ZoneOffset.UTC));
    }

    private static Tweet tweet(int index) {
        Tweet t = fromFolder.accepted.get(index).tweet();
        assertEquals(tweets.get(index).get("tweet").get("id_str").asText(), t.id());
        return t;
    }

    @Test
    void importsEveryTweetAndEveryDeletedTweetOfTheRealExport() {
        assertEquals(121, tweets.size());
        assertEquals(47, deleted.size());
        assertEquals(List.of(), fromFolder.rejected);
        assertEquals(tweets.size() + deleted.size(), fromFolder.accepted.size());
        for (int i = 0; i < tweets.size(); i++) {
            Tweet t = fromFolder.accepted.get(i).tweet();
            assertEquals(tweets.get(i).get("tweet").get("id_str").asText(), t.id());
            assertFalse(t.deleted());
            assertEquals("entry data/tweets.js, item " + i, t.provenance().locator());
        }
        for (int i = 0; i < deleted.size(); i++) {
            Tweet t = fromFolder.accepted.get(tweets.size() + i).tweet();
            assertEquals(deleted.get(i).get("tweet").get("id_str").asText(), t.id());
            assertTrue(t.deleted());
            assertEquals("entry data/deleted-tweets.js, item " + i, t.provenance().locator());
        }
    }

    @Test
    void authorComesFromAccountJsAndCaptureTimeFromTheManifest() {
        assertEquals(Instant.parse("2026-03-06T13:15:31.187Z"), generated);
        for (Capture c : fromFolder.accepted) {
            Tweet t = c.tweet();
            assertEquals(account.get("accountId").asText(), t.author().id());
            assertEquals(account.get("username").asText(), t.author().handle());
            assertEquals(account.get("accountDisplayName").asText(), t.author().displayName());
            assertEquals(SourceFormat.TWITTER_ARCHIVE, t.provenance().format());
            assertEquals("milahu104", t.provenance().source());
            assertEquals(generated, t.provenance().capturedAt());
            assertEquals("X archive export", t.provenance().tool());
        }
    }

    @Test
    void rawPayloadIsTheExactItemBytesAndContextTheAccountItem() throws Exception {
        for (String file : List.of("data/tweets.js", "data/deleted-tweets.js")) {
            byte[] fileBytes = Files.readAllBytes(export.resolve(file));
            JsonNode items = jsValue(export.resolve(file));
            List<Capture> captures = fromFolder.accepted.stream()
                    .filter(c -> c.tweet().provenance().locator().startsWith("entry " + file + ","))
                    .toList();
            assertEquals(items.size(), captures.size());
            // The export writes "prefix[\n  item,\n  item\n]": rebuilding it from the raw slices must give the file.
            String text = new String(fileBytes, StandardCharsets.UTF_8);
            ByteArrayOutputStream rebuilt = new ByteArrayOutputStream();
            rebuilt.write(text.substring(0, text.indexOf("[\n  ") + 4).getBytes(StandardCharsets.UTF_8));
            for (int i = 0; i < captures.size(); i++) {
                byte[] raw = captures.get(i).raw().bytes();
                assertEquals(items.get(i), JSON.readTree(raw), file + " item " + i);
                assertEquals(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(raw)),
                        captures.get(i).raw().sha256());
                rebuilt.write(raw);
                rebuilt.write((i + 1 < captures.size() ? ",\n  " : "\n]").getBytes(StandardCharsets.UTF_8));
            }
            assertArrayEquals(fileBytes, rebuilt.toByteArray(), file);
        }
        JsonNode accountItem = jsValue(export.resolve("data/account.js")).get(0);
        for (Capture c : fromFolder.accepted) {
            assertEquals(1, c.context().size());
            assertEquals(accountItem, JSON.readTree(c.context().get(0).bytes()));
        }
    }

    @Test
    void mapsAReplyWithMentionUrlMetricsAndEditHistory() {
        JsonNode src = tweets.get(0).get("tweet");
        Tweet t = tweet(0);
        assertEquals(Instant.parse("2026-03-06T13:02:05Z"), t.createdAt());
        assertEquals("Fri Mar 06 13:02:05 +0000 2026", src.get("created_at").asText());
        assertEquals(src.get("full_text").asText(), t.text());
        assertEquals("qme", t.lang());
        assertEquals("Twitter Web App", t.sourceClient());
        assertEquals(src.get("in_reply_to_user_id_str").asText(), t.inReplyToUserId());
        assertEquals(List.of(new ReferencedTweet(ReferenceType.REPLIED_TO, src.get("in_reply_to_status_id_str").asText(), null)),
                t.referencedTweets());
        JsonNode mention = src.get("entities").get("user_mentions").get(0);
        assertEquals(List.of(new Entities.Mention(mention.get("screen_name").asText(), mention.get("id_str").asText(),
                Integer.parseInt(mention.get("indices").get(0).asText()), Integer.parseInt(mention.get("indices").get(1).asText()))),
                t.entities().mentions());
        JsonNode url = src.get("entities").get("urls").get(0);
        assertEquals(List.of(new Entities.Url(url.get("url").asText(), url.get("expanded_url").asText(),
                url.get("display_url").asText(), 11, 34)), t.entities().urls());
        assertEquals(List.of(src.get("edit_info").get("initial").get("editTweetIds").get(0).asText()), t.editHistoryIds());
        assertEquals(Boolean.FALSE, t.possiblySensitive());
        assertEquals(Map.of("like_count", 0L, "retweet_count", 0L), t.metrics().counts());
        assertEquals(generated, t.metrics().observedAt());
        assertEquals("reply", t.kind());
    }

    @Test
    void countsWrittenAsStringsBecomeMetrics() {
        JsonNode src = tweets.get(10).get("tweet");
        Tweet t = tweet(10);
        assertEquals(Long.parseLong(src.get("favorite_count").asText()), t.metrics().count("like_count"));
        assertEquals(Long.parseLong(src.get("retweet_count").asText()), t.metrics().count("retweet_count"));
        assertTrue(t.metrics().count("like_count") > 0);
    }

    @Test
    void retweetHasNoRecoverableReferenceButKeepsItsPhoto() {
        JsonNode src = tweets.get(6).get("tweet");
        Tweet t = tweet(6);
        assertTrue(t.text().startsWith("RT @StephanRPalm:"));
        assertEquals(List.of(), t.referencedTweets());
        assertNull(t.inReplyToUserId());
        JsonNode m = src.get("extended_entities").get("media").get(0);
        assertEquals(List.of(new Media(m.get("id_str").asText(), "photo", m.get("media_url_https").asText(), null,
                Integer.parseInt(m.get("sizes").get("large").get("w").asText()),
                Integer.parseInt(m.get("sizes").get("large").get("h").asText()))), t.media());
        assertEquals(List.of("StephanRPalm", "CDU"), t.entities().mentions().stream().map(Entities.Mention::handle).toList());
    }

    @Test
    void hashtagsAndVideoAreMapped() {
        JsonNode tag = tweets.get(12).get("tweet").get("entities").get("hashtags").get(0);
        assertEquals(List.of(new Entities.Hashtag(tag.get("text").asText(), 49, 76)), tweet(12).entities().hashtags());
        Tweet video = tweet(120);
        JsonNode m = tweets.get(120).get("tweet").get("extended_entities").get("media").get(0);
        assertEquals(1, video.media().size());
        assertEquals("video", video.media().get(0).type());
        assertEquals(m.get("id_str").asText(), video.media().get(0).key());
        assertEquals(m.get("media_url_https").asText(), video.media().get(0).url());
    }

    @Test
    void zipGivesTheSameCapturesAsTheFolder() throws IOException {
        Path zip = tmp.resolve("export.zip");
        writeZip(zip, "", Map.of());
        CollectingSink fromZip = new CollectingSink();
        importer().read(zip, "milahu104", fromZip);
        assertEquals(List.of(), fromZip.rejected);
        assertEquals(fromFolder.accepted, fromZip.accepted);
    }

    @Test
    void zipWithATopLevelFolderIsReadFromThatFolder() throws IOException {
        Path zip = tmp.resolve("nested.zip");
        writeZip(zip, "twitter-2026-03-06/", Map.of());
        CollectingSink fromZip = new CollectingSink();
        importer().read(zip, "milahu104", fromZip);
        assertEquals(List.of(), fromZip.rejected);
        assertEquals(fromFolder.accepted, fromZip.accepted);
    }

    @Test
    void zipSlipEntriesAreRejectedByNameAndNotRead() throws IOException {
        byte[] evil = Files.readAllBytes(export.resolve("data/deleted-tweets.js"));
        Path zip = tmp.resolve("evil.zip");
        writeZip(zip, "", Map.of("../evil.js", evil, "data/../../tweets.js", evil, "/data/tweets-part1.js", evil));
        CollectingSink sink = new CollectingSink();
        importer().read(zip, "milahu104", sink);
        assertEquals(fromFolder.accepted, sink.accepted);
        assertEquals(List.of("entry ../evil.js", "entry /data/tweets-part1.js", "entry data/../../tweets.js"),
                sink.rejected.stream().map(Rejection::locator).sorted().toList());
        for (Rejection r : sink.rejected) {
            assertEquals("(zip entry)", r.field());
            assertTrue(r.problem().contains("zip slip"), r.oneLine());
            assertTrue(r.problem().contains(r.locator().substring("entry ".length())), r.oneLine());
        }
    }

    @Test
    void tweetWithoutIdIsRejectedAndTheOthersAccepted() throws IOException {
        Path copy = copyExport();
        String id = tweets.get(3).get("tweet").get("id_str").asText();
        Path file = copy.resolve("data/tweets.js");
        String js = Files.readString(file, StandardCharsets.UTF_8);
        String field = "\"id_str\" : \"" + id + "\",\n      ";
        assertEquals(js.indexOf(field), js.lastIndexOf(field), "the tweet's own id_str occurs once");
        Files.writeString(file, js.replace(field, ""), StandardCharsets.UTF_8);

        CollectingSink sink = new CollectingSink();
        importer().read(copy, "copy", sink);

        assertEquals(1, sink.rejected.size());
        Rejection r = sink.rejected.get(0);
        assertEquals("entry data/tweets.js, item 3", r.locator());
        assertEquals("id_str", r.field());
        assertEquals(tweets.size() - 1 + deleted.size(), sink.accepted.size());
        assertFalse(sink.accepted.stream().anyMatch(c -> c.id().equals(id)));
        assertEquals("entry data/tweets.js, item 4", sink.accepted.get(3).tweet().provenance().locator());
    }

    @Test
    void fileOverTheSizeCapIsRejectedUnreadAndOtherFilesStillImported() throws IOException {
        long tweetsSize = Files.size(export.resolve("data/tweets.js"));
        long cap = Files.size(export.resolve("data/deleted-tweets.js")) + 1;
        assertTrue(tweetsSize > cap);
        CollectingSink sink = new CollectingSink();
        new TwitterArchiveImporter(Clock.fixed(IMPORTED, ZoneOffset.UTC), cap).read(export, "milahu104", sink);
        assertEquals(1, sink.rejected.size());
        assertEquals("entry data/tweets.js", sink.rejected.get(0).locator());
        assertEquals("(size)", sink.rejected.get(0).field());
        assertEquals(deleted.size(), sink.accepted.size());
    }

    @Test
    void withoutAccountJsEveryTweetIsRejectedForItsUnknownAuthor() throws IOException {
        Path copy = copyExport();
        Files.delete(copy.resolve("data/account.js"));
        CollectingSink sink = new CollectingSink();
        importer().read(copy, "copy", sink);
        assertEquals(List.of(), sink.accepted);
        assertEquals(1 + tweets.size() + deleted.size(), sink.rejected.size());
        assertEquals("entry data/account.js", sink.rejected.get(0).locator());
        assertTrue(sink.rejected.stream().skip(1).allMatch(r -> r.field().equals("(account)")));
    }

    @Test
    void withoutManifestTheCaptureTimeIsTheImportInstant() throws IOException {
        Path copy = copyExport();
        Files.delete(copy.resolve("data/manifest.js"));
        CollectingSink sink = new CollectingSink();
        importer().read(copy.resolve("data"), "copy", sink);
        assertEquals(List.of(), sink.rejected);
        assertEquals(fromFolder.accepted.size(), sink.accepted.size());
        assertEquals(IMPORTED, sink.accepted.get(0).tweet().provenance().capturedAt());
    }

    @Test
    void folderWithoutExportFilesIsRejectedOnce() throws IOException {
        Path empty = Files.createDirectory(tmp.resolve("empty"));
        CollectingSink sink = new CollectingSink();
        importer().read(empty, "empty", sink);
        assertEquals(List.of(), sink.accepted);
        assertEquals(1, sink.rejected.size());
        assertEquals("(archive)", sink.rejected.get(0).field());
    }

    @Test
    void tweetFilesAreReadTweetsFirstThenOlderNameThenDeletedWithPartsInNumericOrder() {
        assertEquals(List.of("data/tweets.js", "data/tweets-part2.js", "data/tweets-part10.js", "data/tweet.js",
                        "data/deleted-tweets.js", "data/deleted-tweets-part1.js"),
                TwitterArchiveImporter.tweetFiles(List.of("data/deleted-tweets-part1.js", "data/deleted-tweets.js",
                        "data/tweet-headers.js", "data/tweet.js", "data/tweets-part10.js", "data/tweets-part2.js",
                        "data/tweets.js", "data/account.js", "data/tweets.json")));
    }

    @Test
    void sourceClientHtmlIsStripped() {
        assertEquals("Twitter Web App",
                ArchiveTweetMapper.stripHtml("<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>"));
        assertEquals("Hootsuite & Co", ArchiveTweetMapper.stripHtml("<a href=\"x\">Hootsuite &amp; Co</a>"));
        assertNull(ArchiveTweetMapper.stripHtml("<a href=\"x\"></a>"));
    }

    private Path copyExport() throws IOException {
        Path copy = tmp.resolve("copy");
        Files.createDirectories(copy.resolve("data"));
        try (Stream<Path> files = Files.list(export.resolve("data"))) {
            for (Path f : files.toList()) {
                Files.copy(f, copy.resolve("data").resolve(f.getFileName().toString()));
            }
        }
        return copy;
    }

    /** Zips the fixture's data/ folder under {@code prefix}, plus extra entries with raw names. */
    private void writeZip(Path zip, String prefix, Map<String, byte[]> extra) throws IOException {
        List<Path> files = new ArrayList<>();
        try (Stream<Path> list = Files.list(export.resolve("data"))) {
            list.sorted().forEach(files::add);
        }
        try (OutputStream out = Files.newOutputStream(zip); ZipOutputStream z = new ZipOutputStream(out)) {
            for (Map.Entry<String, byte[]> e : extra.entrySet()) {
                z.putNextEntry(new ZipEntry(e.getKey()));
                z.write(e.getValue());
                z.closeEntry();
            }
            for (Path f : files) {
                z.putNextEntry(new ZipEntry(prefix + "data/" + f.getFileName()));
                z.write(Files.readAllBytes(f));
                z.closeEntry();
            }
        }
    }
}
