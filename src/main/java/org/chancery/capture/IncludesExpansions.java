package org.chancery.capture;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Expansions joined from a v2 response's {@code includes} by id, remembering which included objects one
 * tweet was joined with so that their exact bytes can travel as the capture's context.
 */
final class IncludesExpansions implements V2Expansions {
    private final Map<String, JsonSlice> users = new HashMap<>();
    private final Map<String, JsonSlice> tweets = new HashMap<>();
    private final Map<String, JsonSlice> media = new HashMap<>();
    private final Map<String, JsonSlice> places = new HashMap<>();
    private final Map<JsonNode, JsonSlice> byNode = new IdentityHashMap<>();
    private final Map<JsonSlice, Boolean> used = new IdentityHashMap<>();
    private final List<JsonSlice> usedInOrder = new ArrayList<>();

    /**
     * @param includes the slices of {@code includes.<name>[]} items, keyed by the includes name
     */
    IncludesExpansions(Map<String, List<JsonSlice>> includes) {
        index(includes.get("users"), "id", users);
        index(includes.get("tweets"), "id", tweets);
        index(includes.get("media"), "media_key", media);
        index(includes.get("places"), "id", places);
    }

    private void index(List<JsonSlice> slices, String key, Map<String, JsonSlice> into) {
        if (slices == null) {
            return;
        }
        for (JsonSlice s : slices) {
            String id = JsonFields.text(s.node(), key);
            if (id != null) {
                // The first occurrence wins: responses do not repeat ids, and a repeat would carry the same object.
                into.putIfAbsent(id, s);
                byNode.put(s.node(), s);
            }
        }
    }

    /** Forgets what the previous tweet was joined with. */
    void startTweet() {
        used.clear();
        usedInOrder.clear();
    }

    /** The included objects the current tweet's record was built from, in the order they were joined. */
    List<JsonSlice> joined() {
        return List.copyOf(usedInOrder);
    }

    /**
     * Marks an object as joined into the record. Called by the mapper only for objects whose content it
     * actually used, so an included tweet that could not be embedded does not count.
     */
    @Override
    public void markJoined(JsonNode node) {
        JsonSlice s = byNode.get(node);
        if (s != null && used.put(s, Boolean.TRUE) == null) {
            usedInOrder.add(s);
        }
    }

    @Override
    public JsonNode author(JsonNode tweet, String authorId) {
        return node(users.get(authorId));
    }

    @Override
    public JsonNode referenced(JsonNode reference, String id) {
        return node(tweets.get(id));
    }

    @Override
    public JsonNode media(JsonNode tweet, String mediaKey) {
        return node(media.get(mediaKey));
    }

    @Override
    public JsonNode place(JsonNode tweet, String placeId) {
        return node(places.get(placeId));
    }

    private static JsonNode node(JsonSlice s) {
        return s == null ? null : s.node();
    }
}
