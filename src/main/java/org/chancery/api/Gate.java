package org.chancery.api;

import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.chancery.archive.Disposal;
import org.chancery.archive.ProvenTweet;
import org.chancery.archive.RecordOffice;
import org.chancery.archive.RetentionService;
import org.chancery.record.Ids;
import org.chancery.retention.Access;
import org.chancery.retention.Decision;
import org.chancery.retention.Policy;
import org.chancery.retention.PolicySet;
import org.chancery.retention.Schedule;
import org.chancery.retention.ViewerRole;

/**
 * Retention-aware access: decides, for one caller now, whether a tweet may be shown, and which tweets a search
 * must leave out. Every answer is taken at the injected clock's instant, so embargoes end by themselves.
 */
final class Gate {
    /** A tweet the caller may see, with the decision that allowed it. */
    record Allowed(ProvenTweet tweet, Decision decision) {}

    private final RecordOffice office;
    private final RetentionService retention;
    private final PolicySet policies;
    private final Clock clock;
    private Hidden hidden;

    /**
     * Ids hidden from public and staff callers, valid while the log has {@code logSize} entries and from
     * {@code from} (when they were decided) until {@code until} (the next embargo end), when a decision may change.
     */
    private record Hidden(long logSize, Instant from, Instant until, Map<ViewerRole, Set<String>> byRole) {}

    Gate(RecordOffice office, PolicySet policies, Clock clock) {
        this.office = office;
        this.policies = policies;
        this.retention = office.retention(policies);
        this.clock = clock;
    }

    static String requireId(String id) {
        if (id == null || !Ids.isNumeric(id) || id.length() > 20) {
            throw ApiProblem.badParameter("id", "a tweet id is a number of 1 to 20 digits.");
        }
        return id;
    }

    /**
     * The tweet, if {@code caller} may see it now.
     *
     * @throws ApiProblem 404 when it is not archived or a public caller may not see it, 403 for authenticated
     *                    callers below its access level, 410 with the certificate when it was disposed of
     */
    Allowed open(Caller caller, String id) {
        requireId(id);
        Optional<ProvenTweet> found = office.find(id);
        if (found.isEmpty()) {
            Optional<Disposal> disposal = office.disposal(id);
            if (disposal.isPresent() && (!caller.anonymous() || publicPolicy(disposal.get().policyId()))) {
                Disposal d = disposal.get();
                throw new ApiProblem(410, "Disposed of", d.summary() + ".", Map.of("disposed", Views.Disposed.of(d)));
            }
            throw notArchived(id);
        }
        Decision decision = retention.decide(id, clock.instant());
        if (!decision.visibleTo(caller.role())) {
            if (caller.anonymous()) {
                throw notArchived(id);
            }
            String policy = decision.schedule() instanceof Schedule.Scheduled s
                    ? "policy " + s.policy().label() + " rule " + s.rule().id() : "no policy (unscheduled)";
            String embargo = decision.embargoEnd() != null && clock.instant().isBefore(decision.embargoEnd())
                    ? ", under embargo until " + decision.embargoEnd() : "";
            throw new ApiProblem(403, "Forbidden by retention policy", "Tweet " + id + " is " + decision.access().wireName()
                    + " under " + policy + embargo + "; the role " + caller.role().wireName() + " may not see it.",
                    Map.of("access", decision.access().wireName()));
        }
        return new Allowed(found.get(), decision);
    }

    private boolean publicPolicy(String policyId) {
        return policies.find(policyId).map(Policy::access).map(a -> a == Access.PUBLIC).orElse(false);
    }

    static ApiProblem notArchived(String id) {
        return ApiProblem.notFound("The archive holds no tweet " + id + " that you may see.");
    }

    /** Tweet ids {@code role} may not see now; empty for roles that see every access level. */
    synchronized Set<String> hiddenFrom(ViewerRole role) {
        if (role.sees(Access.RESTRICTED)) {
            return Set.of();
        }
        Instant now = clock.instant();
        long size = office.ledger().log().size();
        if (hidden == null || hidden.logSize() != size || now.isBefore(hidden.from()) || !now.isBefore(hidden.until())) {
            hidden = compute(now, size);
        }
        return hidden.byRole().getOrDefault(role, Set.of());
    }

    private Hidden compute(Instant now, long size) {
        Map<ViewerRole, Set<String>> byRole = new HashMap<>();
        Set<String> seen = new HashSet<>();
        Instant[] until = {Instant.MAX};
        office.store().forEachRecord(t -> {
            if (!seen.add(t.id())) {
                return;
            }
            Decision d = retention.engine().decide(t, now);
            for (ViewerRole r : ViewerRole.values()) {
                if (!d.visibleTo(r)) {
                    byRole.computeIfAbsent(r, k -> new HashSet<>()).add(t.id());
                }
            }
            if (d.embargoEnd() != null && now.isBefore(d.embargoEnd()) && d.embargoEnd().isBefore(until[0])) {
                until[0] = d.embargoEnd();
            }
        });
        byRole.replaceAll((r, s) -> Set.copyOf(s));
        return new Hidden(size, now, until[0], byRole);
    }
}
