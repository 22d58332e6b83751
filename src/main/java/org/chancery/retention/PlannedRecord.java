package org.chancery.retention;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One record of a disposition plan, with the schedule that made it eligible.
 *
 * @param payloadSha256s the payload digests the plan was made for; execution refuses an object whose
 *                       payloads changed since
 */
public record PlannedRecord(String tweetId, String policyId, int policyVersion, String ruleId, Instant eligibleAt,
        DispositionAction action, List<String> payloadSha256s) {
    public PlannedRecord {
        Objects.requireNonNull(tweetId, "tweetId");
        Objects.requireNonNull(policyId, "policyId");
        Objects.requireNonNull(ruleId, "ruleId");
        Objects.requireNonNull(eligibleAt, "eligibleAt");
        Objects.requireNonNull(action, "action");
        payloadSha256s = List.copyOf(payloadSha256s);
    }
}
