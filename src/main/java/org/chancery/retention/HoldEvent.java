package org.chancery.retention;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;

/**
 * One change to the legal holds: a hold placed or released. Events are the unit of persistence (one line of
 * the hold log) and of the ledger: {@link #canonicalBytes()} is exactly the line written and the bytes to log.
 */
public sealed interface HoldEvent permits HoldEvent.Placed, HoldEvent.Released {

    String holdId();

    Instant at();

    /** Canonical JSON (see {@link CanonicalJson}); also the event's line in the hold log. */
    byte[] canonicalBytes();

    /** A hold was placed. */
    record Placed(LegalHold hold) implements HoldEvent {
        public Placed {
            Objects.requireNonNull(hold, "hold");
            if (hold.release() != null) {
                throw new IllegalArgumentException("a placed event carries the hold as placed, without a release");
            }
        }

        @Override
        public String holdId() {
            return hold.id();
        }

        @Override
        public Instant at() {
            return hold.placedAt();
        }

        @Override
        public byte[] canonicalBytes() {
            ObjectNode o = JsonNodeFactory.instance.objectNode();
            o.put("event", "hold-placed");
            o.put("id", hold.id());
            o.put("reason", hold.reason());
            o.put("placedBy", hold.placedBy());
            o.put("placedAt", hold.placedAt().toString());
            ObjectNode scope = o.putObject("scope");
            scope.put("query", hold.scope().query());
            if (!hold.scope().accountIds().isEmpty()) {
                ArrayNode ids = scope.putArray("accounts");
                hold.scope().accountIds().stream().sorted().forEach(ids::add);
            }
            AccountCodec.putInstant(scope, "createdFrom", hold.scope().createdFrom());
            AccountCodec.putInstant(scope, "createdUntil", hold.scope().createdUntil());
            return CanonicalJson.bytes(o);
        }
    }

    /** A hold was released; the hold's placement stays on record. */
    record Released(String holdId, LegalHold.Release release) implements HoldEvent {
        public Released {
            LegalHold.requireId(holdId);
            Objects.requireNonNull(release, "release");
        }

        @Override
        public Instant at() {
            return release.releasedAt();
        }

        @Override
        public byte[] canonicalBytes() {
            ObjectNode o = JsonNodeFactory.instance.objectNode();
            o.put("event", "hold-released");
            o.put("id", holdId);
            o.put("releasedBy", release.releasedBy());
            o.put("releasedAt", release.releasedAt().toString());
            o.put("reason", release.reason());
            return CanonicalJson.bytes(o);
        }
    }

    /**
     * Reads an event back from its canonical bytes.
     *
     * @throws IllegalArgumentException saying what is wrong
     */
    static HoldEvent parse(byte[] line) {
        JsonNode o;
        try {
            o = CanonicalJson.mapper().readTree(line);
        } catch (IOException e) {
            throw new IllegalArgumentException("not JSON: " + e.getMessage(), e);
        }
        if (o == null || !o.isObject()) {
            throw new IllegalArgumentException("expected a JSON object");
        }
        String event = text(o, "event");
        try {
            return switch (event) {
                case "hold-placed" -> {
                    JsonNode s = o.path("scope");
                    Set<String> ids = new LinkedHashSet<>();
                    s.path("accounts").forEach(n -> ids.add(n.asText()));
                    HoldScope scope = new HoldScope(s.hasNonNull("query") ? s.get("query").asText() : null, ids,
                            instantOrNull(s, "createdFrom"), instantOrNull(s, "createdUntil"));
                    yield new Placed(new LegalHold(text(o, "id"), text(o, "reason"), text(o, "placedBy"),
                            Instant.parse(text(o, "placedAt")), scope, null));
                }
                case "hold-released" -> new Released(text(o, "id"), new LegalHold.Release(text(o, "releasedBy"),
                        Instant.parse(text(o, "releasedAt")), text(o, "reason")));
                default -> throw new IllegalArgumentException("unknown event \"" + event + "\"");
            };
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("bad instant: " + e.getParsedString(), e);
        }
    }

    private static String text(JsonNode o, String field) {
        JsonNode v = o.get(field);
        if (v == null || !v.isTextual()) {
            throw new IllegalArgumentException("field " + field + " is missing or not text");
        }
        return v.asText();
    }

    private static Instant instantOrNull(JsonNode o, String field) {
        return o.hasNonNull(field) ? Instant.parse(o.get(field).asText()) : null;
    }
}
