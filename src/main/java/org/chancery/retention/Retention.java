package org.chancery.retention;

import java.time.Period;
import java.util.Objects;

/** How long records under a policy are kept. */
public sealed interface Retention permits Retention.Permanent, Retention.After {

    /** Kept for ever; never eligible for disposition. */
    record Permanent() implements Retention {
        @Override
        public String toString() {
            return "permanent";
        }
    }

    /** Kept for {@code period} after {@code trigger}. */
    record After(Period period, Trigger trigger) implements Retention {
        public After {
            Objects.requireNonNull(period, "retention period");
            Objects.requireNonNull(trigger, "retention trigger");
            if (period.isNegative() || period.isZero()) {
                throw new IllegalArgumentException("retention period must be positive, got " + period);
            }
        }

        @Override
        public String toString() {
            return period + " after " + trigger;
        }
    }
}
