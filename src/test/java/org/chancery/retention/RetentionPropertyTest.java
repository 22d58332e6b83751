package org.chancery.retention;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import org.chancery.record.Entities;
import org.chancery.record.RawPayload;
import org.chancery.record.Tweet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Generated registries, policies, holds, records and clock moves, checked against an oracle written here
 * independently of the engine. Each case has its own seed, printed on failure; rerun one case with
 * {@code -Dretention.seed=N}.
 */
class RetentionPropertyTest {
    private static final int CASES = 2_000;
    private static final Instant MIN = Instant.parse("2015-01-01T00:00:00Z");
    private static final long SPAN_SECONDS = 12L * 365 * 86_400;
    private static final String[] TAGS = {"alpha", "beta", "gamma"};
    private static final String[] WORDS = {"treaty", "budget", "visit"};

    @TempDir
    Path dir;

    /** What the generated cases exercised: the test fails if the generators stop producing each outcome. */
    private final Map<String, Integer> seen = new TreeMap<>();

    private void saw(String what) {
        seen.merge(what, 1, Integer::sum);
    }

    @Test
    void decisionsPlansAndRechecksKeepTheirInvariants() {
        String only = System.getProperty("retention.seed");
        PlanBook book = PlanBook.open(dir);
        long first = only == null ? 20_260_301L : Long.parseLong(only);
        int cases = only == null ? CASES : 1;
        for (int i = 0; i < cases; i++) {
            long seed = first + i;
            try {
                runCase(seed, book);
            } catch (AssertionError | RuntimeException e) {
                throw new AssertionError("case with seed " + seed + " failed (rerun with -Dretention.seed=" + seed + "): "
                        + e.getMessage(), e);
            }
        }
        if (only == null) {
            for (String outcome : List.of("eligible", "held", "retained", "unscheduled", "planned object", "unplanned object",
                    "withdrawn at recheck", "disposable at recheck")) {
                assertTrue(seen.getOrDefault(outcome, 0) >= 20, "generated cases exercise '" + outcome + "': " + seen);
            }
        }
    }

