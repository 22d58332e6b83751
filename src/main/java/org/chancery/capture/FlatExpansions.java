package org.chancery.capture;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Expansions inlined by twarc's {@code flatten}: {@code author} beside {@code author_id}, each
 * {@code referenced_tweets} item merged with the tweet it names, {@code attachments.media} beside
 * {@code attachments.media_keys}, and the place's fields merged into {@code geo}. Their bytes are part of
 * the tweet's own raw payload, so nothing is added to the capture's context.
 */
final class FlatExpansions implements V2Expansions {
    @Override
    public JsonNode author(JsonNode tweet, String authorId) {
        JsonNode author = JsonFields.child(tweet, "author");
        return author != null && author.isObject() && authorId.equals(JsonFields.text(author, "id")) ? author : null;
    }

    @Override
    public JsonNode referenced(JsonNode reference, String id) {
        return reference.has("text") ? reference : null;
    }

    @Override
    public JsonNode media(JsonNode tweet, String mediaKey) {
        for (JsonNode m : JsonFields.elements(JsonFields.child(tweet, "attachments"), "media")) {
            if (mediaKey.equals(JsonFields.text(m, "media_key"))) {
                return m;
            }
        }
        return null;
    }

    @Override
    public JsonNode place(JsonNode tweet, String placeId) {
        JsonNode geo = JsonFields.child(tweet, "geo");
        return geo != null && (geo.has("full_name") || geo.has("country_code")) ? geo : null;
    }
}
