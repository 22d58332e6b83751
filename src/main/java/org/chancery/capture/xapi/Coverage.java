package org.chancery.capture.xapi;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
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
        Map<String, List<Tweet>> byTweet = new LinkedHashMap<>();
        for (Tweet t : payloads) {
            byTweet.computeIfAbsent(t.id(), id -> new ArrayList<>()).add(t);
        }
        Tally tally = new Tally();
        byTweet.values().forEach(tally::add);
        return tally.coverage(handle, userId, runLog);
    }

    /**
     * Builds a statement one tweet at a time, keeping only per-day totals, so that an account's whole archive
     * never has to be held in memory at once.
     */
    public static final class Tally {
        private final TreeMap<LocalDate, Day> days = new TreeMap<>();

        /**
         * Counts one tweet.
         *
         * @param versions every archived payload of the tweet, in archive order (the last is its latest state)
         */
        public void add(List<Tweet> versions) {
            if (versions.isEmpty()) {
                return;
            }
            Tweet latest = versions.get(versions.size() - 1);
            Instant first = null;
            Instant last = null;
            for (Tweet t : versions) {
                Instant at = t.provenance().capturedAt();
                first = first == null || at.isBefore(first) ? at : first;
                last = last == null || at.isAfter(last) ? at : last;
            }
            LocalDate day = LocalDate.ofInstant(latest.createdAt(), ZoneOffset.UTC);
            Day one = new Day(day, 1, latest.deleted() ? 1 : 0, first, last);
            days.merge(day, one, (a, b) -> new Day(day, a.tweets() + b.tweets(), a.unavailable() + b.unavailable(),
                    a.firstCapture().isBefore(b.firstCapture()) ? a.firstCapture() : b.firstCapture(),
                    a.lastCapture().isAfter(b.lastCapture()) ? a.lastCapture() : b.lastCapture()));
        }

        /** The statement of the tweets counted so far and the account's runs, oldest first. */
        public Coverage coverage(String handle, String userId, List<RunRecord> runLog) {
            Objects.requireNonNull(handle, "handle");
            return fromRuns(handle, userId, new ArrayList<>(days.values()), runLog);
        }
    }

    private static Coverage fromRuns(String handle, String userId, List<Day> days, List<RunRecord> runLog) {
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

    /** Plain sentences an archivist can put in a finding aid, with what each failed run reported. */
    public List<String> statements() {
        return statements(true);
    }

    /**
     * Plain sentences an archivist can put in a finding aid.
     *
     * @param failureDetail whether to say when each failed run ran and what it reported; without it, only how
     *                      many runs failed (a run's error may name files or hosts, which public callers must
     *                      not see)
     */
    public List<String> statements(boolean failureDetail) {
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
        if (failureDetail) {
            for (RunRecord f : failures) {
                out.add("A run from " + f.startedAt() + " to " + f.endedAt() + " failed: " + f.error());
            }
        } else if (!failures.isEmpty()) {
            out.add(failures.size() + " run(s) failed; what they reported is shown to authenticated callers only.");
        }
        return out;
    }

    /**
     * The statement as one JSON object: what {@code chancery coverage --json} prints and what {@code GET
     * /accounts/{handle}/coverage} serves, so that the two never drift apart.
     *
     * @param failureDetail as in {@link #statements(boolean)}: without it, {@code failures} is null and only
     *                      {@code failureCount} says how many runs failed
     */
    public ObjectNode toJson(boolean failureDetail) {
        ObjectNode n = JsonNodeFactory.instance.objectNode();
        n.put("handle", handle);
        n.put("userId", userId);
        n.put("runs", runs);
        n.put("lastCompleteRun", lastCompleteRun == null ? null : lastCompleteRun.toString());
        n.put("backfillComplete", backfillComplete);
        n.put("backfillTweets", backfillTweets);
        n.put("historyLimitHit", historyLimitHit);
        n.put("reachedBack", reachedBack == null ? null : reachedBack.toString());
        ArrayNode dayArray = n.putArray("days");
        for (Day d : days) {
            ObjectNode day = dayArray.addObject();
            day.put("day", d.day().toString());
            day.put("tweets", d.tweets());
            day.put("unavailable", d.unavailable());
            day.put("firstCapture", d.firstCapture().toString());
            day.put("lastCapture", d.lastCapture().toString());
        }
        n.put("failureCount", failures.size());
        if (failureDetail) {
            ArrayNode failureArray = n.putArray("failures");
            for (RunRecord f : failures) {
                ObjectNode e = failureArray.addObject();
                e.put("startedAt", f.startedAt().toString());
                e.put("endedAt", f.endedAt().toString());
                e.put("error", f.error());
            }
        } else {
            n.putNull("failures");
        }
        statements(failureDetail).forEach(n.putArray("statements")::add);
        return n;
    }
}
