package org.chancery.store;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One line of a {@code records/vK.jsonl} or {@code observations/vK.jsonl} file:
 *
 * <pre>{"tweetId":"…","capturedAt":"…","archivedAt":"…","producer":"…",
 *  "raw":{"path":"raw/vK.bin","offset":0,"length":313,"sha256":"…"},
 *  "context":[{"path":"raw/vK.bin","offset":313,"length":120,"sha256":"…"}],
 *  "tweet":{…the Tweet as TweetJson writes it…}}</pre>
 *
 * <p>{@code tweet} comes last so that readers that need only the locations stop before it; {@link #parse} relies
 * on that.
 *
 * @param tweetId    the tweet id
 * @param capturedAt the capture instant (from the tweet's provenance)
 * @param archivedAt when the archive accepted the payload
 * @param producer   what produced the batch
 * @param raw        where the raw payload is in the version's raw file
 * @param context    where the context payloads are
 * @param tweetStart offset of the tweet JSON within the parsed line, -1 when not parsed
 * @param tweetEnd   end of the tweet JSON within the parsed line
 */
record RecordLine(String tweetId, Instant capturedAt, Instant archivedAt, String producer, Slice raw,
        List<Slice> context, int tweetStart, int tweetEnd) {

    /** A payload's place in a raw file. */
    record Slice(String path, long offset, long length, String sha256) {
        Slice {
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(sha256, "sha256");
        }
    }

    private static final JsonFactory JSON = new JsonFactory();

    static byte[] encode(String tweetId, Instant capturedAt, Instant archivedAt, String producer, Slice raw,
            List<Slice> context, byte[] tweetJson) {
        StringBuilder s = new StringBuilder(256);
        s.append("{\"tweetId\":\"").append(tweetId)
                .append("\",\"capturedAt\":\"").append(capturedAt)
                .append("\",\"archivedAt\":\"").append(archivedAt)
                .append("\",\"producer\":\"").append(JsonStringEncoder.getInstance().quoteAsString(producer))
                .append("\",\"raw\":");
        slice(s, raw);
        s.append(",\"context\":[");
        for (int i = 0; i < context.size(); i++) {
            if (i > 0) {
                s.append(',');
            }
            slice(s, context.get(i));
        }
        s.append("],\"tweet\":");
        byte[] head = s.toString().getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream(head.length + tweetJson.length + 2);
        out.writeBytes(head);
        out.writeBytes(tweetJson);
        out.write('}');
        out.write('\n');
        return out.toByteArray();
    }

    private static void slice(StringBuilder s, Slice slice) {
        s.append("{\"path\":\"").append(JsonStringEncoder.getInstance().quoteAsString(slice.path()))
                .append("\",\"offset\":").append(slice.offset())
                .append(",\"length\":").append(slice.length())
                .append(",\"sha256\":\"").append(slice.sha256()).append("\"}");
    }

    /**
     * Parses a line (without its newline). The tweet is not decoded; its JSON is at
     * {@code [tweetStart, tweetEnd)} relative to {@code offset}.
     */
    static RecordLine parse(byte[] bytes, int offset, int length) {
        return parse(bytes, offset, length, true);
    }

    /**
     * {@link #parse} without reading {@code capturedAt} and {@code archivedAt} into instants (they are checked to be
     * present but left null): what reading a tweet back needs, at a fraction of the cost of parsing two timestamps.
     */
    static RecordLine locate(byte[] bytes, int offset, int length) {
        return parse(bytes, offset, length, false);
    }

    private static RecordLine parse(byte[] bytes, int offset, int length, boolean times) {
        boolean hasCaptured = false;
        String tweetId = null;
        Instant captured = null;
        Instant archived = null;
        String producer = null;
        Slice raw = null;
        List<Slice> context = new ArrayList<>();
        int tweetStart = -1;
        int tweetEnd = -1;
        try (JsonParser p = JSON.createParser(bytes, offset, length)) {
            expect(p.nextToken(), JsonToken.START_OBJECT);
            while (tweetStart < 0 && p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken value = p.nextToken();
                switch (name) {
                    case "tweetId" -> tweetId = p.getText();
                    case "capturedAt" -> {
                        hasCaptured = value == JsonToken.VALUE_STRING;
                        captured = times ? Instant.parse(p.getText()) : null;
                    }
                    case "archivedAt" -> archived = times ? Instant.parse(p.getText()) : null;
                    case "producer" -> producer = p.getText();
                    case "raw" -> raw = readSlice(p);
                    case "context" -> {
                        expect(value, JsonToken.START_ARRAY);
                        while (p.nextToken() == JsonToken.START_OBJECT) {
                            context.add(readSlice(p));
                        }
                    }
                    case "tweet" -> {
                        expect(value, JsonToken.START_OBJECT);
                        tweetStart = Math.toIntExact(p.currentTokenLocation().getByteOffset());
                        // The writer puts the tweet last, so it runs to the line's closing brace; not tokenizing
                        // it keeps listing and verification fast. A damaged tweet fails when it is decoded.
                        if (bytes[offset + length - 1] != '}') {
                            throw new IOException("the line does not end with '}'");
                        }
                        tweetEnd = length - 1;
                    }
                    default -> p.skipChildren();
                }
            }
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("the line is not a valid records line: " + e.getMessage(), e);
        }
        if (tweetId == null || !hasCaptured || raw == null || tweetStart < 0) {
            throw new IllegalArgumentException("the line lacks tweetId, capturedAt, raw or tweet");
        }
        return new RecordLine(tweetId, captured, archived, producer, raw, List.copyOf(context), tweetStart, tweetEnd);
    }

    private static Slice readSlice(JsonParser p) throws IOException {
        expect(p.currentToken(), JsonToken.START_OBJECT);
        String path = null;
        long off = -1;
        long len = -1;
        String sha = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            p.nextToken();
            switch (name) {
                case "path" -> path = p.getText();
                case "offset" -> off = p.getLongValue();
                case "length" -> len = p.getLongValue();
                case "sha256" -> sha = p.getText();
                default -> p.skipChildren();
            }
        }
        if (path == null || off < 0 || len < 0 || sha == null) {
            throw new IOException("a payload location lacks path, offset, length or sha256");
        }
        return new Slice(path, off, len, sha);
    }

    private static void expect(JsonToken actual, JsonToken expected) throws IOException {
        if (actual != expected) {
            throw new IOException("expected " + expected + " but found " + actual);
        }
    }
}