    private void runCase(long seed, PlanBook book) {
        Random rnd = new Random(seed);
        List<Account> accounts = accounts(rnd);
        AccountRegistry registry = AccountRegistry.empty().importAccounts(accounts, "gen", MIN, true).registry();
        List<Policy> policies = policies(rnd);
        List<LegalHold> holds = new ArrayList<>(holds(rnd, 0));
        QueryMatcher queries = (q, t) -> t.text().contains(q);
        RetentionEngine engine = new RetentionEngine(PolicySet.of(policies), registry, () -> List.copyOf(holds), queries);
        List<RecordRef> refs = records(rnd);
        Instant now = instant(rnd, MIN, SPAN_SECONDS + 20L * 365 * 86_400);

        Map<String, Boolean> eligibleNow = new HashMap<>();
        for (RecordRef r : refs) {
            Tweet t = r.tweet();
            Decision d = engine.decide(t, now);
            List<Policy> matching = matchingPolicies(t, accounts, policies);
            int top = matching.stream().mapToInt(Policy::priority).max().orElse(Integer.MIN_VALUE);
            assertTrue(matching.stream().filter(p -> p.priority() == top).count() <= 1, "at most one policy at the top priority");
            List<String> held = coveringHolds(t, holds, now);
            Instant oracleEligibleAt = null;
            if (matching.isEmpty()) {
                saw("unscheduled");
                assertInstanceOf(Schedule.Unscheduled.class, d.schedule(), "no policy matches, so unscheduled");
                assertNull(d.eligibleAt());
            } else {
                Policy winner = matching.stream().filter(p -> p.priority() == top).findFirst().orElseThrow();
                Schedule.Scheduled s = assertInstanceOf(Schedule.Scheduled.class, d.schedule());
                assertEquals(winner.id(), s.policy().id(), "the highest-priority matching policy applies");
                oracleEligibleAt = eligibleAt(winner, t, accounts);
                assertEquals(oracleEligibleAt, d.eligibleAt(), "eligibility date");
            }
            boolean oracleEligible = held.isEmpty() && oracleEligibleAt != null && !now.isBefore(oracleEligibleAt);
            switch (d.disposition()) {
                case Disposition.Eligible e -> {
                    saw("eligible");
                    assertTrue(oracleEligible, "eligible only when scheduled, due and not held");
                    assertNotNull(d.eligibleAt());
                    assertFalse(now.isBefore(d.eligibleAt()), "nothing is eligible before its eligibility date");
                }
                case Disposition.Held h -> {
                    saw("held");
                    assertEquals(held, h.holdIds(), "held by exactly the covering holds");
                }
                case Disposition.Retain ret -> {
                    saw("retained");
                    assertFalse(oracleEligible, "retained although due: " + ret.reason());
                }
            }
            eligibleNow.merge(r.objectId(), oracleEligible, Boolean::logicalAnd);
            if (oracleEligibleAt != null) {
                // Clock moves to either side of the eligibility date: not a second early, and due exactly on it.
                Instant justBefore = oracleEligibleAt.minusSeconds(1 + rnd.nextInt(86_400));
                assertFalse(engine.decide(t, justBefore).eligible(), "not eligible at " + justBefore + ", before " + oracleEligibleAt);
                boolean heldThen = !coveringHolds(t, holds, oracleEligibleAt).isEmpty();
                assertEquals(!heldThen, engine.decide(t, oracleEligibleAt).eligible(), "eligible on the date unless held");
                saw("boundary");
            }
        }

        DispositionPlanner planner = new DispositionPlanner(engine, book, new MutableClock(now));
        DispositionPlan plan = planner.plan(refs.stream(), now, "planner-" + seed);
        Set<String> planned = new HashSet<>();
        for (ObjectPlan o : plan.objects()) {
            planned.add(o.objectId());
            assertTrue(eligibleNow.get(o.objectId()), "object " + o.objectId() + " is planned only if all its records are eligible");
        }
        for (Map.Entry<String, Boolean> e : eligibleNow.entrySet()) {
            assertEquals(e.getValue(), planned.contains(e.getKey()), "object " + e.getKey() + " planned iff all its records are eligible");
            saw(planned.contains(e.getKey()) ? "planned object" : "unplanned object");
        }
        if (plan.objects().isEmpty()) {
            return;
        }
        planner.approve(plan.id(), "approver");

        // Move the clock; new holds may be placed meanwhile. Recheck must drop anything no longer disposable.
        Instant later = now.plusSeconds(rnd.nextInt(3 * 365 * 86_400));
        holds.addAll(holds(rnd, holds.size()).stream()
                .map(h -> new LegalHold(h.id(), h.reason(), h.placedBy(), instant(rnd, now, Math.max(1, later.getEpochSecond() - now.getEpochSecond())), h.scope(), null))
                .toList());
        Recheck recheck = planner.recheck(plan, refs.stream(), later);
        for (ObjectPlan o : recheck.disposable()) {
            for (RecordRef r : refs) {
                if (r.objectId().equals(o.objectId())) {
                    assertTrue(coveringHolds(r.tweet(), holds, later).isEmpty(), "held record " + r.tweet().id() + " is not disposable at execution");
                    assertTrue(engine.decide(r.tweet(), later).eligible(), "record still eligible at execution");
                }
            }
        }
        assertEquals(plan.objects().size(), recheck.disposable().size() + recheck.withdrawn().size());
        recheck.withdrawn().forEach(w -> saw("withdrawn at recheck"));
        recheck.disposable().forEach(o -> saw("disposable at recheck"));
    }

    // ---- the oracle: written from the documented rules, not from the engine ----

    private static List<Policy> matchingPolicies(Tweet t, List<Account> accounts, List<Policy> policies) {
        Account a = accounts.stream().filter(x -> x.id().equals(t.author().id())).findFirst().orElse(null);
        Role role = null;
        if (a != null) {
            for (RolePeriod p : a.roles()) {
                boolean afterStart = p.from() == null || p.from().compareTo(t.createdAt()) <= 0;
                boolean beforeEnd = p.until() == null || t.createdAt().compareTo(p.until()) < 0;
                if (afterStart && beforeEnd) {
                    role = p.role();
                }
            }
        }
        List<Policy> out = new ArrayList<>();
        for (Policy p : policies) {
            for (MatchRule r : p.rules()) {
                boolean ok = (r.roles().isEmpty() || (role != null && r.roles().contains(role)))
                        && (r.accountIds().isEmpty() || r.accountIds().contains(t.author().id()))
                        && (r.hashtags().isEmpty() || t.entities().hashtags().stream().anyMatch(h -> r.hashtags().contains(h.tag())))
                        && (r.query() == null || t.text().contains(r.query()));
                if (ok) {
                    out.add(p);
                    break;
                }
            }
        }
        return out;
    }

