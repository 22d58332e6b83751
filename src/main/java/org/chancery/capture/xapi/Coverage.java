package org.chancery.capture.xapi;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.chancery.record.Tweet;

/**
 * What the archive holds of one account and what it may not: per UTC day of posting, the tweets held, how many
 * the platform no longer returns, and the first and last capture; whether the backfill completed and whether the
 * API's history limit (the 3,200 most recent tweets of a timeline) may have cut it; and the runs that failed.
 *
 * @param handle             the account
 * @param userId             its user id
 * @param runs               capture runs logged for it
 * @param lastCompleteRun    when the last run that read to the end ended; null if none did
 * @param backfillComplete   true when a backfill read to the end of what the API gives
 * @param backfillTweets     tweets read by the backfill runs up to the first complete one
 * @param historyLimitHit    true when the backfill read as many tweets as the API's history limit: older tweets
 *                           may exist that the API did not give
 * @param reachedBack        creation time of the oldest tweet a backfill read; null if none
 * @param days               per day of posting, oldest first
 * @param failures           runs that ended with an error: when, and what
 */
public record Coverage(String handle, String userId, int runs, Instant lastCompleteRun, boolean backfillComplete,
        int backfillTweets, boolean historyLimitHit, Instant reachedBack, List<Day> days, List<RunRecord> failures) {
    /** The X API's timeline history limit: a user timeline gives at most the 3,200 most recent tweets. */
    public static final int HISTORY_LIMIT = 3_200;

    public Coverage {
        days = List.copyOf(days);
        failures = List.copyOf(failures);
    }

    /**
     * One UTC day of posting.
     *
     * @param tweets       tweets of the day the archive holds
     * @param unavailable  of those, tweets whose latest archived state says the platform no longer returns them
     * @param firstCapture earliest capture of any of them
     * @param lastCapture  latest capture (or re-check) of any of them
     */
    public record Day(LocalDate day, int tweets, int unavailable, Instant firstCapture, Instant lastCapture) {}

    /**
     * Builds the statement.
     *
     * @param payloads every archived payload of the account's tweets, each tweet's in archive order
     * @param runLog   the account's runs, oldest first
     */
    public static Coverage of(String handle, String userId, List<Tweet> payloads, List<RunRecord> runLog) {
        Objects.requireNonNull(handle, "handle");
        Map<String, Tweet> latest = new HashMap<>();
        Map<String, Instant[]> captures = new HashMap<>();
        for (Tweet t : payloads) {
            latest.put(t.id(), t);
            Instant at = t.provenance().capturedAt();
            captures.merge(t.id(), new Instant[] {at, at}, (a, b) -> new Instant[] {
                a[0].isBefore(b[0]) ? a[0] : b[0], a[1].isAfter(b[1]) ? a[1] : b[1]});
        }
        TreeMap<LocalDate, List<String>> byDay = new TreeMap<>();
        for (Tweet t : latest.values()) {
            byDay.computeIfAbsent(LocalDate.ofInstant(t.createdAt(), ZoneOffset.UTC), d -> new ArrayList<>()).add(t.id());
        }
        List<Day> days = new ArrayList<>();
        byDay.forEach((day, ids) -> {
            Instant first = null;
            Instant last = null;
            int gone = 0;
            for (String id : ids) {
                Instant[] c = captures.get(id);
                first = first == null || c[0].isBefore(first) ? c[0] : first;
                last = last == null || c[1].isAfter(last) ? c[1] : last;
                gone += latest.get(id).deleted() ? 1 : 0;
            }
            days.add(new Day(day, ids.size(), gone, first, last));
        });
        Instant lastComplete = null;
        boolean backfillDone = false;
        int backfillTweets = 0;
        Instant reached = null;
        List<RunRecord> failures = new ArrayList<>();
        for (RunRecord r : runLog) {
            if (r.complete()) {
                lastComplete = r.endedAt();
            }
            if (r.error() != null) {
                failures.add(r);
            }
            if (r.backfill() && !backfillDone) {
                backfillTweets += r.tweets();
                backfillDone = r.complete();
            }
            if (r.backfill() && r.oldestTweet() != null && (reached == null || r.oldestTweet().isBefore(reached))) {
                reached = r.oldestTweet();
            }
        }
        return new Coverage(handle, userId, runLog.size(), lastComplete, backfillDone, backfillTweets,
                backfillTweets >= HISTORY_LIMIT, reached, days, failures);
    }

    /** Plain sentences an archivist can put in a finding aid. */
    public List<String> statements() {
        List<String> out = new ArrayList<>();
        out.add("Coverage of @" + handle + " (user " + userId + "): " + runs + " capture run(s)"
                + (lastCompleteRun == null ? ", none complete." : "; the last complete run ended " + lastCompleteRun + "."));
        if (runs == 0) {
            out.add("No capture from the X API is logged for @" + handle + ": the tweets held came from imports, and"
                    + " nothing here says what the account posted that the archive does not hold.");
        } else if (!backfillComplete) {
            out.add("The backfill is not complete" + (reachedBack == null ? "." : ": it reached back to " + reachedBack
                    + " so far; older tweets are not yet captured."));
        } else if (historyLimitHit) {
            out.add("The backfill read " + backfillTweets + " tweets, the X API's history limit (" + HISTORY_LIMIT
                    + " most recent): tweets posted before " + reachedBack + " may exist that the archive does not hold.");
        } else {
            out.add("The backfill read " + backfillTweets + " tweets, fewer than the X API's history limit ("
                    + HISTORY_LIMIT + "), so it reached the account's oldest available tweet"
                    + (reachedBack == null ? "." : " (" + reachedBack + ")."));
        }
        if (!days.isEmpty()) {
            out.add("Tweets are held for " + days.size() + " day(s) from " + days.get(0).day() + " to "
                    + days.get(days.size() - 1).day() + "; days not listed had no tweet captured.");
        }
        for (RunRecord f : failures) {
            out.add("A run from " + f.startedAt() + " to " + f.endedAt() + " failed: " + f.error());
        }
        return out;
    }
}
