package org.chancery.capture;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.chancery.record.Author;
import org.chancery.record.Entities;
import org.chancery.record.Media;
import org.chancery.record.Metrics;
import org.chancery.record.Place;
import org.chancery.record.Provenance;
import org.chancery.record.ReferenceType;
import org.chancery.record.ReferencedTweet;
import org.chancery.record.Tweet;

/** Maps one API v1.1 status object (with its embedded retweeted and quoted statuses) to a {@link Tweet}. */
final class V1StatusMapper {
    /** Twitter's v1.1 time format: "Mon Jul 10 14:58:16 +0000 2017". */
    static final DateTimeFormatter CREATED_AT = DateTimeFormatter.ofPattern("EEE MMM dd HH:mm:ss Z yyyy", Locale.ROOT);

    private static final int MAX_EMBED_DEPTH = 3;
    private static final Pattern TAG = Pattern.compile("<[^>]*>");

    /**
     * @param provenance the payload's provenance; its {@code capturedAt} is also the metrics' observation time
     * @throws BadFieldException when a required field is missing or malformed
     */
    Tweet map(JsonNode status, Provenance provenance) {
        return map(status, provenance, 0, new HashSet<>());
    }

    private Tweet map(JsonNode s, Provenance provenance, int depth, Set<String> enclosing) {
        if (!s.isObject()) {
            throw new BadFieldException("(status)", "must be a JSON object, got " + s.getNodeType().name().toLowerCase(Locale.ROOT));
        }
        String id = s.hasNonNull("id_str") ? JsonFields.requireId(s, "id_str") : JsonFields.requireId(s, "id");
        Set<String> inside = new HashSet<>(enclosing);
        inside.add(id);
        JsonNode ext = JsonFields.child(s, "extended_tweet");
        return Tweet.builder()
                .id(id)
                .author(author(s))
                .createdAt(createdAt(s))
                .text(text(s, ext))
                .lang(JsonFields.text(s, "lang"))
                .sourceClient(source(JsonFields.text(s, "source")))
                .inReplyToUserId(idOf(s, "in_reply_to_user_id"))
                .referencedTweets(references(s, provenance, depth, inside))
                .entities(entities(ext != null && ext.has("entities") ? ext.get("entities") : JsonFields.child(s, "entities")))
                .media(media(s, ext))
                .metrics(metrics(s, provenance.capturedAt()))
                .possiblySensitive(JsonFields.bool(s, "possibly_sensitive"))
                .place(place(s))
                .provenance(provenance)
                .build();
    }

    /** {@code <name>_str}, falling back to the numeric {@code <name>}; null when neither is given. */
    private static String idOf(JsonNode s, String name) {
        return s.hasNonNull(name + "_str") ? JsonFields.id(s, name + "_str") : JsonFields.id(s, name);
    }

    private static Author author(JsonNode s) {
        JsonNode user = JsonFields.child(s, "user");
        if (user == null || !user.isObject()) {
            throw new BadFieldException("user", "is missing; a status must name its author");
        }
        String userId;
        try {
            userId = idOf(user, "id");
        } catch (BadFieldException e) {
            throw new BadFieldException("user." + e.field(), e.problem());
        }
        if (userId == null) {
            throw new BadFieldException("user.id_str", "is missing; a status must name its author");
        }
        return new Author(userId, JsonFields.text(user, "screen_name"), JsonFields.text(user, "name"));
    }

    private static Instant createdAt(JsonNode s) {
        String v = JsonFields.text(s, "created_at");
        if (v == null) {
            throw new BadFieldException("created_at", "is missing; every status needs its posting time");
        }
        try {
            return OffsetDateTime.parse(v, CREATED_AT).toInstant();
        } catch (DateTimeParseException e) {
            throw new BadFieldException("created_at", "must be a Twitter time like \"Mon Jul 10 14:58:16 +0000 2017\", got " + JsonFields.quote(v));
        }
    }

