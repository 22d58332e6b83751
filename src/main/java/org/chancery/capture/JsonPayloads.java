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

/**
 * Parses a payload's single top-level JSON value with its exact byte range, and turns Jackson's parse errors
 * into rejections that give the position. Shared by the API readers; holds only its Jackson mapper.
 */
final class JsonPayloads {
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
            return new Broken(origin.at(Locators.whole(origin)).reject("(json)", "is not valid JSON: " + e.getOriginalMessage()
                    + position(origin, e.getLocation())));
        } catch (IOException e) {
            return new Broken(origin.at(Locators.whole(origin)).reject("(json)", "could not be parsed: " + e.getMessage()));
        }
    }

    /** " at line 3, column 7" for a whole file, " at column 7" for a single line. */
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
