package org.chancery.retention;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A plan re-examined at execution time.
 *
 * @param planId     the plan
 * @param checkedAt  the instant eligibility and holds were re-decided for
 * @param disposable objects that may be disposed of now, as re-decided (their records and payload digests)
 * @param withdrawn  objects of the plan that must not be disposed of now, each with the reason
 */
public record Recheck(String planId, Instant checkedAt, List<ObjectPlan> disposable, List<Withdrawn> withdrawn) {
    public Recheck {
        Objects.requireNonNull(planId, "planId");
        Objects.requireNonNull(checkedAt, "checkedAt");
        disposable = List.copyOf(disposable);
        withdrawn = List.copyOf(withdrawn);
    }

    /** An object taken out of the plan at execution. */
    public record Withdrawn(String objectId, String reason) {}

    /**
     * This recheck narrowed to the objects actually disposed of (for a certificate after a partial failure):
     * the others move to {@link #withdrawn()}.
     */
    public Recheck only(Set<String> objectIds) {
        List<ObjectPlan> kept = disposable.stream().filter(o -> objectIds.contains(o.objectId())).toList();
        List<Withdrawn> more = new ArrayList<>(withdrawn);
        disposable.stream().filter(o -> !objectIds.contains(o.objectId()))
                .forEach(o -> more.add(new Withdrawn(o.objectId(), "not disposed of at execution")));
        return new Recheck(planId, checkedAt, kept, more);
    }
}
