package org.chancery.retention;

import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Everything retention says about one record at one instant.
 *
 * @param tweetId     the record
 * @param decidedAt   the instant the decision is for
 * @param schedule    the policy and rule that apply, or unscheduled, with the reason
 * @param access      the access level at {@code decidedAt} (the embargo's when stricter and still running)
 * @param embargoEnd  when the policy's embargo ends (past or future); null when the policy has none
 * @param eligibleAt  when the record becomes eligible for disposition; null when permanent, unscheduled or its
 *                    trigger has not happened yet
 * @param disposition whether it may be disposed of now
 */
public record Decision(String tweetId, Instant decidedAt, Schedule schedule, Access access, Instant embargoEnd,
        Instant eligibleAt, Disposition disposition) {

    public Decision {
        Objects.requireNonNull(tweetId, "tweetId");
        Objects.requireNonNull(decidedAt, "decidedAt");
        Objects.requireNonNull(schedule, "schedule");
        Objects.requireNonNull(access, "access");
        Objects.requireNonNull(disposition, "disposition");
        if (disposition instanceof Disposition.Eligible && (eligibleAt == null || decidedAt.isBefore(eligibleAt))) {
            throw new IllegalArgumentException("tweet " + tweetId + " cannot be eligible at " + decidedAt
                    + " before its eligibility date " + eligibleAt);
        }
    }

    public boolean visibleTo(ViewerRole role) {
        return role.sees(access);
    }

    /** For each viewer role, whether it may see the record now. */
    public Map<ViewerRole, Boolean> visibility() {
        Map<ViewerRole, Boolean> m = new EnumMap<>(ViewerRole.class);
        for (ViewerRole r : ViewerRole.values()) {
            m.put(r, r.sees(access));
        }
        return m;
    }

    /** Ids of the holds that cover the record now (empty when none). */
    public List<String> holdIds() {
        return disposition instanceof Disposition.Held h ? h.holdIds() : List.of();
    }

    public boolean eligible() {
        return disposition instanceof Disposition.Eligible;
    }
}
