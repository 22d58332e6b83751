package org.chancery.capture;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.chancery.record.Author;
import org.chancery.record.Entities;
import org.chancery.record.Media;
import org.chancery.record.Metrics;
import org.chancery.record.Place;
import org.chancery.record.Provenance;
import org.chancery.record.ReferenceType;
import org.chancery.record.ReferencedTweet;
import org.chancery.record.Tweet;

/**
 * Maps one API v2 tweet object, with its expansions, to a {@link Tweet}. Stateless; the expansions and the
 * capture instant come with each call.
 */
final class V2TweetMapper {
    /** Referenced tweets are embedded this many levels deep (a quote of a reply of …); deeper ones by id only. */
    static final int MAX_EMBED_DEPTH = 3;

    /**
     * @param tweet      the tweet object
     * @param x          where its expansions are
     * @param provenance the payload's provenance; its {@code capturedAt} is also the metrics' observation time
     * @param joined     receives the expansion objects the record was built from
     * @throws BadFieldException when a required field is missing or malformed
     */
    Tweet map(JsonNode tweet, V2Expansions x, Provenance provenance, List<JsonNode> joined) {
        return map(tweet, x, provenance, joined, 0, new HashSet<>());
    }

    private Tweet map(JsonNode t, V2Expansions x, Provenance provenance, List<JsonNode> joined, int depth,
            Set<String> enclosing) {
        if (!t.isObject()) {
            throw new BadFieldException("(tweet)", "must be a JSON object, got " + t.getNodeType().name().toLowerCase(java.util.Locale.ROOT));
        }
        String id = JsonFields.requireId(t, "id");
        Instant createdAt = createdAt(t);
        JsonNode note = JsonFields.child(t, "note_tweet");
        String noteText = JsonFields.text(note, "text");
        String text = noteText != null ? noteText : JsonFields.text(t, "text");
        if (text == null) {
            throw new BadFieldException("text", "is missing; every tweet needs its text");
        }
        Instant observed = provenance.capturedAt();
        Set<String> inside = new HashSet<>(enclosing);
        inside.add(id);
        return Tweet.builder()
                .id(id)
                .author(author(t, x, joined))
                .createdAt(createdAt)
                .text(text)
                .lang(JsonFields.text(t, "lang"))
                .sourceClient(JsonFields.text(t, "source"))
                .conversationId(JsonFields.id(t, "conversation_id"))
                .inReplyToUserId(JsonFields.id(t, "in_reply_to_user_id"))
                .referencedTweets(references(t, x, provenance, joined, depth, inside))
                // Long posts carry their entities with the note text: offsets refer to that text.
                .entities(entities(noteText != null && note.has("entities") ? note.get("entities") : t.get("entities")))
                .media(media(t, x, joined))
                .metrics(metrics(JsonFields.child(t, "public_metrics"), observed))
                .editHistoryIds(editHistory(t))
                .possiblySensitive(JsonFields.bool(t, "possibly_sensitive"))
                .place(place(t, x, joined))
                .provenance(provenance)
                .build();
    }

    private static Instant createdAt(JsonNode t) {
        String s = JsonFields.text(t, "created_at");
        if (s == null) {
            throw new BadFieldException("created_at", "is missing; every tweet needs its posting time");
        }
        try {
            return Instant.parse(s);
        } catch (DateTimeParseException e) {
            throw new BadFieldException("created_at", "must be an ISO-8601 UTC time like 2022-10-03T17:57:00.000Z, got " + JsonFields.quote(s));
        }
    }

    private static Author author(JsonNode t, V2Expansions x, List<JsonNode> joined) {
        String authorId = JsonFields.id(t, "author_id");
        if (authorId == null) {
            JsonNode inline = JsonFields.child(t, "author");
            authorId = inline == null ? null : JsonFields.id(inline, "id");
        }
        if (authorId == null) {
            throw new BadFieldException("author_id", "is missing; a tweet must name its author (request the author_id field or expansion)");
        }
        JsonNode user = x.author(t, authorId);
        if (user == null) {
            // The id alone is still the author; the handle is unknown, not guessed.
            return new Author(authorId, null, null);
        }
        joined.add(user);
        return new Author(authorId, JsonFields.text(user, "username"), JsonFields.text(user, "name"));
    }

    private List<ReferencedTweet> references(JsonNode t, V2Expansions x, Provenance provenance, List<JsonNode> joined,
            int depth, Set<String> enclosing) {
        List<ReferencedTweet> out = new ArrayList<>();
        List<JsonNode> refs = JsonFields.elements(t, "referenced_tweets");
        for (int i = 0; i < refs.size(); i++) {
            JsonNode ref = refs.get(i);
            String field = "referenced_tweets[" + i + "]";
            String type = JsonFields.text(ref, "type");
            ReferenceType rt;
            try {
                rt = ReferenceType.fromWireName(type);
            } catch (IllegalArgumentException e) {
                throw new BadFieldException(field + ".type", "must be retweeted, quoted or replied_to, got " + JsonFields.quote(type));
            }
            String refId;
            try {
                refId = JsonFields.requireId(ref, "id");
            } catch (BadFieldException e) {
                throw new BadFieldException(field + ".id", e.problem());
            }
            out.add(new ReferencedTweet(rt, refId, embedded(ref, refId, x, provenance, joined, depth, enclosing)));
        }
        return out;
    }

