package org.chancery.retention;

import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * One OCFL object of a disposition plan: every record it holds is eligible and none is held.
 *
 * @param action  the most cautious action among its records (review over transfer over destroy)
 * @param records sorted by tweet id
 */
public record ObjectPlan(String objectId, DispositionAction action, List<PlannedRecord> records) {
    public ObjectPlan {
        Objects.requireNonNull(objectId, "objectId");
        Objects.requireNonNull(action, "action");
        records = records.stream().sorted(Comparator.comparing(PlannedRecord::tweetId)).toList();
        if (records.isEmpty()) {
            throw new IllegalArgumentException("object " + objectId + " in a plan must list its records");
        }
    }
}
