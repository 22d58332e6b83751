package org.chancery.ledger;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.chancery.InvalidInputException;
import org.junit.jupiter.api.Test;

class TweetVersionEntryTest {
    private static final String SHA = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

    private final TweetVersionEntry entry = new TweetVersionEntry("884426551177105409",
            "urn:chancery:account:16056306:2017-07", "v3", "tweets/2017-07-10.jsonl", SHA,
            Instant.parse("2017-07-10T14:58:16Z"));

    @Test
    void encodesTheDocumentedCanonicalLine() {
        String expected = "{\"type\":\"tweet-version\",\"tweet\":\"884426551177105409\","
                + "\"object\":\"urn:chancery:account:16056306:2017-07\",\"version\":\"v3\","
                + "\"path\":\"tweets/2017-07-10.jsonl\",\"sha256\":\"" + SHA + "\","
                + "\"captured\":\"2017-07-10T14:58:16Z\"}";
        byte[] bytes = expected.getBytes(StandardCharsets.UTF_8);
        assertArrayEquals(bytes, entry.encode());
        assertArrayEquals(NaiveMerkle.sha256(new byte[] {0}, bytes), entry.leafHash().bytes());
    }

    @Test
    void escapesOnlyQuotesBackslashesAndControlCharacters() throws Exception {
        String path = "a\"b\\c\nd/é✓";
        TweetVersionEntry odd = new TweetVersionEntry("1", "o", "v12", path, SHA,
                Instant.parse("2017-07-10T14:58:16.120Z"));
        String json = new String(odd.encode(), StandardCharsets.UTF_8);
        assertEquals("\"path\":\"a\\\"b\\\\c\\u000ad/é✓\"", json.substring(json.indexOf("\"path\""), json.indexOf(",\"sha256\"")));
        JsonNode read = new ObjectMapper().readTree(odd.encode());
        assertEquals(path, read.get("path").asText());
        assertEquals("2017-07-10T14:58:16.120Z", read.get("captured").asText());
        assertEquals(odd, TweetVersionEntry.decode(odd.encode()));
    }

    @Test
    void decodingRejectsAnythingButTheCanonicalForm() {
        String canonical = new String(entry.encode(), StandardCharsets.UTF_8);
        assertEquals(entry, TweetVersionEntry.decode(entry.encode()));
        assertThrows(InvalidInputException.class,
                () -> TweetVersionEntry.decode(canonical.replace(",", ", ").getBytes(StandardCharsets.UTF_8)));
        assertThrows(InvalidInputException.class,
                () -> TweetVersionEntry.decode(canonical.replace("16Z", "16.000Z").getBytes(StandardCharsets.UTF_8)));
        assertThrows(InvalidInputException.class, () -> TweetVersionEntry.decode(
                canonical.replace("{\"type\":\"tweet-version\",", "{").replace("}", ",\"type\":\"tweet-version\"}")
                        .getBytes(StandardCharsets.UTF_8)));
        assertThrows(InvalidInputException.class, () -> TweetVersionEntry.decode((canonical + "\n").getBytes(StandardCharsets.UTF_8)));
        assertThrows(InvalidInputException.class, () -> TweetVersionEntry.decode(
                canonical.replace("\"object\":\"", "\"object\":\"\\/").getBytes(StandardCharsets.UTF_8)),
                "JSON allows \\/ but the canonical form writes / plainly");
        assertThrows(InvalidInputException.class, () -> TweetVersionEntry.decode(
                canonical.replace("\"object\":\"", "\"object\":\"\\u002F").getBytes(StandardCharsets.UTF_8)),
                "escapes are lower-case hex and only for control characters");
        assertThrows(InvalidInputException.class, () -> TweetVersionEntry.decode(
                canonical.substring(0, canonical.length() - 4).getBytes(StandardCharsets.UTF_8)), "truncated");
    }

    @Test
    void invalidFieldsAreRefused() {
        Instant t = Instant.EPOCH;
        assertThrows(IllegalArgumentException.class, () -> new TweetVersionEntry("x1", "o", "v1", "p", SHA, t));
        assertThrows(IllegalArgumentException.class, () -> new TweetVersionEntry("1", "o", "3", "p", SHA, t));
        assertThrows(IllegalArgumentException.class, () -> new TweetVersionEntry("1", "o", "v1", "p", SHA.toUpperCase(Locale.ROOT), t));
        assertThrows(IllegalArgumentException.class, () -> new TweetVersionEntry("1", "", "v1", "p", SHA, t));
        assertThrows(IllegalArgumentException.class, () -> new TweetVersionEntry("1", "o", "v1", "p\uD800", SHA, t));
    }

