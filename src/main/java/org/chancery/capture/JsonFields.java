package org.chancery.capture;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.chancery.record.Ids;

/** Lenient reads of optional JSON fields and strict reads of required ones, shared by the API mappers. */
final class JsonFields {
    private JsonFields() {}

    /** The field's text, or null when it is absent, JSON null, or not a scalar. */
    static String text(JsonNode node, String field) {
        JsonNode v = node == null ? null : node.get(field);
        if (v == null || v.isNull() || v.isContainerNode()) {
            return null;
        }
        return v.asText();
    }

    /** The field's object or array node, or null when absent or JSON null. */
    static JsonNode child(JsonNode node, String field) {
        JsonNode v = node == null ? null : node.get(field);
        return v == null || v.isNull() ? null : v;
    }

    /**
     * An id field: a decimal string, or a JSON integer (v1.1 {@code id}, read from its literal digits so that
     * ids beyond 2^53 keep their value). Null when absent.
     *
     * @throws BadFieldException when present but not a numeric id
     */
    static String id(JsonNode node, String field) {
        JsonNode v = child(node, field);
        if (v == null) {
            return null;
        }
        String s = v.isIntegralNumber() ? v.bigIntegerValue().toString() : v.isTextual() ? v.textValue() : v.toString();
        if (!Ids.isNumeric(s)) {
            throw new BadFieldException(field, "must be a numeric id string, got " + quote(s));
        }
        return s;
    }

    static String requireId(JsonNode node, String field) {
        String s = id(node, field);
        if (s == null) {
            throw new BadFieldException(field, "is missing; every tweet needs its id");
        }
        return s;
    }

    static Boolean bool(JsonNode node, String field) {
        JsonNode v = child(node, field);
        return v != null && v.isBoolean() ? v.booleanValue() : null;
    }

    /** An integer field, or {@code fallback} when absent or not an integer. */
    static int integer(JsonNode node, String field, int fallback) {
        JsonNode v = child(node, field);
        return v != null && v.canConvertToInt() && v.isIntegralNumber() ? v.intValue() : fallback;
    }

    /** The elements of an array field; empty when the field is absent or not an array. */
    static List<JsonNode> elements(JsonNode node, String field) {
        JsonNode v = child(node, field);
        List<JsonNode> out = new ArrayList<>();
        if (v != null && v.isArray()) {
            v.forEach(out::add);
        }
        return out;
    }

    static String quote(String s) {
        if (s == null) {
            return "null";
        }
        return "\"" + (s.length() > 40 ? s.substring(0, 40) + "…" : s) + "\"";
    }
    /** A string field that must be present: absent, null or another type is a {@link BadFieldException}. */
    static String requireText(JsonNode node, String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            throw new BadFieldException(field, "is missing");
        }
        if (!v.isTextual()) {
            throw new BadFieldException(field, "must be a string, got " + describe(v));
        }
        return v.asText();
    }

    /** A string field that may be absent or null; any other type is a {@link BadFieldException}. */
    static String optionalText(JsonNode node, String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual()) {
            throw new BadFieldException(field, "must be a string, got " + describe(v));
        }
        return v.asText();
    }

    /** A short rendering of a JSON value for messages. */
    static String describe(JsonNode v) {
        String s = v.toString();
        return s.length() > 60 ? s.substring(0, 60) + "…" : s;
    }
}
