package org.chancery.record;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.chancery.InvalidInputException;
import org.junit.jupiter.api.Test;

/**
 * {@link TweetJson#encode} (the streaming {@link TweetJsonWriter}) writes the same bytes as the databind writer it
 * replaced ({@link DatabindTweetWriter}), and those bytes read back to an equal tweet.
 */
class TweetJsonWriterTest {
    /** Characters that JSON escaping, UTF-8 encoding or the generator's buffer boundaries treat specially. */
    static final List<String> TRICKY = trickyStrings();

    private final TweetJson json = new TweetJson();
    private final DatabindTweetWriter reference = new DatabindTweetWriter();
    private final ObjectMapper plain = new ObjectMapper();

    @Test
    void writesEveryComponentOfEveryNestedRecordAsDatabindDid() throws Exception {
        Tweet tweet = new EveryComponent().make(Tweet.class);
        assertSameBytesAndRoundTrips(tweet);
        JsonNode written = plain.readTree(json.encode(tweet));
        Set<Class<?>> seen = new HashSet<>();
        assertEveryComponentWritten(tweet, written, "tweet", seen);
        // The walk went through every record a tweet is made of, so a component of any of them is checked.
        assertTrue(seen.containsAll(List.of(Tweet.class, Author.class, ReferencedTweet.class, Entities.class,
                Entities.Hashtag.class, Entities.Mention.class, Entities.Cashtag.class, Entities.Url.class,
                Media.class, Metrics.class, Place.class, Provenance.class)), seen.toString());
        assertNotNull(written.get("referencedTweets").get(0).get("embedded").get("author"), "nested tweets in full");
    }

    @Test
    void everyComponentGuardNoticesAMissingComponent() throws Exception {
        Tweet tweet = new EveryComponent().make(Tweet.class);
        String full = json.encodeToString(tweet);
        String lang = "\"lang\":\"" + tweet.lang() + "\",";
        assertTrue(full.contains(lang), full);
        JsonNode withoutLang = plain.readTree(full.replace(lang, ""));
        assertThrows(AssertionError.class,
                () -> assertEveryComponentWritten(tweet, withoutLang, "tweet", new HashSet<>()));
    }

    @Test
    void escapesTrickyTextInEveryStringAsDatabindDid() throws Exception {
        for (String s : TRICKY) {
            assertSameBytesAndRoundTrips(everyStringIs(s));
        }
    }

    @Test
    void writesLoneAndPairedSurrogatesAsDatabindDid() throws Exception {
        Tweet tweet = everyStringIs("\uD83D\uDC47 \uD800 x\uDC00 \uDBFF\uDFFF \uDC47\uD83D end\uD83D");
        String written = assertSameBytesAndRoundTrips(tweet);
        assertTrue(written.contains("\\uD83D\\uDC47"), "the generator escapes surrogates: " + written);
    }

    @Test
    void writesCountNamesWithLoneSurrogatesAsDatabindDidThoughTheyCannotBeReadBack() throws Exception {
        // Found while writing these tests; the databind writer behaved the same, and the decoder is unchanged.
        Tweet tweet = Tweet.builder().id("1").author(new Author("2", null, null)).createdAt(Instant.EPOCH).text("")
                .metrics(new Metrics(Instant.EPOCH, Map.of("a\uD800b", 1L)))
                .provenance(new Provenance(SourceFormat.API_V1, "s", null, Instant.EPOCH, null)).build();
        byte[] written = json.encode(tweet);
        assertTrue(java.util.Arrays.equals(reference.encode(tweet), written));
        assertTrue(new String(written, StandardCharsets.UTF_8).contains("\"counts\":{\"a\\uD800b\":1}"));
        assertThrows(InvalidInputException.class, () -> json.decode(written));
    }

