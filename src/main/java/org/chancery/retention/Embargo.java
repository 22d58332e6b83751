package org.chancery.retention;

import java.time.Period;
import java.util.Objects;

/**
 * A period after creation during which a record's access is at least {@code access}: with policy access
 * {@code public} and {@code embargo: {period: P30D, access: internal}}, a tweet is internal for 30 days, then
 * public. The stricter level always wins, so an embargo never loosens access.
 */
public record Embargo(Period period, Access access) {
    public Embargo {
        Objects.requireNonNull(period, "embargo period");
        Objects.requireNonNull(access, "embargo access");
        if (period.isNegative() || period.isZero()) {
            throw new IllegalArgumentException("embargo period must be positive, got " + period);
        }
    }
}
