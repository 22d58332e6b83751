package org.chancery.archive;

import java.util.Objects;

/**
 * A proven tweet with its canonical JSON as the store holds it (the bytes {@code proven.stored().tweet()} was decoded
 * from), for writers that copy records out without encoding them again.
 *
 * @param proven    the stored tweet and its evidence
 * @param tweetJson the tweet's canonical JSON, UTF-8, one line
 */
public record ProvenTweetJson(ProvenTweet proven, byte[] tweetJson) {
    public ProvenTweetJson {
        Objects.requireNonNull(proven, "proven");
        Objects.requireNonNull(tweetJson, "tweetJson");
    }
}
