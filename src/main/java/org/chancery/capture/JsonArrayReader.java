package org.chancery.capture;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;

/**
 * Streams the objects of one JSON array held in a byte buffer, one at a time, each with its exact byte slice.
 *
 * <p>Structural problems become rejections and never stop the items before them: an item that is not an object
 * is rejected and reading goes on; JSON that breaks off or is malformed ends the array with one rejection naming
 * the item and byte where it broke (what follows cannot be resynchronised); anything but whitespace or one
 * {@code ;} after the closing bracket is rejected once.
 */
final class JsonArrayReader {
    /** Receives each object of the array; {@code index} counts items from 0, rejected ones included. */
    interface ItemHandler {
        void item(JsonSlice slice, int index);
    }

    private final ObjectMapper mapper;

    JsonArrayReader(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /**
     * @param bytes   the buffer
     * @param start   offset of the array's opening bracket (leading whitespace allowed)
     * @param origin  the provenance of the whole array; items get {@code locatorPrefix + "item N"}
     * @param what    how to name the array in messages ("a congresstweets file", "data/tweets.js")
     */
    void read(byte[] bytes, int start, Origin origin, String locatorPrefix, String what, CaptureSink sink,
            ItemHandler handler) throws IOException {
        int index = 0;
        int arrayEnd;
        try (JsonParser parser = mapper.createParser(bytes, start, bytes.length - start)) {
            JsonToken first = parser.nextToken();
            if (first != JsonToken.START_ARRAY) {
                String found = first == null ? "nothing" : first.asString() == null ? parser.getText() : first.asString();
                sink.reject(origin.at(locatorPrefix + "byte " + start).reject("(json)",
                        what + " must hold a JSON array, but it starts with " + found));
                return;
            }
            while (true) {
                JsonToken token = parser.nextToken();
                if (token == null) {
                    sink.reject(origin.at(locatorPrefix + "item " + index).reject("(json)",
                            what + " ends at byte " + bytes.length + " before its array is closed"));
                    return;
                }
                if (token == JsonToken.END_ARRAY) {
                    arrayEnd = start + Math.toIntExact(parser.currentLocation().getByteOffset());
                    break;
                }
                if (token == JsonToken.START_OBJECT) {
                    handler.item(JsonSlice.read(parser, start), index);
                } else {
                    long at = start + parser.currentTokenLocation().getByteOffset();
                    String found = token == JsonToken.START_ARRAY ? "an array" : parser.getText();
                    parser.skipChildren();
                    sink.reject(origin.at(locatorPrefix + "item " + index).reject("(json)",
                            "the item at byte " + at + " must be a JSON object, got " + found));
                }
                index++;
            }
        } catch (JsonProcessingException e) {
            long at = e.getLocation() == null ? -1 : start + e.getLocation().getByteOffset();
            sink.reject(origin.at(locatorPrefix + "item " + index).reject("(json)", "the JSON of " + what
                    + " breaks off or is malformed in item " + index + " at byte " + at + " (" + JsonPayloads.problem(e)
                    + "); items after it cannot be read"));
            return;
        }
        rejectTrailingContent(bytes, arrayEnd, origin, locatorPrefix, what, sink);
    }

    private static void rejectTrailingContent(byte[] bytes, int arrayEnd, Origin origin, String locatorPrefix,
            String what, CaptureSink sink) {
        boolean semicolon = false;
        for (int i = arrayEnd; i < bytes.length; i++) {
            byte b = bytes[i];
            if (b == ' ' || b == '\n' || b == '\r' || b == '\t') {
                continue;
            }
            if (b == ';' && !semicolon) {
                semicolon = true;
                continue;
            }
            sink.reject(origin.at(locatorPrefix + "byte " + i).reject("(json)",
                    "content follows the closing bracket of the array in " + what + " at byte " + i + "; it was not read"));
            return;
        }
    }
}
