package org.chancery.api;

import java.time.Clock;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.chancery.archive.Disposal;
import org.chancery.archive.ProvenTweet;
import org.chancery.archive.ProvenTweetJson;
import org.chancery.archive.RecordOffice;
import org.chancery.archive.RetentionService;
import org.chancery.index.AccessScope;
import org.chancery.record.Ids;
import org.chancery.retention.Access;
import org.chancery.retention.Decision;
import org.chancery.retention.Policy;
import org.chancery.retention.PolicySet;
import org.chancery.retention.Schedule;
import org.chancery.retention.ViewerRole;

/**
 * Retention-aware access: decides, for one caller now, whether a tweet may be shown, and which access levels a
 * search may return (the index filters on each tweet's indexed access facts, so nothing is decided per tweet at
 * search time). Every answer is taken at the injected clock's instant, so embargoes end by themselves.
 */
final class Gate {
    /** A tweet the caller may see, with the decision that allowed it and its canonical JSON as stored. */
    record Allowed(ProvenTweet tweet, Decision decision, byte[] tweetJson) {}

    private final RecordOffice office;
    private final RetentionService retention;
    private final PolicySet policies;
    private final Clock clock;

    /** Makes the office index access facts under {@code policies}, rebuilding the index if they changed. */
    Gate(RecordOffice office, PolicySet policies, Clock clock) {
        this.office = office;
        this.policies = policies;
        this.retention = office.retention(policies);
        this.clock = clock;
        office.indexAccessWith(policies);
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
        Optional<ProvenTweetJson> found = office.findWithJson(id);
        if (found.isEmpty()) {
            Optional<Disposal> disposal = office.disposal(id);
            if (disposal.isPresent() && (!caller.anonymous() || publicPolicy(disposal.get().policyId()))) {
                Disposal d = disposal.get();
                throw new ApiProblem(410, "Disposed of", d.summary() + ".", Map.of("disposed", Views.Disposed.of(d)));
            }
            throw notArchived(id);
        }
        // Decided on the state just read rather than through RetentionService.decide, which would read it again.
        ProvenTweet tweet = found.get().proven();
        Decision decision = retention.engine().decide(tweet.stored().tweet(), clock.instant());
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
        return new Allowed(tweet, decision, found.get().tweetJson());
    }

    private boolean publicPolicy(String policyId) {
        return policies.find(policyId).map(Policy::access).map(a -> a == Access.PUBLIC).orElse(false);
    }

    static ApiProblem notArchived(String id) {
        return ApiProblem.notFound("The archive holds no tweet " + id + " that you may see.");
    }

    /**
     * What {@code role} may see in searches now, filtered by the index on each tweet's access facts; null for
     * roles that see every access level.
     */
    AccessScope scope(ViewerRole role) {
        if (role.sees(Access.RESTRICTED)) {
            return null;
        }
        Set<String> levels = new HashSet<>();
        for (Access a : Access.values()) {
            if (role.sees(a)) {
                levels.add(a.wireName());
            }
        }
        return new AccessScope(levels, clock.instant());
    }
}
