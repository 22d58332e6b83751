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
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.chancery.record.IsoInstant;

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
        s.append("{\"tweetId\":\"").append(tweetId).append("\",\"capturedAt\":\"");
        // IsoInstant writes what Instant.toString() writes, without a DateTimeFormatter.
        IsoInstant.format(capturedAt, s).append("\",\"archivedAt\":\"");
        IsoInstant.format(archivedAt, s).append("\",\"producer\":\"")
                .append(JsonStringEncoder.getInstance().quoteAsString(producer)).append("\",\"raw\":");
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
        RecordLine plain = new PlainReader(bytes, offset, length).read(times);
        return plain != null ? plain : parseJson(bytes, offset, length, times);
    }

    /**
     * Any records line, read with a JSON parser: fields in any order, escapes, non-ASCII text, other spellings.
     * Package-private so that tests hold {@link PlainReader} to it.
     */
    static RecordLine parseJson(byte[] bytes, int offset, int length, boolean times) {
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

    /**
     * Reads a line exactly as {@link #encode} writes it when every text value is printable ASCII without escapes
     * (what the archive writes), comparing bytes instead of tokenizing: listing and verification read every line,
     * and this costs a fraction of a JSON parser. Answers null for anything else, which {@link #parseJson} then
     * reads or refuses; so both give the same result for every line this accepts.
     */
    private static final class PlainReader {
        private static final byte[] TWEET_ID = ascii("{\"tweetId\":\"");
        private static final byte[] CAPTURED = ascii("\",\"capturedAt\":\"");
        private static final byte[] ARCHIVED = ascii("\",\"archivedAt\":\"");
        private static final byte[] PRODUCER = ascii("\",\"producer\":\"");
        private static final byte[] RAW = ascii("\",\"raw\":");
        private static final byte[] CONTEXT = ascii(",\"context\":[");
        private static final byte[] TWEET = ascii("],\"tweet\":{");
        private static final byte[] PATH = ascii("{\"path\":\"");
        private static final byte[] OFFSET = ascii("\",\"offset\":");
        private static final byte[] LENGTH = ascii(",\"length\":");
        private static final byte[] SHA256 = ascii(",\"sha256\":\"");
        private static final byte[] SLICE_END = ascii("\"}");
        /** Longest number read here: 18 digits cannot overflow a long. */
        private static final int MAX_DIGITS = 18;

        private final byte[] bytes;
        private final int start;
        private final int end;
        private int at;
        private boolean failed;

        PlainReader(byte[] bytes, int offset, int length) {
            this.bytes = bytes;
            this.start = offset;
            this.end = offset + length;
            this.at = offset;
        }

        RecordLine read(boolean times) {
            if (end - start < 2 || bytes[end - 1] != '}') {
                return null;
            }
            expect(TWEET_ID);
            String tweetId = text();
            expect(CAPTURED);
            Instant captured = instant(times);
            expect(ARCHIVED);
            Instant archived = instant(times);
            expect(PRODUCER);
            String producer = text();
            expect(RAW);
            Slice raw = slice();
            expect(CONTEXT);
            List<Slice> context = new ArrayList<>(2);
            if (!failed && at < end && bytes[at] == '{') {
                context.add(slice());
                while (!failed && at < end && bytes[at] == ',') {
                    at++;
                    context.add(slice());
                }
            }
            expect(TWEET);
            if (failed) {
                return null;
            }
            return new RecordLine(tweetId, captured, archived, producer, raw, List.copyOf(context), at - 1 - start,
                    end - 1 - start);
        }

        private Slice slice() {
            expect(PATH);
            String path = text();
            expect(OFFSET);
            long off = number();
            expect(LENGTH);
            long len = number();
            expect(SHA256);
            String sha = text();
            expect(SLICE_END);
            return failed ? null : new Slice(path, off, len, sha);
        }

        private void expect(byte[] fixed) {
            if (!failed && end - at >= fixed.length && Arrays.equals(bytes, at, at + fixed.length, fixed, 0,
                    fixed.length)) {
                at += fixed.length;
            } else {
                failed = true;
            }
        }

        /** A string body up to its closing quote (not consumed), if it is all printable ASCII without escapes. */
        private String text() {
            int from = at;
            while (at < end && bytes[at] >= 0x20 && bytes[at] < 0x7f && bytes[at] != '"' && bytes[at] != '\\') {
                at++;
            }
            if (failed || at == end || bytes[at] != '"') {
                failed = true;
                return null;
            }
            return new String(bytes, from, at - from, StandardCharsets.ISO_8859_1);
        }

        /** A canonical instant; any other spelling is left to the JSON reading, which also says what is wrong. */
        private Instant instant(boolean times) {
            int from = at;
            text();
            if (failed) {
                return null;
            }
            Instant t = IsoInstant.parseCanonical(bytes, from, at);
            if (t == null) {
                failed = true;
            }
            return times ? t : null;
        }

        /** A non-negative JSON integer as JSON writes it: no sign, no leading zero, no fraction or exponent. */
        private long number() {
            int from = at;
            long v = 0;
            while (at < end && bytes[at] >= '0' && bytes[at] <= '9') {
                v = v * 10 + (bytes[at++] - '0');
            }
            int digits = at - from;
            if (digits == 0 || digits > MAX_DIGITS || digits > 1 && bytes[from] == '0') {
                failed = true;
            }
            return v;
        }

        private static byte[] ascii(String s) {
            return s.getBytes(StandardCharsets.US_ASCII);
        }
    }
}
