package org.chancery.capture;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import org.chancery.record.Capture;
import org.chancery.record.Entities;
import org.chancery.record.ReferenceType;
import org.chancery.record.ReferencedTweet;
import org.chancery.record.SourceFormat;
import org.chancery.record.Tweet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CongressTweetsImporterTest {
    private static final Instant IMPORTED = Instant.parse("2026-02-03T04:05:06Z");
    private static final String FIXTURE = "/fixtures/congresstweets/2017-07-10.json";

    private static byte[] fileBytes;
    private static ArrayNode items;
    private static CollectingSink realDay;

    @TempDir
    Path tmp;

    @BeforeAll
    static void importRealDay(@TempDir Path dir) throws IOException {
        try (InputStream in = CongressTweetsImporterTest.class.getResourceAsStream(FIXTURE)) {
            fileBytes = in.readAllBytes();
        }
        items = (ArrayNode) new ObjectMapper().readTree(fileBytes);
        Path file = dir.resolve("2017-07-10.json");
        Files.write(file, fileBytes);
        realDay = new CollectingSink();
        importer().read(file, "data/2017-07-10.json", realDay);
    }

    private static CongressTweetsImporter importer() {
        return new CongressTweetsImporter(Clock.fixed(IMPORTED, ZoneOffset.UTC));
    }

    private static Tweet tweet(int index) {
        Tweet t = realDay.accepted.get(index).tweet();
        assertEquals(items.get(index).get("id").asText(), t.id(), "capture " + index + " is item " + index);
        return t;
    }

    @Test
    void importsEveryItemOfTheRealDailyFileWithoutRejections() {
        assertEquals(1684, items.size());
        assertEquals(items.size(), realDay.accepted.size());
        assertEquals(List.of(), realDay.rejected);
        for (int i = 0; i < items.size(); i++) {
            assertEquals(items.get(i).get("id").asText(), realDay.accepted.get(i).id(), "item " + i);
        }
    }

    @Test
    void rawPayloadIsTheExactBytesOfEachItem() throws Exception {
        ObjectMapper mapper = new ObjectMapper();
        // The file is compact JSON, so the raw slices joined by commas inside brackets must rebuild it byte for byte.
        ByteArrayOutputStream rebuilt = new ByteArrayOutputStream();
        rebuilt.write('[');
        for (int i = 0; i < realDay.accepted.size(); i++) {
            Capture c = realDay.accepted.get(i);
            byte[] raw = c.raw().bytes();
            assertEquals(items.get(i), mapper.readTree(raw), "item " + i + " parsed from its raw bytes");
            String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(raw));
            assertEquals(sha, c.raw().sha256(), "item " + i + " sha256");
            if (i > 0) {
                rebuilt.write(',');
            }
            rebuilt.write(raw);
        }
        rebuilt.write(']');
        assertArrayEquals(fileBytes, rebuilt.toByteArray());
    }

    @Test
    void provenanceNamesFileItemIndexImportInstantAndTool() {
        for (int i : new int[] {0, 1, 1683}) {
            var p = realDay.accepted.get(i).tweet().provenance();
            assertEquals(SourceFormat.CONGRESSTWEETS, p.format());
            assertEquals("data/2017-07-10.json", p.source());
            assertEquals("item " + i, p.locator());
            assertEquals(IMPORTED, p.capturedAt());
            assertEquals("congresstweets", p.tool());
        }
    }

    @Test
    void mapsEveryFieldOfARetweetAndRefersToTheOriginalFromItsLink() {
        JsonNode item = items.get(0);
        Tweet t = tweet(0);
        assertEquals("884426551177105409", t.id());
        assertEquals(item.get("user_id").asText(), t.author().id());
        assertEquals("JeffFlake", t.author().handle());
        assertNull(t.author().displayName());
        assertEquals(Instant.parse("2017-07-10T14:58:16Z"), t.createdAt());
        assertEquals(item.get("text").asText(), t.text());
        assertEquals("Twitter Web Client", t.sourceClient());
        assertNull(t.lang());
        assertNull(t.metrics());
        assertNull(t.inReplyToUserId());
        String link = item.get("link").asText();
        String originalId = link.substring(link.lastIndexOf('/') + 1);
        assertEquals("884425445684465665", originalId);
        assertEquals(List.of(new ReferencedTweet(ReferenceType.RETWEETED, originalId, null)), t.referencedTweets());
        assertEquals("retweet", t.kind());
        assertEquals(List.of("kristinapet", "jestei", "JeffFlake"),
                t.entities().mentions().stream().map(Entities.Mention::handle).toList());
        assertEquals(List.of("http://nyti.ms/2u0fb3j", "http://pbs.twimg.com/media/DEYb3zJXsAEpFtV.jpg"),
                t.entities().urls().stream().map(Entities.Url::url).toList());
    }

    @Test
    void quoteRefersToTheTweetWhoseUrlPrecedesTheQtMarker() {
        Tweet t = tweet(1);
        assertEquals("carloslcurbelo", t.author().handle());
        assertEquals(Instant.parse("2017-07-10T09:36:36Z"), t.createdAt());
        assertEquals(List.of(new ReferencedTweet(ReferenceType.QUOTED, "884142582191849474", null)), t.referencedTweets());
        assertEquals("quote", t.kind());
        assertEquals(List.of("Assad", "Syria"), t.entities().hashtags().stream().map(Entities.Hashtag::tag).toList());
    }

    @Test
    void quoteUrlFollowedByAHashtagBeforeTheQtMarkerIsStillFound() {
        Tweet t = tweet(1087);
        assertTrue(items.get(1087).get("text").asText().contains("/status/883794414686134272 #tcot QT @senorrinhatch"));
        assertEquals(List.of(new ReferencedTweet(ReferenceType.QUOTED, "883794414686134272", null)), t.referencedTweets());
    }

    @Test
    void itemWithUserIdInAnotherKeyOrderIsMappedTheSame() {
        Tweet t = tweet(151);
        assertEquals("2654291262", t.author().id());
        assertEquals("SenateSmallBiz", t.author().handle());
        assertTrue(t.text().startsWith("---&gt; #VeteranOwned"), "text keeps the source's HTML entities");
        assertEquals(List.of(new ReferencedTweet(ReferenceType.QUOTED, "884409992014692353", null)), t.referencedTweets());
    }

    @Test
    void retweetOfAQuoteRefersOnlyToTheRetweetedTweet() {
        Tweet t = tweet(694);
        assertTrue(items.get(694).get("text").asText().contains(" QT @burgessev "));
        assertEquals(List.of(new ReferencedTweet(ReferenceType.RETWEETED, "884513289123889153", null)), t.referencedTweets());
    }

    @Test
    void textStartingWithRtButLinkingToItselfIsAnOrdinaryTweet() {
        Tweet t = tweet(406);
        assertTrue(t.text().startsWith("RT &amp; tell"));
        assertEquals(List.of(), t.referencedTweets());
        assertEquals("original", t.kind());
    }

    @Test
    void entityOffsetsCountCodePointsInRealText() {
        Tweet t = tweet(55);
        String text = items.get(55).get("text").asText();
        assertEquals(List.of(new Entities.Hashtag("Trumpcare", 0, 10)), t.entities().hashtags());
        String media = "http://pbs.twimg.com/media/DEY8nC5W0AAKsBE.jpg";
        int start = text.codePointCount(0, text.indexOf(media));
        assertTrue(start < text.indexOf(media), "the text has an emoji outside the BMP before the link");
        Entities.Url url = t.entities().urls().get(1);
        assertEquals(new Entities.Url(media, media, media, start, start + media.length()), url);
    }

    @Test
    void badItemsAreRejectedByFieldAndTheOthersStillAccepted() throws IOException {
        ObjectMapper mapper = new ObjectMapper();
        ArrayNode array = mapper.createArrayNode();
        array.add(items.get(0).deepCopy());
        ObjectNode badId = items.get(1).deepCopy();
        badId.put("id", "88434560148332134x");
        array.add(badId);
        ObjectNode noTime = items.get(2).deepCopy();
        noTime.remove("time");
        array.add(noTime);
        ObjectNode localTime = items.get(3).deepCopy();
        localTime.put("time", "2017-07-10T10:58:16");
        array.add(localTime);
        array.add(42);
        array.add(items.get(4).deepCopy());
        Path file = tmp.resolve("bad.json");
        Files.write(file, mapper.writeValueAsBytes(array));

        CollectingSink sink = new CollectingSink();
        importer().read(file, "bad.json", sink);

        assertEquals(List.of(items.get(0).get("id").asText(), items.get(4).get("id").asText()),
                sink.accepted.stream().map(Capture::id).toList());
        assertEquals(4, sink.rejected.size(), sink.rejected.toString());
        assertRejection(sink.rejected.get(0), "item 1", "id", "88434560148332134x");
        assertRejection(sink.rejected.get(1), "item 2", "time", "missing");
        assertRejection(sink.rejected.get(2), "item 3", "time", "2017-07-10T10:58:16");
        assertRejection(sink.rejected.get(3), "item 4", "(json)", "object");
        assertEquals("item 5", sink.accepted.get(1).tweet().provenance().locator());
    }

    @Test
    void truncatedFileKeepsTheCompleteItemsBeforeTheCutAndRejectsOnce() throws IOException {
        String whole = new String(fileBytes, StandardCharsets.UTF_8);
        int boundary = 0;
        for (int i = 0; i < 3; i++) {
            boundary = whole.indexOf("},{", boundary + 1);
        }
        // boundary is the closing brace of item 2; cut 40 bytes into item 3
        int cut = whole.substring(0, boundary).getBytes(StandardCharsets.UTF_8).length + 40;
        Path file = tmp.resolve("cut.json");
        Files.write(file, java.util.Arrays.copyOf(fileBytes, cut));

        CollectingSink sink = new CollectingSink();
        importer().read(file, "cut.json", sink);

        assertEquals(List.of(items.get(0).get("id").asText(), items.get(1).get("id").asText(),
                items.get(2).get("id").asText()), sink.accepted.stream().map(Capture::id).toList());
        assertEquals(1, sink.rejected.size());
        assertRejection(sink.rejected.get(0), "item 3", "(json)", "byte " + cut);
    }

    @Test
    void fileCutBetweenItemsIsRejectedOnceAfterTheCompleteItems() throws IOException {
        Path file = tmp.resolve("open.json");
        ObjectMapper mapper = new ObjectMapper();
        byte[] one = mapper.writeValueAsBytes(items.get(0));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write('[');
        out.write(one);
        out.write(',');
        Files.write(file, out.toByteArray());

        CollectingSink sink = new CollectingSink();
        importer().read(file, "open.json", sink);

        assertEquals(1, sink.accepted.size());
        assertArrayEquals(one, sink.accepted.get(0).raw().bytes());
        assertEquals(1, sink.rejected.size());
        assertEquals("item 1", sink.rejected.get(0).locator());
    }

    @Test
    void fileThatIsNotAnArrayIsRejectedWhole() throws IOException {
        Path file = tmp.resolve("object.json");
        Files.write(file, new ObjectMapper().writeValueAsBytes(items.get(0)));
        CollectingSink sink = new CollectingSink();
        importer().read(file, "object.json", sink);
        assertEquals(List.of(), sink.accepted);
        assertEquals(1, sink.rejected.size());
        assertRejection(sink.rejected.get(0), "byte 0", "(json)", "array");
    }

    @Test
    void contentAfterTheArrayIsRejectedAndTheItemsKept() throws IOException {
        ObjectMapper mapper = new ObjectMapper();
        byte[] array = mapper.writeValueAsBytes(mapper.createArrayNode().add(items.get(0)));
        Path file = tmp.resolve("trailing.json");
        Files.write(file, (new String(array, StandardCharsets.UTF_8) + "\n[]").getBytes(StandardCharsets.UTF_8));
        CollectingSink sink = new CollectingSink();
        importer().read(file, "trailing.json", sink);
        assertEquals(1, sink.accepted.size());
        assertEquals(1, sink.rejected.size());
        assertRejection(sink.rejected.get(0), "byte " + (array.length + 1), "(json)", "follows");
    }

    @Test
    void folderOfDailyFilesIsReadInNameOrderWithEachFileNamed() throws IOException {
        ObjectMapper mapper = new ObjectMapper();
        Path dir = Files.createDirectory(tmp.resolve("data"));
        Files.write(dir.resolve("2017-07-11.json"), mapper.writeValueAsBytes(mapper.createArrayNode().add(items.get(1))));
        Files.write(dir.resolve("2017-07-10.json"), mapper.writeValueAsBytes(mapper.createArrayNode().add(items.get(0))));
        Files.writeString(dir.resolve("README.md"), "not a daily file", StandardCharsets.UTF_8);

        CollectingSink sink = new CollectingSink();
        importer().read(dir, "data", sink);

        assertEquals(List.of(), sink.rejected);
        assertEquals(List.of(items.get(0).get("id").asText(), items.get(1).get("id").asText()),
                sink.accepted.stream().map(Capture::id).toList());
        assertEquals("data/2017-07-10.json", sink.accepted.get(0).tweet().provenance().source());
        assertEquals("data/2017-07-11.json", sink.accepted.get(1).tweet().provenance().source());
    }

    private static void assertRejection(Rejection r, String locator, String field, String problemMentions) {
        assertEquals(locator, r.locator(), r.oneLine());
        assertEquals(field, r.field(), r.oneLine());
        assertTrue(r.problem().contains(problemMentions), r.oneLine());
    }
}
