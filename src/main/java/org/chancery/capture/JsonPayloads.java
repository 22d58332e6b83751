package org.chancery.capture;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses a payload's single top-level JSON value with its exact byte range, and turns Jackson's parse errors
 * into rejections that give the position. Shared by the API readers; holds only its Jackson mapper.
 */
final class JsonPayloads {
    /** Jackson's reference to a place in its input, inside a syntax error's message. */
    private static final java.util.regex.Pattern SOURCE_REFERENCE =
            java.util.regex.Pattern.compile("\\[Source: [^\\]]*?line: (\\d+), column: (\\d+)\\]");
    private final ObjectMapper mapper = new ObjectMapper();

    /** A parse outcome: the root value's slice, or the rejection for the payload. */
    sealed interface Parsed permits Root, Broken {}

    record Root(JsonSlice slice) implements Parsed {}

    record Broken(Rejection rejection) implements Parsed {}

    JsonParser parser(byte[] bytes, int offset, int length) throws IOException {
        return mapper.createParser(bytes, offset, length);
    }

    /** Reads the payload's root value; anything but exactly one JSON value is a rejection naming the position. */
    Parsed root(byte[] bytes, int offset, int length, Origin origin) {
        try (JsonParser p = parser(bytes, offset, length)) {
            JsonToken first = p.nextToken();
            if (first == null) {
                return new Broken(origin.at(Locators.whole(origin)).reject("(json)", "holds no JSON value; it is empty or blank"));
            }
            JsonSlice slice;
            if (first == JsonToken.START_OBJECT) {
                slice = JsonSlice.read(p, offset);
            } else {
                int start = offset + Math.toIntExact(p.currentTokenLocation().getByteOffset());
                JsonNode node = p.readValueAsTree();
                slice = new JsonSlice(node, start, offset + Math.toIntExact(p.currentLocation().getByteOffset()));
            }
            if (p.nextToken() != null) {
                return new Broken(origin.at(Locators.whole(origin)).reject("(json)", "has more content after its JSON value ends"
                        + position(origin, p.currentTokenLocation()) + "; expected exactly one JSON value"));
            }
            return new Root(slice);
        } catch (JsonProcessingException e) {
            return new Broken(origin.at(Locators.whole(origin)).reject("(json)", "is not valid JSON: " + problem(e)
                    + position(origin, e.getLocation())));
        } catch (IOException e) {
            return new Broken(origin.at(Locators.whole(origin)).reject("(json)", "could not be parsed: " + e.getMessage()));
        }
    }

    /**
     * The items of the root array ({@code field} null) or of the root object's array {@code field}, each with
     * its exact byte range; non-object items get an empty range. The payload must already have parsed.
     */
    List<JsonSlice> arrayItems(byte[] bytes, int offset, int length, String field) {
        List<JsonSlice> out = new ArrayList<>();
        try (JsonParser p = parser(bytes, offset, length)) {
            JsonToken t = p.nextToken();
            if (field != null) {
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String name = p.currentName();
                    t = p.nextToken();
                    if (name.equals(field) && t == JsonToken.START_ARRAY) {
                        break;
                    }
                    p.skipChildren();
                    t = null;
                }
            }
            if (t != JsonToken.START_ARRAY) {
                return out;
            }
            while (p.nextToken() != JsonToken.END_ARRAY) {
                out.add(item(p, offset));
            }
            return out;
        } catch (IOException e) {
            throw new IllegalStateException("second parse of an already parsed payload failed", e);
        }
    }

    /** The array item at the parser; a non-object gets an empty range and is rejected when mapped. */
    static JsonSlice item(JsonParser p, int offset) throws IOException {
        if (p.currentToken() == JsonToken.START_OBJECT) {
            return JsonSlice.read(p, offset);
        }
        JsonNode node = p.readValueAsTree();
        return new JsonSlice(node, 0, 0);
    }

    /** " at line 3, column 7" for a whole file, " at column 7" for a single line. */
    /**
     * Jackson's own words for a syntax error, without its reference to the parser's input ({@code [Source: REDACTED
     * ...; line: 1, column: 10]}, where an unclosed object or array began): that place is given as a column, or a
     * line and column, of the JSON value.
     */
    static String problem(JsonProcessingException e) {
        return SOURCE_REFERENCE.matcher(e.getOriginalMessage()).replaceAll(m -> "1".equals(m.group(1))
                ? "column " + m.group(2) : "line " + m.group(1) + ", column " + m.group(2));
    }

    private static String position(Origin origin, JsonLocation loc) {
        if (loc == null) {
            return "";
        }
        if (origin.locator().isEmpty() || loc.getLineNr() > 1) {
            return " at line " + loc.getLineNr() + ", column " + loc.getColumnNr();
        }
        return " at column " + loc.getColumnNr();
    }

    /**
     * Applies twarc's {@code __twarc} metadata: {@code retrieved_at} becomes the capture instant and
     * {@code version} names the tool. An unreadable {@code retrieved_at} leaves the origin's instant (the
     * import time) in place rather than rejecting tweets over collector metadata.
     */
    static Origin withTwarc(Origin origin, JsonNode root) {
        JsonNode twarc = JsonFields.child(root, "__twarc");
        if (twarc == null || !twarc.isObject()) {
            return origin;
        }
        Instant when = origin.capturedAt();
        String retrieved = JsonFields.text(twarc, "retrieved_at");
        if (retrieved != null) {
            try {
                when = OffsetDateTime.parse(retrieved).toInstant();
            } catch (DateTimeParseException e) {
                when = origin.capturedAt();
            }
        }
        String version = JsonFields.text(twarc, "version");
        return origin.capturedBy(when, version == null ? "twarc" : "twarc " + version);
    }
}
