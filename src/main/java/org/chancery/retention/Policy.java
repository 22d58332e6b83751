package org.chancery.retention;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A retention policy: which records it covers (its rules), how long they are kept, what happens then, and who
 * may see them meanwhile. Among the policies that match a record, the one with the highest {@code priority}
 * applies; priorities are unique within a {@link PolicySet}, so exactly one applies or none.
 *
 * @param id          stable identifier, e.g. {@code senior-officials}
 * @param version     incremented whenever the policy's meaning changes; decisions name id and version
 * @param title       a human title
 * @param authorities the records schedules or standards the policy rests on (citations)
 * @param priority    precedence among matching policies: higher wins
 * @param rules       at least one; a record matches the policy when any rule matches (the first in order is
 *                    reported)
 * @param retention   permanent, or a period after a trigger
 * @param disposition what happens at the end of retention: required for a period; for permanent only
 *                    {@code transfer} is allowed (or none), since permanent records are never destroyed
 * @param access      access level of covered records
 * @param embargo     an optional stricter access level for a period after creation
 * @param source      the file the policy came from, null when built in code
 */
public record Policy(String id, int version, String title, List<String> authorities, int priority,
        List<MatchRule> rules, Retention retention, DispositionAction disposition, Access access, Embargo embargo,
        String source) {

    public Policy {
        Objects.requireNonNull(id, "policy id");
        Objects.requireNonNull(title, "policy title");
        authorities = List.copyOf(authorities);
        rules = List.copyOf(rules);
        Objects.requireNonNull(retention, "policy retention");
        Objects.requireNonNull(access, "policy access");
        if (version < 1) {
            throw new IllegalArgumentException("policy " + id + " version must be 1 or more, got " + version);
        }
        if (rules.isEmpty()) {
            throw new IllegalArgumentException("policy " + id + " has no rules");
        }
        Set<String> ruleIds = new HashSet<>();
        for (MatchRule r : rules) {
            if (!ruleIds.add(r.id())) {
                throw new IllegalArgumentException("policy " + id + " has two rules named " + r.id());
            }
        }
        if (retention instanceof Retention.After && disposition == null) {
            throw new IllegalArgumentException("policy " + id + " keeps records for a period but names no disposition");
        }
        if (retention instanceof Retention.Permanent && disposition != null && disposition != DispositionAction.TRANSFER) {
            throw new IllegalArgumentException("policy " + id + " is permanent; its disposition can only be transfer, got " + disposition);
        }
    }

    /** {@code senior-officials v2}. */
    public String label() {
        return id + " v" + version;
    }
}
