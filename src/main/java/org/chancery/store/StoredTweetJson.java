package org.chancery.store;

import java.util.Objects;

/**
 * A stored tweet with its canonical JSON as the store holds it: the bytes {@link org.chancery.record.TweetJson}
 * wrote when the payload was archived, which {@code stored.tweet()} was decoded from. Writers that copy records out
 * (exports) use the bytes instead of encoding the tweet again.
 *
 * @param stored the decoded tweet, raw payload and location
 * @param json   the tweet's canonical JSON, UTF-8, one line
 */
public record StoredTweetJson(StoredTweet stored, byte[] json) {
    public StoredTweetJson {
        Objects.requireNonNull(stored, "stored");
        Objects.requireNonNull(json, "json");
    }
}
