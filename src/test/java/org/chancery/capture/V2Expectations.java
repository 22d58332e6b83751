package org.chancery.capture;

import static org.chancery.capture.Fixtures.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.chancery.record.Media;
import org.chancery.record.ReferencedTweet;
import org.chancery.record.Tweet;

/**
 * What a v2 tweet object says, read with plain Jackson tree access, compared field by field with a record.
 * Expansions come from a response's includes, or from the object itself for a flattened tweet.
 */
final class V2Expectations {
    private final Map<String, JsonNode> users = new HashMap<>();
    private final Map<String, JsonNode> tweets = new HashMap<>();
    private final Map<String, JsonNode> media = new HashMap<>();
    private final boolean flat;

    private V2Expectations(JsonNode includes, boolean flat) {
        this.flat = flat;
        if (includes != null) {
            includes.path("users").forEach(u -> users.put(u.get("id").asText(), u));
            includes.path("tweets").forEach(t -> tweets.put(t.get("id").asText(), t));
            includes.path("media").forEach(m -> media.put(m.get("media_key").asText(), m));
        }
    }

    static V2Expectations forResponse(JsonNode response) {
        return new V2Expectations(response.get("includes"), false);
    }

    static V2Expectations forFlattened() {
        return new V2Expectations(null, true);
    }

    void assertMatches(JsonNode o, Tweet t, Instant capturedAt) {
        String id = o.get("id").asText();
        assertEquals(id, t.id());
        String authorId = text(o, "author_id");
        assertEquals(authorId, t.author().id(), id + " author id");
        JsonNode user = flat ? o.get("author") : users.get(authorId);
        assertEquals(user == null ? null : text(user, "username"), t.author().handle(), id + " handle");
        assertEquals(user == null ? null : text(user, "name"), t.author().displayName(), id + " display name");
        assertEquals(Instant.parse(o.get("created_at").asText()), t.createdAt(), id + " created_at");
        JsonNode note = o.get("note_tweet");
        assertEquals(note != null ? note.get("text").asText() : o.get("text").asText(), t.text(), id + " text");
        assertEquals(text(o, "lang"), t.lang(), id + " lang");
        assertEquals(text(o, "source"), t.sourceClient(), id + " source");
        assertEquals(text(o, "conversation_id"), t.conversationId(), id + " conversation_id");
        assertEquals(text(o, "in_reply_to_user_id"), t.inReplyToUserId(), id + " in_reply_to_user_id");
        JsonNode ps = o.get("possibly_sensitive");
        assertEquals(ps == null ? null : ps.booleanValue(), t.possiblySensitive(), id + " possibly_sensitive");

        List<String> edits = new ArrayList<>();
        o.path("edit_history_tweet_ids").forEach(e -> edits.add(e.asText()));
        assertEquals(edits, t.editHistoryIds(), id + " edit history");

        JsonNode refs = o.path("referenced_tweets");
        assertEquals(refs.size(), t.referencedTweets().size(), id + " reference count");
        for (int i = 0; i < refs.size(); i++) {
            ReferencedTweet r = t.referencedTweets().get(i);
            assertEquals(refs.get(i).get("type").asText(), r.type().wireName(), id + " reference type");
            assertEquals(refs.get(i).get("id").asText(), r.id(), id + " reference id");
            JsonNode target = flat ? (refs.get(i).has("text") ? refs.get(i) : null) : tweets.get(r.id());
            if (target != null && target.has("author_id") && target.has("created_at")) {
                assertNotNull(r.embedded(), id + " embeds " + r.id());
                assertMatches(target, r.embedded(), capturedAt);
            } else {
                assertNull(r.embedded(), id + " cannot embed " + r.id());
            }
        }

        JsonNode e = note != null && note.has("entities") ? note.get("entities") : o.path("entities");
        assertEquals(e.path("hashtags").size(), t.entities().hashtags().size(), id + " hashtags");
        assertEquals(e.path("mentions").size(), t.entities().mentions().size(), id + " mentions");
        assertEquals(e.path("cashtags").size(), t.entities().cashtags().size(), id + " cashtags");
        assertEquals(e.path("urls").size(), t.entities().urls().size(), id + " urls");
        for (int i = 0; i < e.path("hashtags").size(); i++) {
            JsonNode h = e.get("hashtags").get(i);
            assertEquals(h.get("tag").asText(), t.entities().hashtags().get(i).tag());
            assertEquals(h.get("start").asInt(), t.entities().hashtags().get(i).start());
            assertEquals(h.get("end").asInt(), t.entities().hashtags().get(i).end());
        }
        for (int i = 0; i < e.path("urls").size(); i++) {
            JsonNode u = e.get("urls").get(i);
            assertEquals(u.get("url").asText(), t.entities().urls().get(i).url());
            assertEquals(text(u, "expanded_url"), t.entities().urls().get(i).expandedUrl());
        }
        for (int i = 0; i < e.path("mentions").size(); i++) {
            assertEquals(e.get("mentions").get(i).get("username").asText(), t.entities().mentions().get(i).handle());
        }

        List<String> keys = new ArrayList<>();
        for (JsonNode k : o.path("attachments").path("media_keys")) {
            if (mediaObject(o, k.asText()) != null) {
                keys.add(k.asText());
            }
        }
        assertEquals(keys, t.media().stream().map(Media::key).toList(), id + " media keys");
        for (Media m : t.media()) {
            JsonNode mo = mediaObject(o, m.key());
            assertEquals(mo.get("type").asText(), m.type());
            assertEquals(mo.has("url") ? mo.get("url").asText() : text(mo, "preview_image_url"), m.url());
            assertEquals(mo.path("width").asInt(0), m.width());
            assertEquals(mo.path("height").asInt(0), m.height());
            assertEquals(text(mo, "alt_text"), m.altText());
        }

        JsonNode pm = o.get("public_metrics");
        if (pm == null) {
            assertNull(t.metrics(), id + " metrics");
        } else {
            assertEquals(capturedAt, t.metrics().observedAt(), id + " metrics observed at capture");
            assertEquals(pm.size(), t.metrics().counts().size(), id + " metric names");
            pm.properties().forEach(f -> assertEquals(f.getValue().asLong(), t.metrics().count(f.getKey()), id + " " + f.getKey()));
        }
        assertEquals(capturedAt, t.provenance().capturedAt(), id + " capturedAt");
    }

    private JsonNode mediaObject(JsonNode o, String key) {
        if (!flat) {
            return media.get(key);
        }
        for (JsonNode m : o.path("attachments").path("media")) {
            if (key.equals(m.path("media_key").asText())) {
                return m;
            }
        }
        return null;
    }
}
