package org.chancery.capture;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.chancery.record.Author;
import org.chancery.record.Entities;
import org.chancery.record.Ids;
import org.chancery.record.Media;
import org.chancery.record.Metrics;
import org.chancery.record.Provenance;
import org.chancery.record.ReferenceType;
import org.chancery.record.ReferencedTweet;
import org.chancery.record.Tweet;

/**
 * Maps one tweet object of an archive export (the API v1.1-like object inside {@code {"tweet": {...}}}) to a
 * {@link Tweet}. The export writes every number as a string ({@code "indices": ["0", "10"]},
 * {@code "favorite_count": "3"}); both strings and JSON numbers are read.
 */
final class ArchiveTweetMapper {
    /** {@code Wed Mar 04 13:02:05 +0000 2026}. */
    static final DateTimeFormatter CREATED_AT = DateTimeFormatter.ofPattern("EEE MMM dd HH:mm:ss Z yyyy", Locale.ROOT);

    private ArchiveTweetMapper() {}

    static Tweet map(JsonNode t, Author author, boolean deleted, Provenance provenance) {
        String id = JsonFields.requireId(t, "id_str");
        String created = JsonFields.requireText(t, "created_at");
        Instant createdAt;
        try {
            createdAt = ZonedDateTime.parse(created, CREATED_AT).toInstant();
        } catch (DateTimeParseException e) {
            throw new BadFieldException("created_at",
                    "must be a date like \"Wed Mar 04 13:02:05 +0000 2026\", got \"" + created + "\"");
        }
        String text = t.has("full_text") ? JsonFields.requireText(t, "full_text") : JsonFields.requireText(t, "text");
        String replyTo = JsonFields.id(t, "in_reply_to_status_id_str");
        List<ReferencedTweet> refs = replyTo == null ? List.of()
                : List.of(new ReferencedTweet(ReferenceType.REPLIED_TO, replyTo, null));
        return Tweet.builder()
                .id(id)
                .author(author)
                .createdAt(createdAt)
                .text(text)
                .lang(JsonFields.optionalText(t, "lang"))
                .sourceClient(stripHtml(JsonFields.optionalText(t, "source")))
                .inReplyToUserId(JsonFields.id(t, "in_reply_to_user_id_str"))
                .referencedTweets(refs)
                .entities(entities(t.path("entities")))
                .media(media(t))
                .metrics(metrics(t, provenance.capturedAt()))
                .editHistoryIds(editHistory(t.path("edit_info")))
                .possiblySensitive(flag(t, "possibly_sensitive"))
                .deleted(deleted)
                .provenance(provenance)
                .build();
    }

    private static Entities entities(JsonNode e) {
        List<Entities.Hashtag> hashtags = new ArrayList<>();
        List<Entities.Mention> mentions = new ArrayList<>();
        List<Entities.Cashtag> cashtags = new ArrayList<>();
        List<Entities.Url> urls = new ArrayList<>();
        int i = 0;
        for (JsonNode h : e.path("hashtags")) {
            String field = "entities.hashtags[" + i++ + "]";
            hashtags.add(new Entities.Hashtag(text(h, "text", field), index(h, 0, field), index(h, 1, field)));
        }
        i = 0;
        for (JsonNode m : e.path("user_mentions")) {
            String field = "entities.user_mentions[" + i++ + "]";
            String userId = m.hasNonNull("id_str") ? m.get("id_str").asText() : null;
            if (userId != null && !Ids.isNumeric(userId)) {
                throw new BadFieldException(field + ".id_str", "must be a numeric id string, got \"" + userId + "\"");
            }
            mentions.add(new Entities.Mention(text(m, "screen_name", field), userId, index(m, 0, field), index(m, 1, field)));
        }
        i = 0;
        for (JsonNode s : e.path("symbols")) {
            String field = "entities.symbols[" + i++ + "]";
            cashtags.add(new Entities.Cashtag(text(s, "text", field), index(s, 0, field), index(s, 1, field)));
        }
        i = 0;
        for (JsonNode u : e.path("urls")) {
            String field = "entities.urls[" + i++ + "]";
            urls.add(new Entities.Url(text(u, "url", field), u.hasNonNull("expanded_url") ? u.get("expanded_url").asText() : null,
                    u.hasNonNull("display_url") ? u.get("display_url").asText() : null, index(u, 0, field), index(u, 1, field)));
        }
        return new Entities(hashtags, mentions, cashtags, urls);
    }

    /**
     * {@code extended_entities.media} (every attachment), else {@code entities.media} (the first only, in older
     * exports). Width and height are those of the {@code large} rendition, the largest the export describes.
     */
    private static List<Media> media(JsonNode t) {
        JsonNode list = t.path("extended_entities").path("media");
        String base = "extended_entities.media";
        if (list.isMissingNode()) {
            list = t.path("entities").path("media");
            base = "entities.media";
        }
        List<Media> media = new ArrayList<>();
        int i = 0;
        for (JsonNode m : list) {
            String field = base + "[" + i++ + "]";
            String key = text(m, "id_str", field);
            String type = text(m, "type", field);
            String url = m.hasNonNull("media_url_https") ? m.get("media_url_https").asText()
                    : m.hasNonNull("media_url") ? m.get("media_url").asText() : null;
            String alt = m.hasNonNull("ext_alt_text") ? m.get("ext_alt_text").asText() : null;
            JsonNode large = m.path("sizes").path("large");
            media.add(new Media(key, type, url, alt, smallCount(large.get("w"), field + ".sizes.large.w"),
                    smallCount(large.get("h"), field + ".sizes.large.h")));
        }
        return media;
    }

