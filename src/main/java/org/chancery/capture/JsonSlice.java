package org.chancery.capture;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.Arrays;
import org.chancery.record.RawPayload;

/**
 * A JSON object read from a byte buffer together with the exact bytes it occupied there, so that the raw
 * payload archived is what the source held, not a re-serialisation.
 *
 * @param node  the parsed object
 * @param start absolute offset of its opening brace in the buffer
 * @param end   absolute offset just past its closing brace
 */
public record JsonSlice(JsonNode node, int start, int end) {

    /**
     * Reads the object whose {@code START_OBJECT} is the parser's current token. The parser must have been
     * created over {@code buffer} starting at {@code parserOffset}: Jackson reports byte offsets relative to
     * the start of its input.
     */
    public static JsonSlice read(JsonParser parser, int parserOffset) throws IOException {
        if (parser.currentToken() != JsonToken.START_OBJECT) {
            throw new IllegalStateException("parser is not at the start of an object but at " + parser.currentToken());
        }
        int start = parserOffset + Math.toIntExact(parser.currentTokenLocation().getByteOffset());
        JsonNode node = parser.readValueAsTree();
        int end = parserOffset + Math.toIntExact(parser.currentLocation().getByteOffset());
        return new JsonSlice(node, start, end);
    }

    public byte[] bytes(byte[] buffer) {
        return Arrays.copyOfRange(buffer, start, end);
    }

    public RawPayload raw(byte[] buffer) {
        return RawPayload.of(bytes(buffer));
    }
}
