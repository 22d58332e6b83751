package org.chancery.retention;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.Period;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import org.chancery.InvalidInputException;
import org.chancery.record.RawPayload;
import org.chancery.record.Tweet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DispositionPlannerTest {
    private static final Instant NOW = Instant.parse("2026-03-01T00:00:00Z");

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(NOW);

    /** Staff tweets of author 1001 (2020) are destroyed 1 year after creation; official ones (2021 on) are permanent. */
    private RetentionEngine engine(HoldSource holds) {
        Policy staff = RetentionEngineTest.policy("staff", 2, RetentionEngineTest.roleRule("staff-role", Role.STAFF),
                new Retention.After(Period.ofYears(1), Trigger.CREATION), DispositionAction.DESTROY, Access.PUBLIC, null);
        Policy official = RetentionEngineTest.policy("official", 3, RetentionEngineTest.roleRule("official-role", Role.OFFICIAL),
                new Retention.Permanent(), null, Access.PUBLIC, null);
        return new RetentionEngine(PolicySet.of(List.of(staff, official)), RetentionEngineTest.registry(), holds, QueryMatcher.NONE);
    }

    private static RecordRef ref(String tweetId, String created, String objectId) {
        Tweet t = TestTweets.tweet(tweetId, "1001", created);
        return new RecordRef(t, objectId, RawPayload.sha256Hex(("payload " + tweetId).getBytes(StandardCharsets.UTF_8)));
    }

    private final List<RecordRef> records = List.of(
            ref("11", "2020-03-01T00:00:00Z", "obj-2020-03"),
            ref("12", "2020-03-02T00:00:00Z", "obj-2020-03"),
            ref("21", "2020-12-30T00:00:00Z", "obj-mixed"),
            ref("22", "2021-01-02T00:00:00Z", "obj-mixed"),
            ref("31", "2020-07-01T00:00:00Z", "obj-2020-07"));

    @Test
    void plansOnlyObjectsWhoseRecordsAreAllEligibleAndNeedsASecondPerson() {
        PlanBook book = PlanBook.open(dir);
        DispositionPlanner planner = new DispositionPlanner(engine(List::of), book, clock);
        DispositionPlan plan = planner.plan(records.stream(), NOW, "alice");
        assertEquals(List.of("obj-2020-03", "obj-2020-07"), plan.objects().stream().map(ObjectPlan::objectId).toList(),
                "obj-mixed holds a permanent record");
        assertEquals(List.of("11", "12"), plan.objects().get(0).records().stream().map(PlannedRecord::tweetId).toList());
        PlannedRecord r = plan.objects().get(0).records().get(0);
        assertEquals("staff", r.policyId());
        assertEquals("staff-role", r.ruleId());
        assertEquals(Instant.parse("2021-03-01T00:00:00Z"), r.eligibleAt());
        assertTrue(plan.id().startsWith("DP-20260301000000-"), plan.id());

        InvalidInputException self = assertThrows(InvalidInputException.class, () -> planner.approve(plan.id(), " Alice "));
        assertEquals("Plan " + plan.id() + " was made by alice; a second person must approve it.", self.getMessage());
        assertThrows(InvalidInputException.class, () -> planner.recheck(plan, records.stream(), NOW), "unapproved plans do not execute");
        clock.set(NOW.plusSeconds(3600));
        PlanBook.Approved approved = planner.approve(plan.id(), "bob");
        assertEquals("bob", approved.plan().approval().approver());
        assertEquals(NOW.plusSeconds(3600), approved.plan().approval().approvedAt());
        assertThrows(InvalidInputException.class, () -> planner.approve(plan.id(), "carol"));

        PlanBook reopened = PlanBook.open(dir);
        assertEquals(approved.plan(), reopened.get(plan.id()));
    }

    @Test
    void recheckWithdrawsObjectsHeldOrChangedSincePlanning() {
        PlanBook book = PlanBook.open(dir);
        List<LegalHold> holds = new java.util.ArrayList<>();
        DispositionPlanner planner = new DispositionPlanner(engine(() -> List.copyOf(holds)), book, clock);
        DispositionPlan plan = planner.plan(records.stream(), NOW, "alice");
        planner.approve(plan.id(), "bob");

        Instant later = NOW.plusSeconds(86_400);
        holds.add(new LegalHold("H-2026-009", "new matter", "counsel", NOW.plusSeconds(60),
                new HoldScope(null, Set.of("1001"), Instant.parse("2020-07-01T00:00:00Z"), Instant.parse("2020-07-02T00:00:00Z")), null));
        List<RecordRef> current = List.of(records.get(0), records.get(1), records.get(4));
        Recheck held = planner.recheck(plan, current.stream(), later);
        assertEquals(List.of("obj-2020-03"), held.disposable().stream().map(ObjectPlan::objectId).toList());
        assertEquals("obj-2020-07", held.withdrawn().get(0).objectId());
        assertTrue(held.withdrawn().get(0).reason().contains("H-2026-009"), held.withdrawn().get(0).reason());

        RecordRef newObservation = new RecordRef(records.get(1).tweet(), "obj-2020-03",
                List.of(records.get(1).payloadSha256s().get(0), RawPayload.sha256Hex("observed again".getBytes(StandardCharsets.UTF_8))));
        Recheck changed = planner.recheck(plan, List.of(records.get(0), newObservation).stream(), later);
        assertTrue(changed.disposable().isEmpty());
        assertTrue(changed.withdrawn().stream().anyMatch(w -> w.objectId().equals("obj-2020-03")
                && w.reason().startsWith("the payloads of tweet 12 changed")), changed.withdrawn().toString());
        assertTrue(changed.withdrawn().stream().anyMatch(w -> w.objectId().equals("obj-2020-07")
                && w.reason().equals("the object's records were not found at execution")), changed.withdrawn().toString());

        RecordRef newRecord = ref("13", "2020-03-03T00:00:00Z", "obj-2020-03");
        Recheck grown = planner.recheck(plan, List.of(records.get(0), records.get(1), newRecord).stream(), later);
        assertTrue(grown.withdrawn().get(0).reason().startsWith("its records changed"), grown.withdrawn().toString());
    }

    @Test
    void certificateCommitsToDestroyedPayloadsWithoutHoldingThem() throws IOException {
        PlanBook book = PlanBook.open(dir);
        DispositionPlanner planner = new DispositionPlanner(engine(List::of), book, clock);
        DispositionPlan plan = planner.plan(records.stream(), NOW, "alice");
        planner.approve(plan.id(), "bob");
        Recheck recheck = planner.recheck(plan, records.stream(), NOW.plusSeconds(60));
        Recheck disposed = recheck.only(Set.of("obj-2020-03"));
        DispositionCertificate c = planner.certify(plan, disposed, "records officer C", NOW.plusSeconds(120), new SecureRandom());

        byte[] bytes = c.canonicalBytes();
        String text = new String(bytes, StandardCharsets.UTF_8);
        JsonNode json = new ObjectMapper().readTree(bytes);
        assertEquals("alice", json.get("planner").asText());
        assertEquals("bob", json.get("approver").asText());
        assertEquals("records officer C", json.get("executor").asText(), "the certificate names who carried it out");
        assertEquals(1, json.get("objects").size());
        byte[] salt = HexFormat.of().parseHex(json.get("salt").asText());
        assertEquals(32, salt.length);
        JsonNode rec = json.get("objects").get(0).get("records").get(0);
        assertEquals("11", rec.get("tweetId").asText());
        String digest = records.get(0).payloadSha256s().get(0);
        assertEquals(independentCommitment(salt, digest, "11"), rec.get("commitments").get(0).asText());
        assertFalse(text.contains(digest), "the certificate does not carry the payload digest");
        assertFalse(text.contains("payload 11"), "nor the payload");
        assertTrue(c.attests("11", digest));
        assertFalse(c.attests("11", RawPayload.sha256Hex("a different copy".getBytes(StandardCharsets.UTF_8))));
        assertFalse(c.attests("31", records.get(4).payloadSha256s().get(0)), "obj-2020-07 was not disposed of");

        assertThrows(InvalidInputException.class, () -> planner.recheck(plan, records.stream(), NOW.plusSeconds(180)),
                "an executed plan does not execute again");
        assertEquals(c.id(), PlanBook.open(dir).executedUnder(plan.id()).orElseThrow());
    }

    private static String independentCommitment(byte[] salt, String digestHex, String tweetId) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            byte[] input = new byte[salt.length + digestHex.length() + tweetId.length()];
            System.arraycopy(salt, 0, input, 0, salt.length);
            System.arraycopy(digestHex.getBytes(StandardCharsets.US_ASCII), 0, input, salt.length, digestHex.length());
            System.arraycopy(tweetId.getBytes(StandardCharsets.US_ASCII), 0, input, salt.length + digestHex.length(), tweetId.length());
            return HexFormat.of().formatHex(md.digest(input));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