    @Test
    void writesMinimalTweetsWithEveryOptionalNullAndEveryListEmpty() throws Exception {
        Tweet minimal = Tweet.builder().id("1").author(new Author("2", null, null)).createdAt(Instant.EPOCH).text("")
                .provenance(new Provenance(SourceFormat.API_V2, "", null, Instant.EPOCH, null)).build();
        String written = assertSameBytesAndRoundTrips(minimal);
        assertEquals("{\"id\":\"1\",\"author\":{\"id\":\"2\"},\"createdAt\":\"1970-01-01T00:00:00Z\",\"text\":\"\","
                + "\"referencedTweets\":[],\"entities\":{\"hashtags\":[],\"mentions\":[],\"cashtags\":[],\"urls\":[]},"
                + "\"media\":[],\"editHistoryIds\":[],\"deleted\":false,\"provenance\":{\"format\":\"API_V2\","
                + "\"source\":\"\",\"capturedAt\":\"1970-01-01T00:00:00Z\"}}", written);
        Tweet nullInside = Tweet.builder().id("1").author(new Author("2", null, null)).createdAt(Instant.EPOCH).text("")
                .entities(new Entities(List.of(), List.of(new Entities.Mention("m", null, -1, -1)), List.of(),
                        List.of(new Entities.Url("u", null, null, 0, 0))))
                .media(List.of(new Media("k", "photo", null, null, 0, 0)))
                .referencedTweets(List.of(new ReferencedTweet(ReferenceType.RETWEETED, "3", null)))
                .metrics(new Metrics(Instant.EPOCH, Map.of()))
                .place(new Place(null, null, null, null, null))
                .provenance(new Provenance(SourceFormat.SFM_WARC, "s", null, Instant.EPOCH, null)).build();
        assertSameBytesAndRoundTrips(nullInside);
    }

    @Test
    void writesInstantsAsJavaTimeModuleDid() throws Exception {
        List<Instant> instants = new ArrayList<>(List.of(Instant.EPOCH, Instant.EPOCH.minusNanos(1),
                Instant.EPOCH.plusNanos(1), Instant.EPOCH.plusMillis(100), Instant.EPOCH.plusMillis(120),
                Instant.parse("2017-07-10T09:36:36.250Z"), Instant.parse("2017-07-10T09:36:36.000001Z"),
                Instant.parse("2017-07-10T09:36:36.000001100Z"), Instant.parse("2017-07-10T09:36:36.123456789Z"),
                Instant.parse("2000-02-29T23:59:59.999999999Z"), Instant.parse("0000-01-01T00:00:00Z"),
                Instant.parse("0000-01-01T00:00:00Z").minusNanos(1), Instant.parse("-0001-12-31T23:59:59Z"),
                Instant.parse("-2017-07-10T14:58:16.5Z"), Instant.parse("9999-12-31T23:59:59.999999999Z"),
                Instant.parse("+10000-01-01T00:00:00Z"), Instant.parse("+123456-07-10T14:58:16.000000007Z"),
                Instant.MIN, Instant.MAX));
        Random random = new Random(20261202);
        for (int i = 0; i < 2000; i++) {
            instants.add(Instant.ofEpochSecond(random.nextLong(-80_000_000_000L, 300_000_000_000L),
                    i % 3 == 0 ? 0 : i % 3 == 1 ? random.nextInt(1000) * 1_000_000 : random.nextInt(1_000_000_000)));
        }
        for (Instant t : instants) {
            Tweet tweet = Tweet.builder().id("1").author(new Author("2", null, null)).createdAt(t).text("")
                    .metrics(new Metrics(t, Map.of("like_count", 1L)))
                    .provenance(new Provenance(SourceFormat.API_V1, "s", null, t, null)).build();
            String written = assertSameBytesAndRoundTrips(tweet);
            assertTrue(written.contains("\"createdAt\":\"" + t + "\""), written);
        }
    }

