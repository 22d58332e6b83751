package org.chancery.record;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.chancery.InvalidInputException;
import org.junit.jupiter.api.Test;

class TweetJsonTest {
    private final TweetJson json = new TweetJson();
    private final ObjectMapper plain = new ObjectMapper();

    static Tweet fullTweet() {
        Tweet quoted = Tweet.builder()
                .id("884142582191849474")
                .author(new Author("25073877", "realDonaldTrump", null))
                .createdAt(Instant.parse("2017-07-09T19:29:01Z"))
                .text("Syrian ceasefire seems to be holding.")
                .provenance(new Provenance(SourceFormat.API_V1, "a.json", "line 1",
                        Instant.parse("2017-07-10T12:00:00Z"), "twarc 1.2"))
                .build();
        return Tweet.builder()
                .id("884345601483321347")
                .author(new Author("1177437224", "@carloslcurbelo", "Carlos Curbelo"))
                .createdAt(Instant.parse("2017-07-10T09:36:36.250Z"))
                .text("Certainly something to celebrate \uD83D\uDC47 #Assad $TSLA @FBI https://t.co/x")
                .lang("en")
                .sourceClient("Twitter for iPhone")
                .conversationId("884345601483321347")
                .inReplyToUserId("25073877")
                .referencedTweets(List.of(new ReferencedTweet(ReferenceType.QUOTED, "884142582191849474", quoted),
                        new ReferencedTweet(ReferenceType.REPLIED_TO, "884142582191849470", null)))
                .entities(new Entities(List.of(new Entities.Hashtag("Assad", 35, 41)),
                        List.of(new Entities.Mention("FBI", "17629860", 49, 53)),
                        List.of(new Entities.Cashtag("TSLA", 42, 47)),
                        List.of(new Entities.Url("https://t.co/x", "https://example.org/a", "example.org/a", 54, 68))))
                .media(List.of(new Media("3_884345", "photo", "https://pbs.twimg.com/media/DEYb3zJXsAEpFtV.jpg",
                        "a crowd", 1200, 800)))
                .metrics(new Metrics(Instant.parse("2017-07-10T12:00:00Z"),
                        Map.of("retweet_count", 12L, "like_count", 40L, "reply_count", 3L)))
                .editHistoryIds(List.of("884345601483321347"))
                .possiblySensitive(false)
                .place(new Place("01fbe706f872cb32", "Washington, DC", "US", -77.0365, 38.8977))
                .deleted(true)
                .provenance(new Provenance(SourceFormat.CONGRESSTWEETS, "data/2017-07-10.json", "item 2",
                        Instant.parse("2017-07-11T04:00:00Z"), "congresstweets"))
                .build();
    }

    @Test
    void roundTripsEveryFieldToAnEqualRecord() {
        Tweet tweet = fullTweet();
        assertEquals(tweet, json.decode(json.encode(tweet)));
    }

    @Test
    void roundTripsAMinimalTweet() {
        Tweet tweet = Tweet.builder().id("1").author(new Author("2", null, null))
                .createdAt(Instant.parse("2006-03-21T20:50:14Z")).text("")
                .provenance(new Provenance(SourceFormat.API_V2, "s", null, Instant.EPOCH, null)).build();
        assertEquals(tweet, json.decode(json.encodeToString(tweet)));
    }

