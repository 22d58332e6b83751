package org.chancery.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.chancery.record.Author;
import org.chancery.record.Capture;
import org.chancery.record.Metrics;
import org.chancery.record.Provenance;
import org.chancery.record.RawPayload;
import org.chancery.record.SourceFormat;
import org.chancery.record.Tweet;

/** Captures for the store tests: real congresstweets payloads, hand-written ones and generated ones. */
public final class TestCaptures {
    static final String FIXTURE = "/fixtures/store/congresstweets-2017-07-10-sample.jsonl";
    static final Instant CAPTURED = Instant.parse("2017-07-11T04:00:00Z");
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private TestCaptures() {}

    /** The fixture's lines, exactly as stored. */
    static List<byte[]> fixtureLines() {
        try (InputStream in = TestCaptures.class.getResourceAsStream(FIXTURE)) {
            byte[] all = in.readAllBytes();
            List<byte[]> lines = new ArrayList<>();
            int start = 0;
            for (int i = 0; i < all.length; i++) {
                if (all[i] == '\n') {
                    lines.add(Arrays.copyOfRange(all, start, i));
                    start = i + 1;
                }
            }
            return lines;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The fixture as captures: each record built from its own payload, the payload kept byte for byte. */
    static List<Capture> fixtureCaptures() {
        List<Capture> out = new ArrayList<>();
        int item = 0;
        for (byte[] line : fixtureLines()) {
            JsonNode n = readTree(line);
            Tweet tweet = Tweet.builder()
                    .id(n.get("id").asText())
                    .author(new Author(n.get("user_id").asText(), n.get("screen_name").asText(), null))
                    .createdAt(OffsetDateTime.parse(n.get("time").asText()).toInstant())
                    .text(n.get("text").asText())
                    .sourceClient(n.get("source").asText())
                    .provenance(new Provenance(SourceFormat.CONGRESSTWEETS, "data/2017-07-10.json",
                            "item " + item++, CAPTURED, "congresstweets"))
                    .build();
            out.add(new Capture(tweet, RawPayload.of(line)));
        }
        return out;
    }

    static JsonNode readTree(byte[] json) {
        try {
            return MAPPER.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A hand-written capture whose raw payload is the given JSON. */
    static Capture handWritten(String id, String authorId, String createdAt, String text, long likes) {
        String raw = "{\"id\":\"" + id + "\",\"user_id\":\"" + authorId + "\",\"created_at\":\"" + createdAt
                + "\",\"text\":\"" + text + "\",\"like_count\":" + likes + "}";
        Tweet tweet = Tweet.builder()
                .id(id)
                .author(new Author(authorId, "acct" + authorId, null))
                .createdAt(Instant.parse(createdAt))
                .text(text)
                .metrics(new Metrics(CAPTURED, Map.of("like_count", likes)))
                .provenance(new Provenance(SourceFormat.API_V2, "hand.json", "line 1", CAPTURED, "test"))
                .build();
        return new Capture(tweet, RawPayload.of(raw.getBytes(StandardCharsets.UTF_8)));
    }

    /** Tweet id of generated capture {@code n}. */
    public static String syntheticId(long n) {
        return Long.toString(1_000_000_000_000L + n);
    }

    /** The raw payload of generated capture {@code n}; a pure function of {@code n}. */
    public static byte[] syntheticRaw(long n) {
        StringBuilder text = new StringBuilder("Generated tweet number ").append(n).append(':');
        int words = 40 + (int) (n * 7919 % 160);
        for (int i = 0; i < words; i++) {
            text.append(' ').append(Long.toString((n * 31 + i) * 2654435761L & 0xffffff, 36));
        }
        return ("{\"id\":\"" + syntheticId(n) + "\",\"user_id\":\"" + syntheticAuthor(n) + "\",\"time\":\""
                + syntheticCreatedAt(n) + "\",\"text\":\"" + text + "\",\"source\":\"Twitter Web Client\"}")
                .getBytes(StandardCharsets.UTF_8);
    }

    static String syntheticAuthor(long n) {
        return Long.toString(100 + n % 7);
    }

    static Instant syntheticCreatedAt(long n) {
        return Instant.parse("2017-06-01T00:00:00Z").plusSeconds(n * 97 % (90L * 24 * 3600));
    }

    /** Generated capture {@code n}: deterministic, about 0.5 to 1.5 KB of raw JSON. */
    public static Capture synthetic(long n) {
        byte[] raw = syntheticRaw(n);
        Tweet tweet = Tweet.builder()
                .id(syntheticId(n))
                .author(new Author(syntheticAuthor(n), "author" + syntheticAuthor(n), null))
                .createdAt(syntheticCreatedAt(n))
                .text("Generated tweet number " + n)
                .provenance(new Provenance(SourceFormat.CONGRESSTWEETS, "synthetic", "item " + n, CAPTURED,
                        "test generator"))
                .build();
        return new Capture(tweet, RawPayload.of(raw));
    }
}
