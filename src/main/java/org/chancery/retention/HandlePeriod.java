package org.chancery.retention;

import java.time.Instant;
import java.util.Objects;

/**
 * A screen name an account had. Handles change and are reused by other accounts, so they never identify an
 * account; they only help people find it.
 *
 * @param handle without '@'
 * @param from   first instant it was in use; null when unknown
 * @param until  first instant it was no longer in use (exclusive); null when current or unknown
 */
public record HandlePeriod(String handle, Instant from, Instant until) {
    public HandlePeriod {
        Objects.requireNonNull(handle, "handle");
        if (handle.startsWith("@")) {
            handle = handle.substring(1);
        }
        if (handle.isEmpty()) {
            throw new IllegalArgumentException("handle must not be empty");
        }
        if (from != null && until != null && !from.isBefore(until)) {
            throw new IllegalArgumentException("handle period of @" + handle + " must end after it starts");
        }
    }

    /** True when the handle was (or may have been: unknown bounds count as open) in use at {@code at}. */
    public boolean covers(Instant at) {
        return (from == null || !at.isBefore(from)) && (until == null || at.isBefore(until));
    }
}