    private static String text(JsonNode s, JsonNode ext) {
        String full = JsonFields.text(ext, "full_text");
        if (full == null) {
            full = JsonFields.text(s, "full_text");
        }
        if (full == null) {
            full = JsonFields.text(s, "text");
        }
        if (full == null) {
            throw new BadFieldException("text", "is missing (no extended_tweet.full_text, full_text or text)");
        }
        return full;
    }

    /** The client's name from v1.1's HTML link ("&lt;a href=…&gt;Twitter for iPhone&lt;/a&gt;"). */
    static String source(String html) {
        if (html == null) {
            return null;
        }
        String text = TAG.matcher(html).replaceAll("").strip();
        return text.isEmpty() ? null : text;
    }

    private List<ReferencedTweet> references(JsonNode s, Provenance provenance, int depth, Set<String> enclosing) {
        List<ReferencedTweet> out = new ArrayList<>();
        JsonNode rt = JsonFields.child(s, "retweeted_status");
        if (rt != null && rt.isObject()) {
            String rtId = embeddedId(rt, "retweeted_status");
            out.add(new ReferencedTweet(ReferenceType.RETWEETED, rtId, embedded(rt, provenance, depth, enclosing)));
        }
        JsonNode qt = JsonFields.child(s, "quoted_status");
        String quotedId = idOf(s, "quoted_status_id");
        if (qt != null && qt.isObject()) {
            String qId = embeddedId(qt, "quoted_status");
            out.add(new ReferencedTweet(ReferenceType.QUOTED, qId, embedded(qt, provenance, depth, enclosing)));
        } else if (quotedId != null) {
            out.add(new ReferencedTweet(ReferenceType.QUOTED, quotedId, null));
        }
        String replyTo = idOf(s, "in_reply_to_status_id");
        if (replyTo != null) {
            out.add(new ReferencedTweet(ReferenceType.REPLIED_TO, replyTo, null));
        }
        return out;
    }

    private static String embeddedId(JsonNode embedded, String field) {
        try {
            String id = idOf(embedded, "id");
            if (id == null) {
                throw new BadFieldException(field + ".id_str", "is missing; a referenced status needs its id");
            }
            return id;
        } catch (BadFieldException e) {
            throw new BadFieldException(e.field().startsWith(field) ? e.field() : field + "." + e.field(), e.problem());
        }
    }

    /** The embedded status as a record, or null when too deep, cyclic or incomplete: the reference by id stays. */
    private Tweet embedded(JsonNode status, Provenance provenance, int depth, Set<String> enclosing) {
        String id = idOf(status, "id");
        if (depth + 1 > MAX_EMBED_DEPTH || enclosing.contains(id)) {
            return null;
        }
        try {
            return map(status, provenance, depth + 1, enclosing);
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
            String tag = JsonFields.text(h, "text");
            if (tag != null) {
                hashtags.add(new Entities.Hashtag(tag, index(h, 0), index(h, 1)));
            }
        }
        List<Entities.Mention> mentions = new ArrayList<>();
        for (JsonNode m : JsonFields.elements(e, "user_mentions")) {
            String name = JsonFields.text(m, "screen_name");
            if (name != null) {
                String userId = m.hasNonNull("id_str") ? JsonFields.text(m, "id_str") : JsonFields.text(m, "id");
                mentions.add(new Entities.Mention(name, userId, index(m, 0), index(m, 1)));
            }
        }
        List<Entities.Cashtag> cashtags = new ArrayList<>();
        for (JsonNode c : JsonFields.elements(e, "symbols")) {
            String tag = JsonFields.text(c, "text");
            if (tag != null) {
                cashtags.add(new Entities.Cashtag(tag, index(c, 0), index(c, 1)));
            }
        }
        List<Entities.Url> urls = new ArrayList<>();
        for (JsonNode u : JsonFields.elements(e, "urls")) {
            String url = JsonFields.text(u, "url");
            if (url != null) {
                urls.add(new Entities.Url(url, JsonFields.text(u, "expanded_url"), JsonFields.text(u, "display_url"),
                        index(u, 0), index(u, 1)));
            }
        }
        return new Entities(hashtags, mentions, cashtags, urls);
    }