    @Test
    void writesCoordinatesAndCountsAsDatabindDid() throws Exception {
        for (Double d : new Double[] {0.0, -0.0, 38.8977, -77.0365, 1.0 / 3, 1e-7, 1e21, 123456789.0,
            Double.MIN_VALUE, Double.MAX_VALUE, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY}) {
            Tweet tweet = Tweet.builder().id("1").author(new Author("2", null, null)).createdAt(Instant.EPOCH).text("")
                    .place(new Place("p", null, null, d, -d))
                    .metrics(new Metrics(Instant.EPOCH, Map.of("b", Long.MIN_VALUE, "a", Long.MAX_VALUE, "", 0L,
                            "B", -1L, "\u00e9", 7L, "\uD83D\uDC47", 8L)))
                    .provenance(new Provenance(SourceFormat.API_V1, "s", null, Instant.EPOCH, null)).build();
            assertSameBytesAndRoundTrips(tweet);
        }
    }

    @Test
    void aCountWithoutValueIsRefusedBeforeItCanBeWritten() {
        Map<String, Long> counts = new HashMap<>();
        counts.put("like_count", null);
        NullPointerException e = assertThrows(NullPointerException.class, () -> new Metrics(Instant.EPOCH, counts));
        assertTrue(e.getMessage().contains("like_count"), e.getMessage());
    }

    @Test
    void writesRandomTweetsAsDatabindDid() throws Exception {
        Random random = new Random(1202);
        for (int i = 0; i < 3000; i++) {
            assertSameBytesAndRoundTrips(randomTweet(random, 0));
        }
    }

    @Test
    void writesEachTweetOnOneLine() {
        String written = json.encodeToString(everyStringIs("a\nb\r\u2028c"));
        assertFalse(written.contains("\n") || written.contains("\r"), written);
    }

    /**
     * Asserts that {@code encode} gives the reference's bytes and that they decode to an equal tweet; returns them
     * as text.
     */
    private String assertSameBytesAndRoundTrips(Tweet tweet) throws JsonProcessingException {
        String expected = new String(reference.encode(tweet), StandardCharsets.UTF_8);
        byte[] bytes = json.encode(tweet);
        String written = new String(bytes, StandardCharsets.UTF_8);
        assertEquals(expected, written);
        assertTrue(java.util.Arrays.equals(reference.encode(tweet), bytes), "same bytes, not only the same text");
        assertEquals(tweet, json.decode(bytes), written);
        return written;
    }

    /**
     * Asserts that every component of {@code record}, and of every record in it, has its field in {@code node}
     * (every component of {@code record} being non-null).
     */
    static void assertEveryComponentWritten(Object record, JsonNode node, String path, Set<Class<?>> seen)
            throws ReflectiveOperationException {
        seen.add(record.getClass());
        for (RecordComponent c : record.getClass().getRecordComponents()) {
            String where = path + "." + c.getName();
            Object value = c.getAccessor().invoke(record);
            JsonNode field = node.get(c.getName());
            assertNotNull(value, where + " was made non-null");
            assertNotNull(field, where + " is written");
            if (value.getClass().isRecord()) {
                assertEveryComponentWritten(value, field, where, seen);
            } else if (value instanceof List<?> list) {
                assertEquals(list.size(), field.size(), where + " has all its elements");
                for (int i = 0; i < list.size(); i++) {
                    if (list.get(i).getClass().isRecord()) {
                        assertEveryComponentWritten(list.get(i), field.get(i), where + "[" + i + "]", seen);
                    }
                }
            } else if (value instanceof Map<?, ?> map) {
                assertEquals(map.size(), field.size(), where + " has all its entries");
            }
        }
    }