    @Test
    void writesComponentsInRecordOrderWithCamelCaseNamesAndOmitsNulls() throws Exception {
        Tweet tweet = Tweet.builder().id("1").author(new Author("2", "h", null))
                .createdAt(Instant.parse("2006-03-21T20:50:14Z")).text("hi")
                .provenance(new Provenance(SourceFormat.API_V2, "s", "line 1", Instant.EPOCH, "t")).build();
        JsonNode node = plain.readTree(json.encode(tweet));
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        List<String> expected = Arrays.stream(Tweet.class.getRecordComponents())
                .map(c -> c.getName())
                .filter(n -> !List.of("lang", "sourceClient", "conversationId", "inReplyToUserId", "metrics",
                        "possiblySensitive", "place").contains(n))
                .toList();
        assertEquals(expected, names);
        assertFalse(node.get("author").has("displayName"), "null displayName is omitted");
        assertTrue(node.get("referencedTweets").isArray() && node.get("referencedTweets").isEmpty());
        assertFalse(node.get("entities").has("empty"), "derived accessors are not written");
        assertEquals("2006-03-21T20:50:14Z", node.get("createdAt").asText());
        assertEquals("1970-01-01T00:00:00Z", node.get("provenance").get("capturedAt").asText());
        assertEquals("API_V2", node.get("provenance").get("format").asText());
    }

    @Test
    void writesInstantsAsIsoStringsAndMetricsAsSortedMap() throws Exception {
        JsonNode node = plain.readTree(json.encode(fullTweet()));
        assertEquals("2017-07-10T09:36:36.250Z", node.get("createdAt").asText());
        List<String> counts = new ArrayList<>();
        node.get("metrics").get("counts").fieldNames().forEachRemaining(counts::add);
        assertEquals(List.of("like_count", "reply_count", "retweet_count"), counts);
        assertEquals(40, node.get("metrics").get("counts").get("like_count").asLong());
        assertEquals("Carlos Curbelo", node.get("author").get("displayName").asText());
        assertEquals("carloslcurbelo", node.get("author").get("handle").asText());
        assertEquals("884142582191849474",
                node.get("referencedTweets").get(0).get("embedded").get("id").asText());
        assertFalse(node.get("referencedTweets").get(1).has("embedded"));
    }

    @Test
    void encodingIsDeterministicAndOnOneLine() {
        byte[] a = json.encode(fullTweet());
        byte[] b = new TweetJson().encode(fullTweet());
        assertEquals(new String(a, StandardCharsets.UTF_8), new String(b, StandardCharsets.UTF_8));
        assertFalse(new String(a, StandardCharsets.UTF_8).contains("\n"));
    }

    @Test
    void ignoresUnknownPropertiesAndRejectsBrokenJson() {
        String text = json.encodeToString(fullTweet());
        String withExtra = "{\"addedLater\":1," + text.substring(1);
        assertEquals(fullTweet(), json.decode(withExtra));
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> json.decode("{\"id\":\"x\"}"));
        assertTrue(e.getMessage().startsWith("Tweet JSON could not be read"), e.getMessage());
    }

    @Test
    void readsEveryInstantSpellingAsJavaTimeModuleReadsIt() throws Exception {
        ObjectMapper javaTime = new ObjectMapper().registerModule(new com.fasterxml.jackson.datatype.jsr310.JavaTimeModule())
                .disable(com.fasterxml.jackson.databind.DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE);
        String text = json.encodeToString(fullTweet());
        String created = "\"createdAt\":\"2017-07-10T09:36:36.250Z\"";
        assertTrue(text.contains(created), text);
        for (String spelling : List.of("\"2017-07-10T09:36:36.250Z\"", "\"2017-07-10T09:36:36.25Z\"",
                "\"2017-07-10T09:36:36.000Z\"", "\"2017-07-10T09:36:36.123456789Z\"", "\"2017-07-10T09:36:36Z\"",
                "\"2017-07-10T11:36:36+02:00\"", "\"1970-01-01T00:00:00Z\"", "\"+10000-01-01T00:00:00Z\"",
                "1499679396", "1499679396.250")) {
            Instant expected = javaTime.readValue(spelling, Instant.class);
            Tweet read = json.decode(text.replace(created, "\"createdAt\":" + spelling));
            assertEquals(expected, read.createdAt(), spelling);
        }
        assertThrows(InvalidInputException.class, () -> json.decode(text.replace(created,
                "\"createdAt\":\"2017-02-30T09:36:36Z\"")), "an impossible date is refused as before");
    }
}
