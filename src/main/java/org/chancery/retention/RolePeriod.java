package org.chancery.retention;

import java.time.Instant;
import java.util.Objects;

/**
 * An account's role during [from, until).
 *
 * @param role  the role
 * @param from  first instant of the period; null when it reaches back to the account's start
 * @param until first instant after the period (exclusive); null while the period is open
 * @param title the post held, e.g. "Ambassador to Kenya"; null when not given
 */
public record RolePeriod(Role role, Instant from, Instant until, String title) {
    public RolePeriod {
        Objects.requireNonNull(role, "role");
        if (from != null && until != null && !from.isBefore(until)) {
            throw new IllegalArgumentException("role period must end after it starts, got from " + from + " until " + until);
        }
    }

    public boolean covers(Instant at) {
        return (from == null || !at.isBefore(from)) && (until == null || at.isBefore(until));
    }

    boolean overlaps(RolePeriod o) {
        boolean thisEndsBefore = until != null && o.from != null && !until.isAfter(o.from);
        boolean otherEndsBefore = o.until != null && from != null && !o.until.isAfter(from);
        return !thisEndsBefore && !otherEndsBefore;
    }
}
