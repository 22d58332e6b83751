package org.chancery.retention;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * A proposal to dispose of whole OCFL objects, made by one person and approved by another.
 *
 * @param id        {@code DP-<createdAt as yyyyMMddHHmmss>-<8 hex of the content digest>}
 * @param planner   who made it
 * @param createdAt the instant eligibility was decided for
 * @param objects   sorted by object id
 * @param approval  null until a second person approves
 */
public record DispositionPlan(String id, String planner, Instant createdAt, List<ObjectPlan> objects, Approval approval) {
    public DispositionPlan {
        Objects.requireNonNull(id, "plan id");
        LegalHold.requireText(planner, "planner");
        Objects.requireNonNull(createdAt, "createdAt");
        objects = objects.stream().sorted(Comparator.comparing(ObjectPlan::objectId)).toList();
        if (approval != null && samePerson(planner, approval.approver())) {
            throw new IllegalArgumentException("plan " + id + " cannot be approved by its planner " + planner);
        }
    }

    /** Who approved and when. */
    public record Approval(String approver, Instant approvedAt) {
        public Approval {
            LegalHold.requireText(approver, "approver");
            Objects.requireNonNull(approvedAt, "approvedAt");
        }
    }

    public boolean approved() {
        return approval != null;
    }

    public int recordCount() {
        return objects.stream().mapToInt(o -> o.records().size()).sum();
    }

    /** Names compare trimmed and case-insensitively: "Alice" may not approve alice's plan. */
    static boolean samePerson(String a, String b) {
        return a.strip().equalsIgnoreCase(b.strip());
    }

    DispositionPlan withApproval(Approval a) {
        return new DispositionPlan(id, planner, createdAt, objects, a);
    }

    /**
     * The plan as made (without approval) in canonical JSON: the bytes to keep and to log in the ledger when the
     * plan is made. The approval is a separate event ({@link PlanBook}).
     */
    public byte[] canonicalBytes() {
        return CanonicalJson.bytes(toJson(true));
    }

    ObjectNode toJson(boolean withId) {
        JsonNodeFactory n = JsonNodeFactory.instance;
        ObjectNode o = n.objectNode();
        o.put("event", "disposition-planned");
        if (withId) {
            o.put("id", id);
        }
        o.put("planner", planner);
        o.put("createdAt", createdAt.toString());
        ArrayNode objs = o.putArray("objects");
        for (ObjectPlan op : objects) {
            ObjectNode oo = objs.addObject();
            oo.put("objectId", op.objectId());
            oo.put("action", op.action().wireName());
            ArrayNode recs = oo.putArray("records");
            for (PlannedRecord r : op.records()) {
                ObjectNode ro = recs.addObject();
                ro.put("tweetId", r.tweetId());
                ro.put("policy", r.policyId());
                ro.put("policyVersion", r.policyVersion());
                ro.put("rule", r.ruleId());
                ro.put("eligibleAt", r.eligibleAt().toString());
                ro.put("action", r.action().wireName());
                ArrayNode ds = ro.putArray("payloadSha256");
                r.payloadSha256s().forEach(ds::add);
            }
        }
        return o;
    }

    static DispositionPlan fromJson(JsonNode o) {
        List<ObjectPlan> objects = new ArrayList<>();
        for (JsonNode oo : o.path("objects")) {
            List<PlannedRecord> recs = new ArrayList<>();
            for (JsonNode r : oo.path("records")) {
                List<String> ds = new ArrayList<>();
                r.path("payloadSha256").forEach(d -> ds.add(d.asText()));
                recs.add(new PlannedRecord(r.path("tweetId").asText(), r.path("policy").asText(),
                        r.path("policyVersion").asInt(), r.path("rule").asText(),
                        Instant.parse(r.path("eligibleAt").asText()),
                        DispositionAction.fromWireName(r.path("action").asText()), ds));
            }
            objects.add(new ObjectPlan(oo.path("objectId").asText(),
                    DispositionAction.fromWireName(oo.path("action").asText()), recs));
        }
        return new DispositionPlan(o.path("id").asText(), o.path("planner").asText(),
                Instant.parse(o.path("createdAt").asText()), objects, null);
    }
}
