package org.chancery.retention;

import java.util.Objects;

/** Which schedule governs a record: exactly one policy's, or none. */
public sealed interface Schedule permits Schedule.Scheduled, Schedule.Unscheduled {

    /** Why, in words an archivist can check against the registry and the policy files. */
    String reason();

    /**
     * The record falls under {@code policy} through {@code rule}.
     *
     * @param authorRole the author's role at creation, null when the registry does not say
     */
    record Scheduled(Policy policy, MatchRule rule, RoleAt authorRole, String reason) implements Schedule {
        public Scheduled {
            Objects.requireNonNull(policy, "policy");
            Objects.requireNonNull(rule, "rule");
            Objects.requireNonNull(reason, "reason");
        }
    }

    /** No policy matches: the record is kept, never destroyed, until a policy covers it. */
    record Unscheduled(String reason) implements Schedule {
        public Unscheduled {
            Objects.requireNonNull(reason, "reason");
        }
    }
}