    /** Like and retweet counts in the v2 vocabulary; null when the export gives neither. */
    private static Metrics metrics(JsonNode t, Instant observedAt) {
        Map<String, Long> counts = new LinkedHashMap<>();
        if (t.hasNonNull("favorite_count")) {
            counts.put("like_count", count(t.get("favorite_count"), "favorite_count"));
        }
        if (t.hasNonNull("retweet_count")) {
            counts.put("retweet_count", count(t.get("retweet_count"), "retweet_count"));
        }
        return counts.isEmpty() ? null : new Metrics(observedAt, counts);
    }

    /**
     * Every version's id, oldest first: {@code edit_info.initial.editTweetIds} on an original, and
     * {@code edit_info.edit.editControlInitial.editTweetIds} on a later version.
     */
    private static List<String> editHistory(JsonNode editInfo) {
        JsonNode ids = editInfo.path("initial").path("editTweetIds");
        String field = "edit_info.initial.editTweetIds";
        if (ids.isMissingNode()) {
            ids = editInfo.path("edit").path("editControlInitial").path("editTweetIds");
            field = "edit_info.edit.editControlInitial.editTweetIds";
        }
        List<String> history = new ArrayList<>();
        for (JsonNode id : ids) {
            if (!Ids.isNumeric(id.asText())) {
                throw new BadFieldException(field, "must hold numeric id strings, got " + JsonFields.describe(id));
            }
            history.add(id.asText());
        }
        return history;
    }

    private static Boolean flag(JsonNode t, String field) {
        JsonNode v = t.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (v.isBoolean()) {
            return v.booleanValue();
        }
        if (v.isTextual() && (v.asText().equals("true") || v.asText().equals("false"))) {
            return Boolean.valueOf(v.asText());
        }
        throw new BadFieldException(field, "must be true or false, got " + JsonFields.describe(v));
    }

    private static String text(JsonNode node, String key, String field) {
        JsonNode v = node.get(key);
        if (v == null || !v.isTextual()) {
            throw new BadFieldException(field + "." + key, v == null ? "is missing" : "must be a string, got " + JsonFields.describe(v));
        }
        return v.asText();
    }

    private static int index(JsonNode entity, int which, String field) {
        JsonNode indices = entity.get("indices");
        if (indices == null || !indices.isArray() || indices.size() != 2) {
            throw new BadFieldException(field + ".indices", "must be a pair of offsets, got "
                    + (indices == null ? "nothing" : JsonFields.describe(indices)));
        }
        return smallCount(indices.get(which), field + ".indices");
    }

    /** A non-negative count, as a JSON number or a decimal string; absent is 0 (unknown). */
    private static long count(JsonNode v, String field) {
        if (v == null || v.isNull()) {
            return 0;
        }
        if (v.isIntegralNumber() && v.canConvertToLong() && v.longValue() >= 0) {
            return v.longValue();
        }
        if (v.isTextual()) {
            try {
                long n = Long.parseLong(v.asText());
                if (n >= 0) {
                    return n;
                }
            } catch (NumberFormatException e) {
                // not a number: reported as a problem below, like a negative one
            }
        }
        throw new BadFieldException(field, "must be a non-negative whole number, got " + JsonFields.describe(v));
    }

    /** Like {@link #count} for offsets and pixel sizes, which fit an int. */
    private static int smallCount(JsonNode v, String field) {
        long n = count(v, field);
        if (n > Integer.MAX_VALUE) {
            throw new BadFieldException(field, "must be at most " + Integer.MAX_VALUE + ", got " + n);
        }
        return (int) n;
    }

    /**
     * The text of an HTML fragment such as {@code <a href="..." rel="nofollow">Twitter Web App</a>}: tags dropped,
     * the five predefined entities decoded.
     */
    static String stripHtml(String html) {
        if (html == null) {
            return null;
        }
        StringBuilder out = new StringBuilder(html.length());
        boolean inTag = false;
        for (int i = 0; i < html.length(); i++) {
            char c = html.charAt(i);
            if (c == '<') {
                inTag = true;
            } else if (c == '>' && inTag) {
                inTag = false;
            } else if (!inTag) {
                out.append(c);
            }
        }
        String text = out.toString()
                .replace("&lt;", "<")
                .replace("&gt;", ">")
                .replace("&quot;", "\"")
                .replace("&#39;", "'")
                .replace("&amp;", "&")
                .strip();
        return text.isEmpty() ? null : text;
    }
}
