package org.chancery.retention;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.chancery.InvalidInputException;
import org.chancery.NotFoundException;
import org.chancery.StorageException;

/**
 * Disposition plans with their approvals and executions, kept as an append-only log ({@value #FILE_NAME} in the
 * folder given) of canonical JSON events, each fsynced before the call returns: {@code disposition-planned}
 * (the plan), {@code disposition-approved}, {@code disposition-executed}. Each method returns the exact line
 * it appended, which is also what the ledger should log.
 *
 * <p>Thread-safe; one process should own the folder.
 */
public final class PlanBook {
    public static final String FILE_NAME = "plans.jsonl";

    private final EventLog log;
    private final Map<String, DispositionPlan> plans = new LinkedHashMap<>();
    private final Map<String, String> executed = new LinkedHashMap<>();

    private PlanBook(EventLog log) {
        this.log = log;
    }

    /** Opens (creating when absent) and replays the plan log in {@code dir}. */
    public static PlanBook open(Path dir) {
        EventLog log = EventLog.open(dir.resolve(FILE_NAME));
        PlanBook book = new PlanBook(log);
        List<byte[]> lines = log.lines();
        for (int i = 0; i < lines.size(); i++) {
            try {
                book.apply(CanonicalJson.mapper().readTree(lines.get(i)));
            } catch (IOException | RuntimeException e) {
                throw new StorageException("Plan log " + log.file() + " line " + (i + 1) + " is not a valid plan event: "
                        + e.getMessage(), e);
            }
        }
        return book;
    }

    /** Records a new plan; returns the canonical bytes appended ({@link DispositionPlan#canonicalBytes()}). */
    public synchronized byte[] add(DispositionPlan plan) {
        if (plan.approval() != null) {
            throw new IllegalArgumentException("plan " + plan.id() + " must be added before it is approved");
        }
        if (plans.containsKey(plan.id())) {
            throw new InvalidInputException("Plan " + plan.id() + " is already recorded.");
        }
        byte[] line = plan.canonicalBytes();
        log.append(line);
        plans.put(plan.id(), plan);
        return line;
    }

    /** The result of {@link #approve}: the approved plan and the event line appended for it. */
    public record Approved(DispositionPlan plan, byte[] canonicalBytes) {}

    /**
     * Records a second person's approval.
     *
     * @throws NotFoundException     when no plan has this id
     * @throws InvalidInputException when the approver made the plan, or the plan is already approved
     */
    public synchronized Approved approve(String planId, String approver, Instant at) {
        DispositionPlan plan = get(planId);
        LegalHold.requireText(approver, "approver");
        if (DispositionPlan.samePerson(plan.planner(), approver)) {
            throw new InvalidInputException("Plan " + planId + " was made by " + plan.planner()
                    + "; a second person must approve it.");
        }
        if (plan.approval() != null) {
            throw new InvalidInputException("Plan " + planId + " was already approved by " + plan.approval().approver()
                    + " on " + plan.approval().approvedAt() + ".");
        }
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("event", "disposition-approved");
        o.put("planId", planId);
        o.put("approver", approver.strip());
        o.put("approvedAt", at.toString());
        byte[] line = CanonicalJson.bytes(o);
        log.append(line);
        DispositionPlan approved = plan.withApproval(new DispositionPlan.Approval(approver.strip(), at));
        plans.put(planId, approved);
        return new Approved(approved, line);
    }

    /**
     * Records that a plan was carried out under {@code certificate}; a plan executes once.
     *
     * @return the event line appended
     */
    public synchronized byte[] executed(DispositionCertificate certificate) {
        DispositionPlan plan = get(certificate.planId());
        if (plan.approval() == null) {
            throw new InvalidInputException("Plan " + plan.id() + " has not been approved by a second person; it cannot be executed.");
        }
        if (executed.containsKey(plan.id())) {
            throw new InvalidInputException("Plan " + plan.id() + " was already executed under certificate "
                    + executed.get(plan.id()) + ".");
        }
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("event", "disposition-executed");
        o.put("planId", plan.id());
        o.put("certificateId", certificate.id());
        o.put("executor", certificate.executor());
        o.put("executedAt", certificate.executedAt().toString());
        byte[] line = CanonicalJson.bytes(o);
        log.append(line);
        executed.put(plan.id(), certificate.id());
        return line;
    }

    private void apply(JsonNode e) {
        String event = e.path("event").asText();
        switch (event) {
            case "disposition-planned" -> {
                DispositionPlan p = DispositionPlan.fromJson(e);
                if (plans.putIfAbsent(p.id(), p) != null) {
                    throw new IllegalArgumentException("plan " + p.id() + " is recorded twice");
                }
            }
            case "disposition-approved" -> {
                DispositionPlan p = get(e.path("planId").asText());
                plans.put(p.id(), p.withApproval(new DispositionPlan.Approval(e.path("approver").asText(),
                        Instant.parse(e.path("approvedAt").asText()))));
            }
            case "disposition-executed" -> executed.put(get(e.path("planId").asText()).id(), e.path("certificateId").asText());
            default -> throw new IllegalArgumentException("unknown event \"" + event + "\"");
        }
    }

    public synchronized Optional<DispositionPlan> find(String planId) {
        return Optional.ofNullable(plans.get(planId));
    }

    /** @throws NotFoundException when no plan has this id */
    public synchronized DispositionPlan get(String planId) {
        DispositionPlan p = plans.get(planId);
        if (p == null) {
            throw new NotFoundException("Disposition plan " + planId + " does not exist.");
        }
        return p;
    }

    public synchronized List<DispositionPlan> list() {
        return List.copyOf(plans.values());
    }

    /** The certificate id a plan was executed under, if it was. */
    public synchronized Optional<String> executedUnder(String planId) {
        return Optional.ofNullable(executed.get(planId));
    }
}
