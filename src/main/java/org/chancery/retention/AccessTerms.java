package org.chancery.retention;

import java.time.Instant;
import java.util.Objects;

/**
 * A record's access over all time, from its schedule alone: the level while an embargo runs and the level after.
 * {@link RetentionEngine#decide} at an instant gives {@code during} before {@code embargoEnd} and {@code lasting}
 * from then on, so indexing these terms lets searches filter at any instant without deciding each record.
 *
 * @param lasting    the level without an embargo, or once it is over
 * @param embargoEnd when the embargo ends; null when the record has none
 * @param during     the (stricter) level while the embargo runs; null exactly when {@code embargoEnd} is
 */
public record AccessTerms(Access lasting, Instant embargoEnd, Access during) {
    public AccessTerms {
        Objects.requireNonNull(lasting, "lasting access");
        if ((embargoEnd == null) != (during == null)) {
            throw new IllegalArgumentException("an embargo needs both its end and its access, got " + embargoEnd
                    + " and " + during);
        }
    }
}
