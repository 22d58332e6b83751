package org.chancery.archive;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.chancery.InvalidInputException;
import org.chancery.NotFoundException;
import org.chancery.retention.Decision;
import org.chancery.retention.DispositionCertificate;
import org.chancery.retention.DispositionPlan;
import org.chancery.retention.DispositionPlanner;
import org.chancery.retention.ObjectPlan;
import org.chancery.retention.PlanBook;
import org.chancery.retention.PlannedRecord;
import org.chancery.retention.PolicySet;
import org.chancery.retention.Recheck;
import org.chancery.retention.RecordRef;
import org.chancery.retention.RetentionEngine;
import org.chancery.store.StoredTweet;

/**
 * Retention over the record office: decisions for archived tweets, and disposition plans, approvals and
 * executions. Obtained from {@link RecordOffice#retention(PolicySet)} with a valid policy set; every plan,
 * approval and certificate is kept in {@code DATA/disposition/} and logged in the ledger.
 */
public final class RetentionService {
    private final RecordOffice office;
    private final RetentionEngine engine;
    private final DispositionPlanner planner;
    private final PlanBook book;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    RetentionService(RecordOffice office, PolicySet policies, PlanBook book, Clock clock) {
        this.office = office;
        this.book = book;
        this.clock = clock;
        this.engine = new RetentionEngine(policies, office.registry(), office.holdRegistry(), office.queryMatcher());
        this.planner = new DispositionPlanner(engine, book, clock);
    }

    public RetentionEngine engine() {
        return engine;
    }

    /**
     * Everything retention says about an archived tweet at {@code at}.
     *
     * @throws NotFoundException when the archive does not hold it (the message says so if it was disposed of)
     */
    public Decision decide(String tweetId, Instant at) {
        StoredTweet stored = office.store().find(tweetId).orElseThrow(() -> new NotFoundException(office.disposal(tweetId)
                .map(d -> d.summary() + "; there is nothing left to decide.")
                .orElse("The archive holds no tweet <" + tweetId + ">.")));
        return engine.decide(stored.tweet(), at);
    }

    /** Plans disposition of every object whose records are all eligible now; recorded and logged unless empty. */
    public DispositionPlan plan(String plannerName) {
        Instant now = clock.instant();
        office.store().flush();
        Path file = office.data().disposition().resolve(PlanBook.FILE_NAME);
        DispositionPlan[] made = new DispositionPlan[1];
        // The planner records non-empty plans itself; the recorder wraps that write so it is logged too.
        office.recorder().record(file, EventRecorder.Target.LINE, () -> {
            made[0] = this.planner.plan(records(null), now, plannerName);
            return made[0].objects().isEmpty() ? null : made[0].canonicalBytes();
        });
        return made[0];
    }

    /** Records a second person's approval; refused for the planner. */
    public DispositionPlan approve(String planId, String approver) {
        Path file = office.data().disposition().resolve(PlanBook.FILE_NAME);
        PlanBook.Approved[] approved = new PlanBook.Approved[1];
        office.recorder().record(file, EventRecorder.Target.LINE, () -> {
            approved[0] = planner.approve(planId, approver);
            return approved[0].canonicalBytes();
        });
        return approved[0].plan();
    }

    /**
     * What an execution did.
     *
     * @param certificate the certificate of what was disposed of; null when nothing was left to dispose of
     * @param withdrawn   objects of the plan kept, each with the reason
     */
    public record Execution(DispositionCertificate certificate, List<Recheck.Withdrawn> withdrawn) {
        public Execution {
            withdrawn = List.copyOf(withdrawn);
        }
    }

    /**
     * Carries out an approved plan: re-decides it against the objects' current records and holds, issues and logs
     * the certificate for what is still disposable, purges those OCFL objects and removes their tweets from the
     * search index. The certificate is written and logged before anything is purged, so an interrupted execution
     * is completed on the next open.
     */
    public Execution execute(String planId, String executor) {
        Objects.requireNonNull(executor, "executor");
        if (executor.isBlank()) {
            throw new InvalidInputException("The executor of plan " + planId + " must be named.");
        }
        DispositionPlan plan = book.get(planId);
        office.store().flush();
        Set<String> objects = new HashSet<>();
        plan.objects().forEach(o -> objects.add(o.objectId()));
        Instant now = clock.instant();
        Recheck recheck = planner.recheck(plan, records(objects), now);
        if (recheck.disposable().isEmpty()) {
            return new Execution(null, recheck.withdrawn());
        }
        DispositionCertificate certificate = DispositionCertificate.issue(book.get(planId), recheck, executor, now, random);
        Disposals disposals = office.disposals();
        Path file = disposals.certificateFile(certificate.id());
        long leaf = office.recorder().record(file, EventRecorder.Target.FILE, () -> {
            byte[] bytes = certificate.canonicalBytes();
            DurableFiles.write(file, bytes);
            DurableFiles.write(disposals.purgeMarker(certificate.id()), new byte[0]);
            book.executed(certificate);
            return bytes;
        });
        disposals.logged(certificate.id(), leaf);
        List<String> objectIds = new ArrayList<>();
        Set<String> tweetIds = new TreeSet<>();
        for (ObjectPlan o : recheck.disposable()) {
            objectIds.add(o.objectId());
            o.records().stream().map(PlannedRecord::tweetId).forEach(tweetIds::add);
        }
        office.purge(certificate.id(), objectIds, tweetIds, certificate.canonicalBytes());
        return new Execution(certificate, recheck.withdrawn());
    }

    /** Every committed record (of {@code objects}, or all when null), with its object and payload digests. */
    private Stream<RecordRef> records(Set<String> objects) {
        Map<String, String> objectOf = new LinkedHashMap<>();
        Map<String, List<String>> digests = new LinkedHashMap<>();
        office.store().forEachCommitted(p -> {
            String obj = p.location().objectId();
            if (objects == null || objects.contains(obj)) {
                objectOf.put(p.tweetId(), obj);
                digests.computeIfAbsent(p.tweetId(), k -> new ArrayList<>()).add(p.sha256());
            }
        });
        List<RecordRef> refs = new ArrayList<>();
        objectOf.forEach((id, obj) -> office.store().find(id)
                .ifPresent(t -> refs.add(new RecordRef(t.tweet(), obj, digests.get(id)))));
        return refs.stream();
    }
}