    private static Instant eligibleAt(Policy p, Tweet t, List<Account> accounts) {
        if (!(p.retention() instanceof Retention.After after)) {
            return null;
        }
        ZonedDateTime c = t.createdAt().atZone(ZoneOffset.UTC);
        Account a = accounts.stream().filter(x -> x.id().equals(t.author().id())).findFirst().orElse(null);
        Instant base = switch (after.trigger()) {
            case CREATION -> t.createdAt();
            case CUTOFF_MONTH_END -> c.withDayOfMonth(1).toLocalDate().plusMonths(1).atStartOfDay(ZoneOffset.UTC).toInstant();
            case CUTOFF_YEAR_END -> LocalDate.of(c.getYear(), 12, 31).plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
            case END_OF_TENURE -> tenureEnd(a, t.createdAt());
            case ACCOUNT_CLOSURE -> a == null ? null : a.closedAt();
        };
        return base == null ? null : base.atZone(ZoneOffset.UTC).plus(after.period()).toInstant();
    }

    private static Instant tenureEnd(Account a, Instant at) {
        if (a != null) {
            for (RolePeriod r : a.roles()) {
                if ((r.from() == null || !at.isBefore(r.from())) && (r.until() == null || at.isBefore(r.until()))) {
                    return r.until();
                }
            }
        }
        return null;
    }

    private static List<String> coveringHolds(Tweet t, List<LegalHold> holds, Instant at) {
        List<String> out = new ArrayList<>();
        for (LegalHold h : holds) {
            boolean active = !at.isBefore(h.placedAt()) && (h.release() == null || at.isBefore(h.release().releasedAt()));
            HoldScope s = h.scope();
            boolean covers = (s.accountIds().isEmpty() || s.accountIds().contains(t.author().id()))
                    && (s.createdFrom() == null || !t.createdAt().isBefore(s.createdFrom()))
                    && (s.createdUntil() == null || t.createdAt().isBefore(s.createdUntil()))
                    && (s.query() == null || t.text().contains(s.query()));
            if (active && covers) {
                out.add(h.id());
            }
        }
        return out;
    }

    // ---- generators ----

    private static Instant instant(Random rnd, Instant from, long spanSeconds) {
        return from.plusSeconds((long) (rnd.nextDouble() * spanSeconds));
    }

    private static List<Account> accounts(Random rnd) {
        List<Account> out = new ArrayList<>();
        Role[] roles = Role.values();
        for (int id = 1; id <= 4; id++) {
            List<Instant> cuts = new ArrayList<>();
            int periods = rnd.nextInt(4);
            for (int i = 0; i < periods * 2; i++) {
                cuts.add(instant(rnd, MIN, SPAN_SECONDS));
            }
            cuts.sort(null);
            List<RolePeriod> rs = new ArrayList<>();
            for (int i = 0; i < periods; i++) {
                Instant from = i == 0 && rnd.nextBoolean() ? null : cuts.get(2 * i);
                Instant until = i == periods - 1 && rnd.nextBoolean() ? null : cuts.get(2 * i + 1);
                if (from != null && until != null && !from.isBefore(until)) {
                    continue;
                }
                rs.add(new RolePeriod(roles[rnd.nextInt(roles.length)], from, until, null));
            }
            Instant closed = rnd.nextInt(3) == 0 ? instant(rnd, MIN, SPAN_SECONDS) : null;
            out.add(new Account(String.valueOf(id), "account " + id, null, null, rs, List.of(), Map.of(), closed));
        }
        return out;
    }

