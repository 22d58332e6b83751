package org.chancery.capture.xapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Coverage statements from the run log alone: backfill completion, the API's history limit, failed runs. */
class CoverageTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    private static RunRecord run(boolean backfill, int minutes, int tweets, boolean complete, String oldest, String error) {
        return new RunRecord("senatedems", "1", backfill, T0.plusSeconds(60L * minutes), T0.plusSeconds(60L * minutes + 30),
                tweets / 100, tweets, tweets, complete, oldest == null ? null : Instant.parse(oldest), error);
    }

    @Test
    void backfillThatReadAsManyTweetsAsTheHistoryLimitSaysOlderTweetsMayBeMissing() {
        Coverage c = Coverage.of("senatedems", "1", List.of(), List.of(
                run(true, 0, 2_000, false, "2025-06-01T00:00:00Z", "The X API failed 6 times in a row"),
                run(true, 10, 1_200, true, "2025-03-01T00:00:00Z", null),
                run(false, 20, 15, true, "2025-12-31T00:00:00Z", null)));
        assertTrue(c.backfillComplete());
        assertEquals(3_200, c.backfillTweets(), "the incremental run does not count towards the backfill");
        assertTrue(c.historyLimitHit());
        assertEquals(Instant.parse("2025-03-01T00:00:00Z"), c.reachedBack());
        assertEquals(T0.plusSeconds(20 * 60 + 30), c.lastCompleteRun());
        assertEquals(1, c.failures().size());
        assertTrue(c.statements().stream().anyMatch(s -> s.contains("tweets posted before 2025-03-01T00:00:00Z may exist")),
                c.statements().toString());
        assertTrue(c.statements().stream().anyMatch(s -> s.contains("failed: The X API failed 6 times")));
    }

    @Test
    void smallAccountBackfillReachesItsOldestTweet() {
        Coverage c = Coverage.of("senatedems", "1", List.of(), List.of(run(true, 0, 340, true, "2024-01-01T00:00:00Z", null)));
        assertFalse(c.historyLimitHit());
        assertTrue(c.statements().get(1).contains("reached the account's oldest available tweet"), c.statements().toString());
    }

    @Test
    void unfinishedBackfillIsStatedAsSuch() {
        Coverage c = Coverage.of("senatedems", "1", List.of(), List.of(run(true, 0, 500, false, "2025-11-01T00:00:00Z", null)));
        assertFalse(c.backfillComplete());
        assertEquals(null, c.lastCompleteRun());
        assertTrue(c.statements().get(1).startsWith("The backfill is not complete: it reached back to 2025-11-01T00:00:00Z"));
    }
    @Test
    void withoutFailureDetailOnlyHowManyRunsFailedIsSaidNeverWhatTheyReported() {
        String error = "Cannot write /srv/chancery/data/capture/cursors/senatedems.json: disk full";
        Coverage c = Coverage.of("senatedems", "1", List.of(), List.of(run(true, 0, 500, false, null, error),
                run(true, 5, 500, true, "2025-11-01T00:00:00Z", null)));
        assertTrue(String.join(" ", c.statements(true)).contains(error));
        assertFalse(String.join(" ", c.statements(false)).contains("/srv/chancery"));
        assertTrue(c.statements(false).contains("1 run(s) failed; what they reported is shown to authenticated callers only."));
        assertEquals(error, c.toJson(true).path("failures").get(0).path("error").asText());
        assertEquals(1, c.toJson(false).path("failureCount").asInt());
        assertTrue(c.toJson(false).path("failures").isNull());
        assertFalse(c.toJson(false).toString().contains("/srv/chancery"));
    }
}
