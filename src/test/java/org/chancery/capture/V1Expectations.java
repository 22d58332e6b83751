package org.chancery.capture;

import static org.chancery.capture.Fixtures.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.chancery.record.Media;
import org.chancery.record.ReferencedTweet;
import org.chancery.record.Tweet;

/** What a v1.1 status says, read with plain Jackson tree access, compared field by field with a record. */
final class V1Expectations {
    private static final DateTimeFormatter TWITTER_TIME = DateTimeFormatter.ofPattern("EEE MMM d HH:mm:ss xx yyyy", Locale.ENGLISH);

    private V1Expectations() {}

    static void assertMatches(JsonNode s, Tweet t) {
        String id = s.has("id_str") ? s.get("id_str").asText() : s.get("id").asText();
        assertEquals(id, t.id());
        JsonNode user = s.get("user");
        assertEquals(user.get("id_str").asText(), t.author().id(), id + " author");
        assertEquals(text(user, "screen_name"), t.author().handle(), id + " handle");
        assertEquals(text(user, "name"), t.author().displayName(), id + " display name");
        assertEquals(ZonedDateTime.parse(s.get("created_at").asText(), TWITTER_TIME).toInstant(), t.createdAt(), id + " created_at");
        JsonNode ext = s.get("extended_tweet");
        String expectedText = ext != null ? ext.get("full_text").asText() : s.has("full_text") ? s.get("full_text").asText() : s.get("text").asText();
        assertEquals(expectedText, t.text(), id + " text");
        assertEquals(text(s, "lang"), t.lang(), id + " lang");
        String source = text(s, "source");
        assertEquals(source == null ? null : source.replaceAll("<[^>]+>", "").strip(), t.sourceClient(), id + " source");
        assertEquals(text(s, "in_reply_to_user_id_str"), t.inReplyToUserId(), id + " in_reply_to_user_id");
        JsonNode ps = s.get("possibly_sensitive");
        assertEquals(ps == null || ps.isNull() ? null : ps.booleanValue(), t.possiblySensitive(), id + " possibly_sensitive");

        Set<String> refs = new HashSet<>();
        if (s.hasNonNull("retweeted_status")) {
            refs.add("retweeted " + s.get("retweeted_status").get("id_str").asText());
        }
        if (s.hasNonNull("quoted_status")) {
            refs.add("quoted " + s.get("quoted_status").get("id_str").asText());
        } else if (s.hasNonNull("quoted_status_id_str")) {
            refs.add("quoted " + s.get("quoted_status_id_str").asText());
        }
        if (s.hasNonNull("in_reply_to_status_id_str")) {
            refs.add("replied_to " + s.get("in_reply_to_status_id_str").asText());
        }
        Set<String> actual = new HashSet<>();
        for (ReferencedTweet r : t.referencedTweets()) {
            actual.add(r.type().wireName() + " " + r.id());
            JsonNode embedded = switch (r.type()) {
                case RETWEETED -> s.get("retweeted_status");
                case QUOTED -> s.get("quoted_status");
                case REPLIED_TO -> null;
            };
            // An embedded status without its user (some fixtures trim them) cannot be a record: referenced by id only.
            if (embedded == null || embedded.isNull() || !embedded.has("user") || !embedded.has("created_at")) {
                assertNull(r.embedded(), id + " " + r.type());
            } else {
                assertNotNull(r.embedded(), id + " embeds " + r.id());
                assertMatches(embedded, r.embedded());
            }
        }
        assertEquals(refs, actual, id + " references");

        JsonNode e = ext != null && ext.has("entities") ? ext.get("entities") : s.path("entities");
        assertEquals(e.path("hashtags").size(), t.entities().hashtags().size(), id + " hashtags");
        assertEquals(e.path("user_mentions").size(), t.entities().mentions().size(), id + " mentions");
        assertEquals(e.path("symbols").size(), t.entities().cashtags().size(), id + " symbols");
        assertEquals(e.path("urls").size(), t.entities().urls().size(), id + " urls");
        for (int i = 0; i < e.path("user_mentions").size(); i++) {
            JsonNode m = e.get("user_mentions").get(i);
            assertEquals(m.get("screen_name").asText(), t.entities().mentions().get(i).handle());
            assertEquals(text(m, "id_str"), t.entities().mentions().get(i).userId());
            assertEquals(m.get("indices").get(0).asInt(), t.entities().mentions().get(i).start());
            assertEquals(m.get("indices").get(1).asInt(), t.entities().mentions().get(i).end());
        }
        for (int i = 0; i < e.path("urls").size(); i++) {
            assertEquals(text(e.get("urls").get(i), "expanded_url"), t.entities().urls().get(i).expandedUrl());
        }

        JsonNode mediaList = firstNonEmpty(ext == null ? null : ext.path("extended_entities").get("media"),
                s.path("extended_entities").get("media"), ext == null ? null : ext.path("entities").get("media"),
                s.path("entities").get("media"));
        List<String> keys = new ArrayList<>();
        if (mediaList != null) {
            mediaList.forEach(m -> keys.add(m.get("id_str").asText()));
        }
        assertEquals(keys, t.media().stream().map(Media::key).toList(), id + " media");
        for (int i = 0; i < t.media().size(); i++) {
            JsonNode m = mediaList.get(i);
            assertEquals(m.get("type").asText(), t.media().get(i).type());
            assertEquals(m.get("media_url_https").asText(), t.media().get(i).url());
            assertEquals(text(m, "ext_alt_text"), t.media().get(i).altText());
            assertEquals(m.path("sizes").path("large").path("w").asInt(0), t.media().get(i).width());
        }

        if (t.metrics() != null) {
            assertEquals(s.get("retweet_count").asLong(), t.metrics().count("retweet_count"), id + " retweets");
            assertEquals(s.get("favorite_count").asLong(), t.metrics().count("like_count"), id + " likes");
            assertEquals(s.has("reply_count"), t.metrics().counts().containsKey("reply_count"), id + " reply_count");
        } else {
            assertNull(s.get("retweet_count"), id + " has no counts");
        }

        JsonNode place = s.get("place");
        JsonNode coords = s.path("coordinates").get("coordinates");
        if ((place == null || place.isNull()) && coords == null) {
            assertNull(t.place(), id + " place");
        } else {
            assertNotNull(t.place(), id + " place");
            if (place != null && !place.isNull()) {
                assertEquals(place.get("id").asText(), t.place().id());
                assertEquals(place.get("full_name").asText(), t.place().fullName());
                assertEquals(place.get("country_code").asText(), t.place().countryCode());
            }
            if (coords != null) {
                assertEquals(coords.get(0).asDouble(), t.place().longitude());
                assertEquals(coords.get(1).asDouble(), t.place().latitude());
            }
        }
    }

    private static JsonNode firstNonEmpty(JsonNode... lists) {
        for (JsonNode l : lists) {
            if (l != null && l.isArray() && !l.isEmpty()) {
                return l;
            }
        }
        return null;
    }
}