    private static List<Policy> policies(Random rnd) {
        int n = 1 + rnd.nextInt(5);
        List<Integer> priorities = new ArrayList<>(List.of(1, 2, 3, 4, 5, 6, 7, 8));
        java.util.Collections.shuffle(priorities, rnd);
        List<Policy> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            List<MatchRule> rules = new ArrayList<>();
            int ruleCount = 1 + rnd.nextInt(2);
            for (int j = 0; j < ruleCount; j++) {
                rules.add(rule(rnd, "r" + j));
            }
            Retention retention;
            if (rnd.nextInt(4) == 0) {
                retention = new Retention.Permanent();
            } else {
                Period period = switch (rnd.nextInt(3)) {
                    case 0 -> Period.ofDays(1 + rnd.nextInt(2000));
                    case 1 -> Period.ofMonths(1 + rnd.nextInt(60));
                    default -> Period.ofYears(1 + rnd.nextInt(10));
                };
                retention = new Retention.After(period, Trigger.values()[rnd.nextInt(Trigger.values().length)]);
            }
            DispositionAction action = retention instanceof Retention.Permanent
                    ? (rnd.nextBoolean() ? DispositionAction.TRANSFER : null)
                    : DispositionAction.values()[rnd.nextInt(3)];
            Embargo embargo = rnd.nextBoolean() ? null : new Embargo(Period.ofDays(1 + rnd.nextInt(90)), Access.values()[rnd.nextInt(3)]);
            out.add(new Policy("p" + i, 1, "policy " + i, List.of("generated"), priorities.get(i), rules, retention, action,
                    Access.values()[rnd.nextInt(3)], embargo, null));
        }
        return out;
    }

    private static MatchRule rule(Random rnd, String id) {
        while (true) {
            Set<Role> roles = new HashSet<>();
            Set<String> ids = new HashSet<>();
            Set<String> tags = new HashSet<>();
            String query = null;
            if (rnd.nextBoolean()) {
                roles.add(Role.values()[rnd.nextInt(Role.values().length)]);
                if (rnd.nextBoolean()) {
                    roles.add(Role.values()[rnd.nextInt(Role.values().length)]);
                }
            }
            if (rnd.nextInt(4) == 0) {
                ids.add(String.valueOf(1 + rnd.nextInt(5)));
            }
            if (rnd.nextInt(3) == 0) {
                tags.add(TAGS[rnd.nextInt(TAGS.length)]);
            }
            if (rnd.nextInt(4) == 0) {
                query = WORDS[rnd.nextInt(WORDS.length)];
            }
            if (!roles.isEmpty() || !ids.isEmpty() || !tags.isEmpty() || query != null) {
                return new MatchRule(id, roles, Set.of(), Set.of(), ids, Set.of(), tags, query);
            }
        }
    }

    private static List<LegalHold> holds(Random rnd, int firstNumber) {
        List<LegalHold> out = new ArrayList<>();
        int n = rnd.nextInt(3);
        for (int i = 0; i < n; i++) {
            String query = rnd.nextInt(3) == 0 ? WORDS[rnd.nextInt(WORDS.length)] : null;
            Set<String> ids = rnd.nextBoolean() ? Set.of(String.valueOf(1 + rnd.nextInt(5))) : Set.of();
            Instant from = rnd.nextBoolean() ? instant(rnd, MIN, SPAN_SECONDS) : null;
            Instant until = from != null && rnd.nextBoolean() ? from.plusSeconds(1 + rnd.nextInt(400 * 86_400)) : null;
            if (query == null && ids.isEmpty() && from == null) {
                ids = Set.of("1");
            }
            Instant placed = instant(rnd, MIN, SPAN_SECONDS + 20L * 365 * 86_400);
            LegalHold.Release release = rnd.nextInt(3) == 0
                    ? new LegalHold.Release("counsel", placed.plusSeconds(1 + rnd.nextInt(1000 * 86_400)), "closed") : null;
            out.add(new LegalHold(String.format(java.util.Locale.ROOT, "H-%03d", firstNumber + i + 1), "reason", "counsel",
                    placed, new HoldScope(query, ids, from, until), release));
        }
        return out;
    }

    private static List<RecordRef> records(Random rnd) {
        List<RecordRef> out = new ArrayList<>();
        int n = 1 + rnd.nextInt(12);
        Map<String, Integer> objects = new TreeMap<>();
        for (int i = 0; i < n; i++) {
            String tweetId = String.valueOf(1000 + i);
            String author = String.valueOf(1 + rnd.nextInt(5));
            Instant created = instant(rnd, MIN, SPAN_SECONDS);
            String text = "tweet " + tweetId + (rnd.nextBoolean() ? " " + WORDS[rnd.nextInt(WORDS.length)] : "");
            List<Entities.Hashtag> tags = new ArrayList<>();
            if (rnd.nextBoolean()) {
                tags.add(new Entities.Hashtag(TAGS[rnd.nextInt(TAGS.length)], -1, -1));
            }
            Tweet t = TestTweets.tweet(tweetId, author, created, text, tags.stream().map(Entities.Hashtag::tag).toArray(String[]::new));
            String object = "obj-" + rnd.nextInt(4);
            objects.merge(object, 1, Integer::sum);
            out.add(new RecordRef(t, object, RawPayload.sha256Hex(text.getBytes(StandardCharsets.UTF_8))));
        }
        return out;
    }
}
