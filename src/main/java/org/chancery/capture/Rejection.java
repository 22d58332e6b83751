package org.chancery.capture;

import java.util.Objects;

/**
 * A payload that could not become a record.
 *
 * @param source  the file (as given) or URL
 * @param locator where in it: "line 12", "entry data/tweets.js item 3", "byte 1024"
 * @param field   the JSON field or part at fault ("id", "created_at", "(json)", "(line)"), never null
 * @param problem what was found and what was expected
 */
public record Rejection(String source, String locator, String field, String problem) {
    public Rejection {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(locator, "locator");
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(problem, "problem");
    }

    /** One line for stderr and the rejects report: {@code file:line 12: field "id": must be …}. */
    public String oneLine() {
        return source + ": " + locator + ": field " + field + ": " + problem.replace('\n', ' ');
    }
}
