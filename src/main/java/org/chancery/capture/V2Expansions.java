package org.chancery.capture;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Where a v2 tweet's expansions are found: in the response's {@code includes} (joined by id), or inlined in
 * the tweet itself (twarc's flattened output). Each method returns null when the expansion is absent.
 */
interface V2Expansions {
    /** The user object of the tweet's author. */
    JsonNode author(JsonNode tweet, String authorId);

    /** The tweet object a {@code referenced_tweets} item points to. */
    JsonNode referenced(JsonNode reference, String id);

    /** The media object with this key. */
    JsonNode media(JsonNode tweet, String mediaKey);

    /** The place object with this id. */
    JsonNode place(JsonNode tweet, String placeId);

    /** Notes that the record was built with this expansion object; a no-op where expansions are inlined. */
    default void markJoined(JsonNode expansion) {}
}
