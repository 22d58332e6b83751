package org.chancery.retention;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import org.chancery.InvalidInputException;
import org.chancery.record.RawPayload;

/**
 * The record of a disposition carried out: which objects and records went, under which policy and rule, who
 * planned and who approved it, when — and, for each destroyed payload, a salted commitment instead of the
 * payload or its digest.
 *
 * <p><b>Commitment.</b> {@code hex(SHA-256(salt || ascii(payloadSha256Hex) || ascii(tweetId)))}, with a fresh
 * random 32-byte salt per certificate, kept in the certificate ({@link #saltHex()}). What it proves:
 * <ul>
 *   <li>to anyone: that the listed tweet ids were disposed of at {@code executedAt} under the named policies,
 *       planned and approved by two named people and carried out by a named one (and, once the certificate's bytes are in the ledger, that this
 *       statement existed at that point of the log and was not changed since);</li>
 *   <li>to anyone who still holds a copy of a payload (a backup, a transfer, a court exhibit) or its SHA-256
 *       (the ledger's capture entries): whether that exact payload was among those destroyed, by recomputing its
 *       commitment ({@link #attests(String, String)}). A different copy of the tweet does not verify.</li>
 * </ul>
 * What it does not do: keep the content. SHA-256 cannot be inverted, and the payload digest is only ever an
 * input to the commitment, so the certificate alone does not recover the tweet. The salt is kept because a
 * discarded salt would make the commitments unverifiable by anyone; its job is narrower: commitments are unique
 * per certificate, so they cannot be looked up in indexes of known digests or matched across certificates without
 * the digests themselves. Tweet ids are listed in clear, as disposition records conventionally name what was
 * destroyed; deployments that must not keep even ids should redact them before publishing the certificate.
 *
 * @param id        {@code DC-} and the first 16 hex digits of SHA-256 of the canonical bytes without the id
 * @param executor  who carried the disposition out (named on the command line or the request)
 * @param objects   disposed objects, sorted by object id
 */
public record DispositionCertificate(String id, String planId, String planner, String approver, Instant approvedAt,
        String executor, Instant executedAt, String saltHex, List<CertifiedObject> objects) {

    public DispositionCertificate {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(planId, "planId");
        Objects.requireNonNull(planner, "planner");
        Objects.requireNonNull(approver, "approver");
        Objects.requireNonNull(approvedAt, "approvedAt");
        Objects.requireNonNull(executor, "executor");
        Objects.requireNonNull(executedAt, "executedAt");
        Objects.requireNonNull(saltHex, "saltHex");
        objects = List.copyOf(objects);
        if (DispositionPlan.samePerson(planner, approver)) {
            throw new IllegalArgumentException("certificate " + id + " names the same person as planner and approver");
        }
    }

    /** A disposed object. */
    public record CertifiedObject(String objectId, DispositionAction action, List<CertifiedRecord> records) {
        public CertifiedObject {
            records = List.copyOf(records);
        }
    }

    /** A disposed record: its schedule and one commitment per destroyed payload (sorted). */
    public record CertifiedRecord(String tweetId, String policyId, int policyVersion, String ruleId, Instant eligibleAt,
            List<String> commitments) {
        public CertifiedRecord {
            commitments = List.copyOf(commitments);
        }
    }

    /**
     * Issues the certificate for the objects of {@code disposed}.
     *
     * @param plan     the recorded, approved plan
     * @param disposed the recheck of that plan, narrowed to the objects actually disposed of
     * @param executor who carries it out
     */
    public static DispositionCertificate issue(DispositionPlan plan, Recheck disposed, String executor,
            Instant executedAt, SecureRandom random) {
        LegalHold.requireText(executor, "executor");
        if (plan.approval() == null) {
            throw new InvalidInputException("Plan " + plan.id() + " has not been approved by a second person; no certificate can be issued.");
        }
        if (!plan.id().equals(disposed.planId())) {
            throw new IllegalArgumentException("recheck of plan " + disposed.planId() + " does not belong to plan " + plan.id());
        }
        byte[] salt = new byte[32];
        random.nextBytes(salt);
        List<CertifiedObject> objects = new ArrayList<>();
        for (ObjectPlan o : disposed.disposable()) {
            List<CertifiedRecord> recs = new ArrayList<>();
            for (PlannedRecord r : o.records()) {
                List<String> cs = r.payloadSha256s().stream().map(d -> commitment(salt, d, r.tweetId())).sorted().toList();
                recs.add(new CertifiedRecord(r.tweetId(), r.policyId(), r.policyVersion(), r.ruleId(), r.eligibleAt(), cs));
            }
            objects.add(new CertifiedObject(o.objectId(), o.action(), recs));
        }
        DispositionCertificate draft = new DispositionCertificate("draft", plan.id(), plan.planner(),
                plan.approval().approver(), plan.approval().approvedAt(), executor.strip(), executedAt,
                HexFormat.of().formatHex(salt), objects);
        String digest = RawPayload.sha256Hex(CanonicalJson.bytes(draft.toJson(false)));
        return new DispositionCertificate("DC-" + digest.substring(0, 16), draft.planId, draft.planner, draft.approver,
                draft.approvedAt, draft.executor, draft.executedAt, draft.saltHex, draft.objects);
    }

    /** {@code hex(SHA-256(salt || ascii(payloadSha256Hex) || ascii(tweetId)))}. */
    public static String commitment(byte[] salt, String payloadSha256Hex, String tweetId) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            md.update(salt);
            md.update(payloadSha256Hex.getBytes(StandardCharsets.US_ASCII));
            md.update(tweetId.getBytes(StandardCharsets.US_ASCII));
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }

    /** True when the payload with this SHA-256 of this tweet is among those this certificate says were destroyed. */
    public boolean attests(String tweetId, String payloadSha256Hex) {
        String c = commitment(HexFormat.of().parseHex(saltHex), payloadSha256Hex, tweetId);
        return objects.stream().flatMap(o -> o.records().stream())
                .anyMatch(r -> r.tweetId().equals(tweetId) && r.commitments().contains(c));
    }

    /** Canonical JSON (see {@link CanonicalJson}): the bytes to keep and to log in the ledger. */
    public byte[] canonicalBytes() {
        return CanonicalJson.bytes(toJson(true));
    }

    private ObjectNode toJson(boolean withId) {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("event", "disposition-certificate");
        if (withId) {
            o.put("id", id);
        }
        o.put("planId", planId);
        o.put("planner", planner);
        o.put("approver", approver);
        o.put("approvedAt", approvedAt.toString());
        o.put("executor", executor);
        o.put("executedAt", executedAt.toString());
        o.put("commitment", "sha256(salt || payloadSha256Hex || tweetId)");
        o.put("salt", saltHex);
        ArrayNode objs = o.putArray("objects");
        for (CertifiedObject co : objects) {
            ObjectNode oo = objs.addObject();
            oo.put("objectId", co.objectId());
            oo.put("action", co.action().wireName());
            ArrayNode recs = oo.putArray("records");
            for (CertifiedRecord r : co.records()) {
                ObjectNode ro = recs.addObject();
                ro.put("tweetId", r.tweetId());
                ro.put("policy", r.policyId());
                ro.put("policyVersion", r.policyVersion());
                ro.put("rule", r.ruleId());
                ro.put("eligibleAt", r.eligibleAt().toString());
                ArrayNode cs = ro.putArray("commitments");
                r.commitments().forEach(cs::add);
            }
        }
        return o;
    }
}