    /** A tweet with {@code s} in every component that takes free text (the rest are numeric ids). */
    static Tweet everyStringIs(String s) {
        return Tweet.builder().id("9").author(new Author("8", s, s)).createdAt(Instant.EPOCH).text(s).lang(s)
                .sourceClient(s).conversationId("7").inReplyToUserId(s)
                .entities(new Entities(List.of(new Entities.Hashtag(s, 1, 2)), List.of(new Entities.Mention(s, s, 3, 4)),
                        List.of(new Entities.Cashtag(s, 5, 6)), List.of(new Entities.Url(s, s, s, 7, 8))))
                .media(List.of(new Media(s, s, s, s, 9, 10)))
                .metrics(new Metrics(Instant.EPOCH, Map.of(countName(s), 11L, countName(s) + "~", 12L)))
                .place(new Place(s, s, s, 1.5, 2.5))
                .referencedTweets(List.of(new ReferencedTweet(ReferenceType.QUOTED, "6", Tweet.builder().id("6")
                        .author(new Author("5", s, s)).createdAt(Instant.EPOCH).text(s)
                        .provenance(new Provenance(SourceFormat.API_V2, s, s, Instant.EPOCH, s)).build())))
                .provenance(new Provenance(SourceFormat.TWITTER_ARCHIVE, s, s, Instant.EPOCH, s)).build();
    }

    private static Tweet randomTweet(Random r, int depth) {
        String id = Long.toString(r.nextLong(1, Long.MAX_VALUE));
        List<ReferencedTweet> refs = new ArrayList<>();
        for (int i = r.nextInt(depth == 0 ? 3 : 1); i > 0; i--) {
            Tweet embedded = r.nextBoolean() ? randomTweet(r, depth + 1) : null;
            refs.add(new ReferencedTweet(ReferenceType.values()[r.nextInt(3)],
                    embedded == null ? Long.toString(r.nextLong(1, Long.MAX_VALUE)) : embedded.id(), embedded));
        }
        Map<String, Long> counts = new HashMap<>();
        for (int i = r.nextInt(5); i > 0; i--) {
            counts.put(countName(text(r)), r.nextLong());
        }
        List<Media> media = new ArrayList<>();
        for (int i = r.nextInt(3); i > 0; i--) {
            media.add(new Media(text(r), text(r), maybe(r, text(r)), maybe(r, text(r)), r.nextInt(), r.nextInt()));
        }
        List<String> edits = new ArrayList<>();
        for (int i = r.nextInt(3); i > 0; i--) {
            edits.add(Long.toString(r.nextLong(1, Long.MAX_VALUE)));
        }
        return Tweet.builder().id(id).author(new Author(Long.toString(r.nextLong(1, Long.MAX_VALUE)),
                        maybe(r, text(r)), maybe(r, text(r))))
                .createdAt(instant(r)).text(text(r)).lang(maybe(r, text(r))).sourceClient(maybe(r, text(r)))
                .conversationId(maybe(r, id)).inReplyToUserId(maybe(r, text(r))).referencedTweets(refs)
                .entities(r.nextBoolean() ? Entities.NONE : new Entities(
                        List.of(new Entities.Hashtag(text(r), r.nextInt(), -1)),
                        List.of(new Entities.Mention(text(r), maybe(r, text(r)), 0, r.nextInt())),
                        r.nextBoolean() ? List.of() : List.of(new Entities.Cashtag(text(r), 1, 2)),
                        List.of(new Entities.Url(text(r), maybe(r, text(r)), maybe(r, text(r)), 3, 4),
                                new Entities.Url(text(r), maybe(r, text(r)), maybe(r, text(r)), 5, 6))))
                .media(media)
                .metrics(r.nextBoolean() ? null : new Metrics(instant(r), counts))
                .editHistoryIds(edits)
                .possiblySensitive(r.nextInt(3) == 0 ? null : r.nextBoolean())
                .place(r.nextBoolean() ? null : new Place(maybe(r, text(r)), maybe(r, text(r)), maybe(r, text(r)),
                        r.nextBoolean() ? null : r.nextDouble(-180, 180), r.nextBoolean() ? null : r.nextGaussian()))
                .deleted(r.nextBoolean())
                .provenance(new Provenance(SourceFormat.values()[r.nextInt(SourceFormat.values().length)], text(r),
                        maybe(r, text(r)), instant(r), maybe(r, text(r))))
                .build();
    }

