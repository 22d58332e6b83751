package org.chancery.api;

import java.time.LocalDate;
import java.util.List;
import org.chancery.capture.xapi.Coverage;

/**
 * The JSON of {@code GET /accounts/{handle}/coverage}: the same members as {@code chancery coverage --json}, plus
 * the days asked for.
 *
 * @param from the first day asked for, null for no limit
 * @param to   the last day asked for (inclusive), null for no limit
 */
public record CoverageView(String handle, String userId, String from, String to, int runs, String lastCompleteRun,
        boolean backfillComplete, int backfillTweets, boolean historyLimitHit, String reachedBack, List<DayView> days,
        List<FailureView> failures, List<String> statements) {

    /** One UTC day of posting. */
    public record DayView(String day, int tweets, int unavailable, String firstCapture, String lastCapture) {}

    /** A run that ended with an error. */
    public record FailureView(String startedAt, String endedAt, String error) {}

    static CoverageView of(Coverage c, LocalDate from, LocalDate to) {
        return new CoverageView(c.handle(), c.userId(), from == null ? null : from.toString(),
                to == null ? null : to.toString(), c.runs(), Views.text(c.lastCompleteRun()), c.backfillComplete(),
                c.backfillTweets(), c.historyLimitHit(), Views.text(c.reachedBack()),
                c.days().stream().map(d -> new DayView(d.day().toString(), d.tweets(), d.unavailable(),
                        d.firstCapture().toString(), d.lastCapture().toString())).toList(),
                c.failures().stream().map(f -> new FailureView(f.startedAt().toString(), f.endedAt().toString(),
                        f.error())).toList(),
                c.statements());
    }
}
