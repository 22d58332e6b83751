package org.chancery.record;

import java.util.Objects;

/**
 * A tweet this one retweets, quotes or replies to.
 *
 * @param type     how it is referenced
 * @param id       the referenced tweet's id
 * @param embedded the referenced tweet itself when the payload contained it (v1.1 {@code retweeted_status},
 *                 v2 {@code includes.tweets}); null otherwise
 */
public record ReferencedTweet(ReferenceType type, String id, Tweet embedded) {
    public ReferencedTweet {
        Objects.requireNonNull(type, "referenced tweet type");
        Ids.requireNumeric(id, "referenced tweet id");
        if (embedded != null && !embedded.id().equals(id)) {
            throw new IllegalArgumentException("embedded tweet " + embedded.id() + " does not match referenced id " + id);
        }
    }
}