    /**
     * {@code s} as a count name, unless it holds a lone surrogate: Jackson's parser refuses those in field names
     * (see {@link #writesCountNamesWithLoneSurrogatesAsDatabindDidThoughTheyCannotBeReadBack}).
     */
    private static String countName(String s) {
        return hasLoneSurrogate(s) ? "count" : s;
    }

    private static boolean hasLoneSurrogate(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return true;
            }
        }
        return false;
    }

    private static String maybe(Random r, String s) {
        return r.nextInt(3) == 0 ? null : s;
    }

    private static Instant instant(Random r) {
        long seconds = r.nextInt(10) == 0 ? r.nextLong(Instant.MIN.getEpochSecond(), Instant.MAX.getEpochSecond())
                : r.nextLong(1_100_000_000L, 1_800_000_000L);
        int nanos = switch (r.nextInt(4)) {
            case 0 -> 0;
            case 1 -> r.nextInt(1000) * 1_000_000;
            case 2 -> r.nextInt(1_000_000) * 1000;
            default -> r.nextInt(1_000_000_000);
        };
        return Instant.ofEpochSecond(seconds, nanos);
    }

    /** Random text: mostly ASCII, with escapes, controls, line separators, non-BMP and broken surrogates. */
    private static String text(Random r) {
        if (r.nextInt(20) == 0) {
            return TRICKY.get(r.nextInt(TRICKY.size()));
        }
        StringBuilder b = new StringBuilder();
        for (int n = r.nextInt(r.nextInt(10) == 0 ? 3000 : 60); n > 0; n--) {
            switch (r.nextInt(12)) {
                case 0 -> b.append((char) r.nextInt(0x20));
                case 1 -> b.append("\"\\/".charAt(r.nextInt(3)));
                case 2 -> b.append((char) (0x2028 + r.nextInt(2)));
                case 3 -> b.appendCodePoint(0x10000 + r.nextInt(0x10FFFF - 0x10000));
                case 4 -> b.append((char) (0xD800 + r.nextInt(0x800)));
                case 5 -> b.append((char) (0x7F + r.nextInt(0x800 - 0x7F)));
                case 6 -> b.append((char) (0x800 + r.nextInt(0xD800 - 0x800)));
                case 7 -> b.append((char) (0xE000 + r.nextInt(0x2000)));
                default -> b.append((char) (0x20 + r.nextInt(0x5F)));
            }
        }
        return b.toString();
    }

    private static List<String> trickyStrings() {
        StringBuilder controls = new StringBuilder();
        for (char c = 0; c < 0x20; c++) {
            controls.append(c);
        }
        String mixed = "\"q\" \\b\\ /s/ \u2028\u2029 \uD83D\uDC47 \uD800 \uDFFF \u00e9\u4e2d\u0627 \t\n\r\b\f \u007f\u0085 ";
        return List.of("", " ", "plain ascii", controls.toString(), "\u007f\u0080\u009f\u00a0\u00ff",
                "quote \" backslash \\ slash / </script>", "\\u0041 is not an escape", "\u2028line\u2029para",
                "\uD83D\uDC47 pointing \uD83C\uDDFA\uD83C\uDDF8 flag \uD83D\uDC68\u200D\uD83D\uDC69\u200D\uD83D\uDC67 family",
                "\uD835\uDD4F\uD808\uDC00\uDBFF\uDFFF non-BMP", "\uD800", "\uDC00", "a\uDBFF", "\uDFFFb", "\uDC47\uD83D",
                "\uFEFF\uFFFE\uFFFF\uFFFD", "caf\u00e9 \u4e2d\u6587 \u0627\u0644\u0639\u0631\u0628\u064a\u0629 \u05e2\u05d1",
                "@handle", "#tag $TSLA https://t.co/x?a=1&b=<2>", mixed.repeat(400), "x".repeat(7999) + "\uD83D\uDC47",
                "\u00e9".repeat(4001) + "\"", "\n".repeat(3000));
    }
}
