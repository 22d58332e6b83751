package org.chancery.capture.xapi;

import java.time.Instant;
import java.util.Objects;

/**
 * One capture run of one account, as kept in the run log: what coverage statements are made from.
 *
 * @param handle      the account (lower case)
 * @param userId      its user id
 * @param backfill    true when the run had no since_id: it reads back as far as the API goes (3,200 tweets)
 * @param startedAt   when the run started
 * @param endedAt     when it ended, by completion, page limit or error
 * @param pages       pages archived
 * @param tweets      tweets read
 * @param added       tweets new to the archive
 * @param complete    true when the API had no further page
 * @param oldestTweet creation time of the oldest tweet read; null when none
 * @param error       what stopped the run; null when nothing did
 */
public record RunRecord(String handle, String userId, boolean backfill, Instant startedAt, Instant endedAt, int pages,
        int tweets, int added, boolean complete, Instant oldestTweet, String error) {
    public RunRecord {
        Objects.requireNonNull(handle, "handle");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(endedAt, "endedAt");
    }
}