    @Test
    void decodingRefusesTimesAndVersionsTheEncodingNeverWrites() {
        String canonical = new String(entry.encode(), StandardCharsets.UTF_8);
        for (String time : List.of("2017-07-10T24:00:00Z", "2017-07-10T23:59:60Z", "2017-02-29T14:58:16Z",
                "2017-07-10T14:58:16+00:00", "2017-07-10T14:58:16.1Z", "2017-07-10T14:58:16.120000Z",
                "+2017-07-10T14:58:16Z", "2017-07-10T14:58Z", "2017-07-10t14:58:16Z")) {
            byte[] bytes = canonical.replace("2017-07-10T14:58:16Z", time).getBytes(StandardCharsets.UTF_8);
            assertThrows(InvalidInputException.class, () -> TweetVersionEntry.decode(bytes), time);
        }
        for (String version : List.of("v0", "v00", "3", "V3", "v3a", "v")) {
            byte[] bytes = canonical.replace("\"v3\"", "\"" + version + "\"").getBytes(StandardCharsets.UTF_8);
            assertThrows(InvalidInputException.class, () -> TweetVersionEntry.decode(bytes), version);
        }
        byte[] padded = canonical.replace("\"v3\"", "\"v03\"").getBytes(StandardCharsets.UTF_8);
        assertEquals("v03", TweetVersionEntry.decode(padded).version(), "a zero-padded OCFL version name is one");
        byte[] longId = canonical.replace("884426551177105409", "123456789012345678901").getBytes(StandardCharsets.UTF_8);
        assertThrows(InvalidInputException.class, () -> TweetVersionEntry.decode(longId));
        byte[] upperSha = canonical.replace(SHA, SHA.toUpperCase(Locale.ROOT)).getBytes(StandardCharsets.UTF_8);
        assertThrows(InvalidInputException.class, () -> TweetVersionEntry.decode(upperSha));
        byte[] rawTab = canonical.replace("tweets/", "tweets\t/").getBytes(StandardCharsets.UTF_8);
        assertThrows(InvalidInputException.class, () -> TweetVersionEntry.decode(rawTab), "control characters are escaped");
        byte[] del = canonical.replace("tweets/", "tweets\u007f/").getBytes(StandardCharsets.UTF_8);
        assertEquals("tweets\u007f/2017-07-10.jsonl", TweetVersionEntry.decode(del).logicalPath(), "DEL is written plainly");
    }

    /**
     * Every single-byte change, deletion and insertion of several entries (plain ASCII ones, which the fast reading
     * takes, and ones with escapes and non-ASCII text, which it leaves to the general one): the fast reading must
     * give what the general reading gives, and whatever is accepted must read the same with a JSON parser and
     * encode back to exactly the bytes given.
     */
    @Test
    void theFastReadingAgreesWithTheGeneralReadingOnEveryDamagedEntry() throws Exception {
        List<TweetVersionEntry> entries = List.of(entry,
                new TweetVersionEntry("1", "urn:chancery:account:1:2024-03", "v12", "raw/v12.bin#0+402", SHA,
                        Instant.parse("2026-12-01T22:54:04.564941906Z")),
                new TweetVersionEntry("12", "o", "v1", "raw/v1.bin#7+1", SHA, Instant.parse("1999-12-31T23:59:59.5Z")),
                new TweetVersionEntry("7", "ob\"j", "v2", "p\\é✓\n", SHA, Instant.parse("2017-07-10T14:58:16.000120Z")));
        byte[] replacements = {'"', '\\', ' ', '0', '9', 'a', 'g', 'Z', '.', ':', ',', '}', 0x1f, 0x7f, (byte) 0xc3};
        ObjectMapper json = new ObjectMapper();
        int accepted = 0;
        for (TweetVersionEntry e : entries) {
            byte[] canonical = e.encode();
            for (int i = 0; i <= canonical.length; i++) {
                List<byte[]> variants = new java.util.ArrayList<>();
                for (byte r : replacements) {
                    if (i < canonical.length && canonical[i] != r) {
                        byte[] changed = canonical.clone();
                        changed[i] = r;
                        variants.add(changed);
                    }
                    byte[] inserted = new byte[canonical.length + 1];
                    System.arraycopy(canonical, 0, inserted, 0, i);
                    inserted[i] = r;
                    System.arraycopy(canonical, i, inserted, i + 1, canonical.length - i);
                    variants.add(inserted);
                }
                if (i < canonical.length) {
                    byte[] deleted = new byte[canonical.length - 1];
                    System.arraycopy(canonical, 0, deleted, 0, i);
                    System.arraycopy(canonical, i + 1, deleted, i, canonical.length - i - 1);
                    variants.add(deleted);
                }
                for (byte[] v : variants) {
                    TweetVersionEntry fast = outcome(v, true);
                    TweetVersionEntry general = outcome(v, false);
                    assertEquals(general, fast, () -> new String(v, StandardCharsets.UTF_8));
                    if (fast != null) {
                        accepted++;
                        assertArrayEquals(v, fast.encode());
                        JsonNode tree = json.readTree(v);
                        assertEquals(7, tree.size());
                        assertEquals("tweet-version", tree.get("type").asText());
                        assertEquals(fast.tweetId(), tree.get("tweet").asText());
                        assertEquals(fast.objectId(), tree.get("object").asText());
                        assertEquals(fast.version(), tree.get("version").asText());
                        assertEquals(fast.logicalPath(), tree.get("path").asText());
                        assertEquals(fast.sha256(), tree.get("sha256").asText());
                        assertEquals(Instant.parse(tree.get("captured").asText()), fast.captured());
                    }
                }
            }
        }
        assertTrue(accepted > 100, "some changes (digits, letters in ids) leave a valid entry: " + accepted);
    }

    private static TweetVersionEntry outcome(byte[] bytes, boolean fast) {
        try {
            return fast ? TweetVersionEntry.decode(bytes) : TweetVersionEntry.decodeGeneral(bytes);
        } catch (InvalidInputException e) {
            return null;
        }
    }
}
