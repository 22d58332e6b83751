package org.chancery.capture;

import com.fasterxml.jackson.databind.JsonNode;
import org.chancery.InvalidInputException;
import org.chancery.record.Ids;

/**
 * Reads the fields of one JSON item of a collector's file, turning every missing or malformed field into a
 * {@link Problem} that names the field, so that the importer can report it as a {@link Rejection}.
 */
final class ItemFields {
    private ItemFields() {}

    /** A field of one item is missing or not what the format promises. */
    static final class Problem extends InvalidInputException {
        private final String field;

        Problem(String field, String message) {
            super(message);
            this.field = field;
        }

        String field() {
            return field;
        }
    }

    /** The text of a string field; a missing or non-string field is a problem. */
    static String requireText(JsonNode item, String field) {
        JsonNode v = item.get(field);
        if (v == null || v.isNull()) {
            throw new Problem(field, "is missing");
        }
        if (!v.isTextual()) {
            throw new Problem(field, "must be a string, got " + describe(v));
        }
        return v.asText();
    }

    /** The text of a string field, or null when it is absent or null; any other type is a problem. */
    static String optionalText(JsonNode item, String field) {
        JsonNode v = item.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual()) {
            throw new Problem(field, "must be a string, got " + describe(v));
        }
        return v.asText();
    }

    /**
     * A platform id given as a decimal string (or, in some exports, a JSON integer); anything else is a problem.
     */
    static String requireId(JsonNode item, String field) {
        JsonNode v = item.get(field);
        if (v == null || v.isNull()) {
            throw new Problem(field, "is missing");
        }
        String id = v.isIntegralNumber() ? v.bigIntegerValue().toString() : v.isTextual() ? v.asText() : null;
        if (!Ids.isNumeric(id)) {
            throw new Problem(field, "must be a numeric id string, got " + describe(v));
        }
        return id;
    }

    /** Like {@link #requireId} but absent or null gives null. */
    static String optionalId(JsonNode item, String field) {
        JsonNode v = item.get(field);
        return v == null || v.isNull() ? null : requireId(item, field);
    }

    /** A short, quoted rendering of a JSON value for messages. */
    static String describe(JsonNode v) {
        String s = v.toString();
        return s.length() > 60 ? s.substring(0, 60) + "…" : s;
    }
}
