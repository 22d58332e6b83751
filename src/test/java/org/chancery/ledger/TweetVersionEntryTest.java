package org.chancery.ledger;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
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
}
