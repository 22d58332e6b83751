package org.chancery.retention;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/** Whether a record may be disposed of now. */
public sealed interface Disposition permits Disposition.Retain, Disposition.Eligible, Disposition.Held {

    /** Keep it: permanent, unscheduled, its trigger has not happened, or its eligibility date is still ahead. */
    record Retain(String reason) implements Disposition {
        public Retain {
            Objects.requireNonNull(reason, "reason");
        }
    }

    /** Its retention has ended and no hold covers it: it may go into a disposition plan. */
    record Eligible(Instant since, DispositionAction action) implements Disposition {
        public Eligible {
            Objects.requireNonNull(since, "since");
            Objects.requireNonNull(action, "action");
        }
    }

    /** Legal holds cover it: whatever the schedule says, it stays. */
    record Held(List<String> holdIds) implements Disposition {
        public Held {
            holdIds = List.copyOf(holdIds);
            if (holdIds.isEmpty()) {
                throw new IllegalArgumentException("a held disposition names at least one hold");
            }
        }
    }
}