    /**
     * The referenced tweet built from its expansion, or null when it is absent, too deep, cyclic, or itself
     * incomplete (an included tweet without author_id): the reference by id stays either way.
     */
    private Tweet embedded(JsonNode ref, String refId, V2Expansions x, Provenance provenance, List<JsonNode> joined,
            int depth, Set<String> enclosing) {
        if (depth + 1 > MAX_EMBED_DEPTH || enclosing.contains(refId)) {
            return null;
        }
        JsonNode included = x.referenced(ref, refId);
        if (included == null || !refId.equals(JsonFields.text(included, "id"))) {
            return null;
        }
        List<JsonNode> inner = new ArrayList<>();
        try {
            Tweet embedded = map(included, x, provenance, inner, depth + 1, enclosing);
            joined.add(included);
            joined.addAll(inner);
            return embedded;
        } catch (BadFieldException | IllegalArgumentException e) {
            return null;
        }
    }

    static Entities entities(JsonNode e) {
        if (e == null || !e.isObject()) {
            return Entities.NONE;
        }
        List<Entities.Hashtag> hashtags = new ArrayList<>();
        for (JsonNode h : JsonFields.elements(e, "hashtags")) {
            String tag = JsonFields.text(h, "tag");
            if (tag != null) {
                hashtags.add(new Entities.Hashtag(tag, start(h), end(h)));
            }
        }
        List<Entities.Mention> mentions = new ArrayList<>();
        for (JsonNode m : JsonFields.elements(e, "mentions")) {
            String username = JsonFields.text(m, "username");
            if (username != null) {
                mentions.add(new Entities.Mention(username, JsonFields.text(m, "id"), start(m), end(m)));
            }
        }
        List<Entities.Cashtag> cashtags = new ArrayList<>();
        for (JsonNode c : JsonFields.elements(e, "cashtags")) {
            String tag = JsonFields.text(c, "tag");
            if (tag != null) {
                cashtags.add(new Entities.Cashtag(tag, start(c), end(c)));
            }
        }
        List<Entities.Url> urls = new ArrayList<>();
        for (JsonNode u : JsonFields.elements(e, "urls")) {
            String url = JsonFields.text(u, "url");
            if (url != null) {
                urls.add(new Entities.Url(url, JsonFields.text(u, "expanded_url"), JsonFields.text(u, "display_url"),
                        start(u), end(u)));
            }
        }
        return new Entities(hashtags, mentions, cashtags, urls);
    }

    private static int start(JsonNode n) {
        return JsonFields.integer(n, "start", -1);
    }

    private static int end(JsonNode n) {
        return JsonFields.integer(n, "end", -1);
    }

    private static List<Media> media(JsonNode t, V2Expansions x, List<JsonNode> joined) {
        List<Media> out = new ArrayList<>();
        for (JsonNode k : JsonFields.elements(JsonFields.child(t, "attachments"), "media_keys")) {
            String key = k.asText();
            JsonNode m = x.media(t, key);
            // Without its expansion a media key tells neither type nor URL; the key stays in the raw payload.
            if (m == null || JsonFields.text(m, "type") == null) {
                continue;
            }
            joined.add(m);
            String url = JsonFields.text(m, "url");
            out.add(new Media(key, JsonFields.text(m, "type"), url != null ? url : JsonFields.text(m, "preview_image_url"),
                    JsonFields.text(m, "alt_text"), JsonFields.integer(m, "width", 0), JsonFields.integer(m, "height", 0)));
        }
        return out;
    }

    /** All numeric counts as given, or null when the payload has no public_metrics. */
    static Metrics metrics(JsonNode pm, Instant observedAt) {
        if (pm == null || !pm.isObject()) {
            return null;
        }
        Map<String, Long> counts = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> f : pm.properties()) {
            if (f.getValue().isIntegralNumber()) {
                counts.put(f.getKey(), f.getValue().longValue());
            }
        }
        return new Metrics(observedAt, counts);
    }

    private static List<String> editHistory(JsonNode t) {
        List<String> ids = new ArrayList<>();
        List<JsonNode> items = JsonFields.elements(t, "edit_history_tweet_ids");
        for (int i = 0; i < items.size(); i++) {
            String s = items.get(i).asText();
            if (!org.chancery.record.Ids.isNumeric(s)) {
                throw new BadFieldException("edit_history_tweet_ids[" + i + "]", "must be a numeric id string, got " + JsonFields.quote(s));
            }
            ids.add(s);
        }
        return ids;
    }

    private static Place place(JsonNode t, V2Expansions x, List<JsonNode> joined) {
        JsonNode geo = JsonFields.child(t, "geo");
        if (geo == null || !geo.isObject()) {
            return null;
        }
        String placeId = JsonFields.text(geo, "place_id");
        Double lon = null;
        Double lat = null;
        JsonNode coords = JsonFields.child(JsonFields.child(geo, "coordinates"), "coordinates");
        if (coords != null && coords.isArray() && coords.size() == 2 && coords.get(0).isNumber() && coords.get(1).isNumber()) {
            // GeoJSON order: longitude first.
            lon = coords.get(0).doubleValue();
            lat = coords.get(1).doubleValue();
        }
        if (placeId == null && lon == null) {
            return null;
        }
        JsonNode p = placeId == null ? null : x.place(t, placeId);
        if (p != null && p != geo) {
            joined.add(p);
        }
        return new Place(placeId, JsonFields.text(p, "full_name"), JsonFields.text(p, "country_code"), lon, lat);
    }
}
