package org.chancery.capture.xapi;

import java.time.Instant;

/**
 * A tweet the platform no longer returns.
 *
 * @param tweetId the tweet
 * @param reason  deleted, protected, suspended, or "unavailable" with the API's title when it says no more
 * @param since   when the re-check that noticed it ran
 * @param detail  the API's own words
 */
public record Unavailable(String tweetId, String reason, Instant since, String detail) {}