    private static int index(JsonNode entity, int which) {
        JsonNode indices = JsonFields.child(entity, "indices");
        if (indices == null || !indices.isArray() || indices.size() != 2 || !indices.get(which).canConvertToInt()) {
            return -1;
        }
        return indices.get(which).intValue();
    }

    /**
     * Media from the richest list present: extended_entities (all photos, video) before entities (first
     * photo only), and the extended_tweet's own lists before the compatibility ones.
     */
    private static List<Media> media(JsonNode s, JsonNode ext) {
        JsonNode[] candidates = {
                JsonFields.child(JsonFields.child(ext, "extended_entities"), "media"),
                JsonFields.child(JsonFields.child(s, "extended_entities"), "media"),
                JsonFields.child(JsonFields.child(ext, "entities"), "media"),
                JsonFields.child(JsonFields.child(s, "entities"), "media"),
        };
        for (JsonNode list : candidates) {
            if (list != null && list.isArray() && !list.isEmpty()) {
                List<Media> out = new ArrayList<>();
                for (JsonNode m : list) {
                    String key = m.hasNonNull("id_str") ? JsonFields.text(m, "id_str") : JsonFields.text(m, "id");
                    String type = JsonFields.text(m, "type");
                    if (key == null || type == null) {
                        continue;
                    }
                    String url = JsonFields.text(m, "media_url_https");
                    JsonNode large = JsonFields.child(JsonFields.child(m, "sizes"), "large");
                    JsonNode original = JsonFields.child(m, "original_info");
                    int w = large != null ? JsonFields.integer(large, "w", 0) : JsonFields.integer(original, "width", 0);
                    int h = large != null ? JsonFields.integer(large, "h", 0) : JsonFields.integer(original, "height", 0);
                    out.add(new Media(key, type, url != null ? url : JsonFields.text(m, "media_url"),
                            JsonFields.text(m, "ext_alt_text"), w, h));
                }
                return out;
            }
        }
        return List.of();
    }

    /** v1.1 counts in the v2 vocabulary ({@code favorite_count} is {@code like_count}); null when none is given. */
    private static Metrics metrics(JsonNode s, Instant observedAt) {
        Map<String, Long> counts = new LinkedHashMap<>();
        count(s, "retweet_count", "retweet_count", counts);
        count(s, "favorite_count", "like_count", counts);
        count(s, "reply_count", "reply_count", counts);
        count(s, "quote_count", "quote_count", counts);
        return counts.isEmpty() ? null : new Metrics(observedAt, counts);
    }

    private static void count(JsonNode s, String v1, String v2, Map<String, Long> counts) {
        JsonNode n = JsonFields.child(s, v1);
        if (n != null && n.isIntegralNumber()) {
            counts.put(v2, n.longValue());
        }
    }

    private static Place place(JsonNode s) {
        JsonNode p = JsonFields.child(s, "place");
        JsonNode c = JsonFields.child(JsonFields.child(s, "coordinates"), "coordinates");
        Double lon = null;
        Double lat = null;
        if (c != null && c.isArray() && c.size() == 2 && c.get(0).isNumber() && c.get(1).isNumber()) {
            // GeoJSON order: longitude first (the deprecated "geo" field has it the other way round).
            lon = c.get(0).doubleValue();
            lat = c.get(1).doubleValue();
        }
        boolean hasPlace = p != null && p.isObject();
        if (!hasPlace && lon == null) {
            return null;
        }
        return new Place(hasPlace ? JsonFields.text(p, "id") : null, hasPlace ? JsonFields.text(p, "full_name") : null,
                hasPlace ? JsonFields.text(p, "country_code") : null, lon, lat);
    }
}
