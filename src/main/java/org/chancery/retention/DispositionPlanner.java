package org.chancery.retention;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.chancery.InvalidInputException;
import org.chancery.record.RawPayload;

/**
 * Plans disposition by OCFL object, records approvals, and re-checks a plan when it is carried out.
 *
 * <p>An object is planned only when every record it holds is {@link Disposition.Eligible} at the planning
 * instant: one retained, unscheduled or held record keeps the whole object. Execution must call
 * {@link #recheck} with the objects' current records just before disposing of anything, dispose of only
 * {@link Recheck#disposable()}, then {@link #certify} what was disposed of.
 */
public final class DispositionPlanner {
    private static final DateTimeFormatter ID_TIME = DateTimeFormatter.ofPattern("yyyyMMddHHmmss").withZone(ZoneOffset.UTC);

    private final RetentionEngine engine;
    private final PlanBook book;
    private final Clock clock;

    /** @param clock gives approval instants */
    public DispositionPlanner(RetentionEngine engine, PlanBook book, Clock clock) {
        this.engine = Objects.requireNonNull(engine, "engine");
        this.book = Objects.requireNonNull(book, "book");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Plans disposition of every object whose records are all eligible at {@code now}, and records the plan in
     * the book (unless it is empty: an empty plan is returned but not recorded).
     *
     * @param records every record of every object to consider; an object's records must all be in the stream,
     *                since a missing one could not keep the object
     * @param planner who asks; someone else must approve
     */
    public DispositionPlan plan(Stream<RecordRef> records, Instant now, String planner) {
        LegalHold.requireText(planner, "planner");
        List<ObjectPlan> objects = decideObjects(records, now, new ArrayList<>());
        DispositionPlan draft = new DispositionPlan("draft", planner.strip(), now, objects, null);
        String digest = RawPayload.sha256Hex(CanonicalJson.bytes(draft.toJson(false)));
        DispositionPlan plan = new DispositionPlan("DP-" + ID_TIME.format(now) + "-" + digest.substring(0, 8),
                planner.strip(), now, objects, null);
        if (!objects.isEmpty()) {
            book.add(plan);
        }
        return plan;
    }

    /**
     * Records {@code approver}'s approval of a recorded plan, now per the clock.
     *
     * @throws InvalidInputException when the approver made the plan ("a second person must approve") or it
     *                               was already approved
     */
    public PlanBook.Approved approve(String planId, String approver) {
        return book.approve(planId, approver, clock.instant());
    }

    /**
     * Re-decides an approved plan at execution time against the objects' current records: an object stays
     * disposable only if it holds exactly the planned records with the planned payloads, each still eligible
     * under the same policy, rule and action, and none is held.
     *
     * @param current the current records of (at least) the plan's objects; others are ignored
     * @throws InvalidInputException when the recorded plan is not approved or was already executed
     */
    public Recheck recheck(DispositionPlan plan, Stream<RecordRef> current, Instant now) {
        DispositionPlan recorded = book.get(plan.id());
        if (!recorded.approved()) {
            throw new InvalidInputException("Plan " + plan.id() + " has not been approved by a second person; it cannot be executed.");
        }
        book.executedUnder(plan.id()).ifPresent(c -> {
            throw new InvalidInputException("Plan " + plan.id() + " was already executed under certificate " + c + ".");
        });
        Set<String> planned = new HashSet<>();
        recorded.objects().forEach(o -> planned.add(o.objectId()));
        List<Recheck.Withdrawn> withdrawn = new ArrayList<>();
        Map<String, ObjectPlan> redecided = new LinkedHashMap<>();
        for (ObjectPlan o : decideObjects(current.filter(r -> planned.contains(r.objectId())), now, withdrawn)) {
            redecided.put(o.objectId(), o);
        }
        Set<String> alreadyWithdrawn = new HashSet<>();
        withdrawn.forEach(w -> alreadyWithdrawn.add(w.objectId()));
        List<ObjectPlan> disposable = new ArrayList<>();
        for (ObjectPlan was : recorded.objects()) {
            ObjectPlan is = redecided.get(was.objectId());
            if (is == null) {
                if (!alreadyWithdrawn.contains(was.objectId())) {
                    withdrawn.add(new Recheck.Withdrawn(was.objectId(), "the object's records were not found at execution"));
                }
                continue;
            }
            String change = difference(was, is);
            if (change != null) {
                withdrawn.add(new Recheck.Withdrawn(was.objectId(), change + " since plan " + plan.id() + " was made"));
            } else {
                disposable.add(is);
            }
        }
        return new Recheck(plan.id(), now, disposable, withdrawn);
    }

    /**
     * Issues the certificate for what was disposed of and records the execution in the book.
     *
     * @param disposed the recheck narrowed ({@link Recheck#only}) to the objects actually disposed of
     */
    public DispositionCertificate certify(DispositionPlan plan, Recheck disposed, String executor, Instant executedAt,
            SecureRandom random) {
        DispositionPlan recorded = book.get(plan.id());
        DispositionCertificate c = DispositionCertificate.issue(recorded, disposed, executor, executedAt, random);
        book.executed(c);
        return c;
    }

    private List<ObjectPlan> decideObjects(Stream<RecordRef> records, Instant now, List<Recheck.Withdrawn> refused) {
        Map<String, Map<String, PlannedRecord>> eligible = new TreeMap<>();
        Map<String, String> blocked = new TreeMap<>();
        records.forEach(ref -> {
            String obj = ref.objectId();
            if (blocked.containsKey(obj)) {
                return;
            }
            Decision d = engine.decide(ref.tweet(), now);
            if (d.disposition() instanceof Disposition.Eligible e && d.schedule() instanceof Schedule.Scheduled s) {
                Map<String, PlannedRecord> recs = eligible.computeIfAbsent(obj, k -> new TreeMap<>());
                PlannedRecord prior = recs.get(ref.tweet().id());
                List<String> digests = new ArrayList<>(ref.payloadSha256s());
                if (prior != null) {
                    digests.addAll(prior.payloadSha256s());
                }
                recs.put(ref.tweet().id(), new PlannedRecord(ref.tweet().id(), s.policy().id(), s.policy().version(),
                        s.rule().id(), e.since(), e.action(), digests.stream().sorted().distinct().toList()));
            } else {
                eligible.remove(obj);
                blocked.put(obj, "tweet " + ref.tweet().id() + " is not eligible: " + describe(d.disposition()));
            }
        });
        blocked.forEach((obj, why) -> refused.add(new Recheck.Withdrawn(obj, why)));
        List<ObjectPlan> out = new ArrayList<>();
        eligible.forEach((obj, recs) -> {
            DispositionAction action = DispositionAction.DESTROY;
            for (PlannedRecord r : recs.values()) {
                action = action.cautious(r.action());
            }
            out.add(new ObjectPlan(obj, action, List.copyOf(recs.values())));
        });
        return out;
    }

    private static String difference(ObjectPlan was, ObjectPlan is) {
        if (was.action() != is.action()) {
            return "its action changed from " + was.action() + " to " + is.action();
        }
        if (was.records().size() != is.records().size()) {
            return "its records changed (" + was.records().size() + " planned, " + is.records().size() + " now)";
        }
        for (int i = 0; i < was.records().size(); i++) {
            PlannedRecord a = was.records().get(i);
            PlannedRecord b = is.records().get(i);
            if (!a.tweetId().equals(b.tweetId())) {
                return "its records changed (tweet " + a.tweetId() + " planned, " + b.tweetId() + " found)";
            }
            if (!a.payloadSha256s().equals(b.payloadSha256s())) {
                return "the payloads of tweet " + a.tweetId() + " changed";
            }
            if (!a.policyId().equals(b.policyId()) || a.policyVersion() != b.policyVersion() || !a.ruleId().equals(b.ruleId())) {
                return "the schedule of tweet " + a.tweetId() + " changed from " + a.policyId() + " v" + a.policyVersion()
                        + " rule " + a.ruleId() + " to " + b.policyId() + " v" + b.policyVersion() + " rule " + b.ruleId();
            }
        }
        return null;
    }

    private static String describe(Disposition d) {
        return switch (d) {
            case Disposition.Retain r -> r.reason();
            case Disposition.Held h -> "under legal hold " + String.join(", ", h.holdIds());
            case Disposition.Eligible e -> "eligible since " + e.since();
        };
    }
}
