package org.chancery.retention;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.Period;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.chancery.record.Tweet;
import org.junit.jupiter.api.Test;

class RetentionEngineTest {
    private static final String AUTHOR = "1001";

    static MatchRule roleRule(String id, Role... roles) {
        return new MatchRule(id, Set.of(roles), Set.of(), Set.of(), Set.of(), Set.of(), Set.of(), null);
    }

    static Policy policy(String id, int priority, MatchRule rule, Retention retention, DispositionAction action,
            Access access, Embargo embargo) {
        return new Policy(id, 1, id, List.of("test"), priority, List.of(rule), retention, action, access, embargo, null);
    }

    /** Author 1001: staff in 2020 (tenure ends 2021-01-01), then official; account closed 2023-06-01. */
    static AccountRegistry registry() {
        Account a = new Account(AUTHOR, "Embassy", "Ministry", "XX", List.of(
                new RolePeriod(Role.STAFF, Instant.parse("2020-01-01T00:00:00Z"), Instant.parse("2021-01-01T00:00:00Z"), null),
                new RolePeriod(Role.OFFICIAL, Instant.parse("2021-01-01T00:00:00Z"), null, null)),
                List.of(new HandlePeriod("OldHandle", null, Instant.parse("2022-01-01T00:00:00Z"))),
                Map.of("class", "embassy", "account_type", "office"), Instant.parse("2023-06-01T00:00:00Z"));
        return AccountRegistry.empty().importAccounts(List.of(a), "test", Instant.EPOCH, true).registry();
    }

    private static Decision decide(Policy p, Tweet t, String now, List<LegalHold> holds) {
        return new RetentionEngine(PolicySet.of(List.of(p)), registry(), () -> holds, (q, tw) -> tw.text().contains(q))
                .decide(t, Instant.parse(now));
    }

    @Test
    void eachTriggerGivesItsEligibilityDate() {
        Tweet staffTweet = TestTweets.tweet("1", AUTHOR, "2020-05-17T12:00:00Z");
        Map<Trigger, String> expected = Map.of(
                Trigger.CREATION, "2020-05-27T12:00:00Z",
                Trigger.CUTOFF_MONTH_END, "2020-06-11T00:00:00Z",
                Trigger.CUTOFF_YEAR_END, "2021-01-11T00:00:00Z",
                Trigger.END_OF_TENURE, "2021-01-11T00:00:00Z",
                Trigger.ACCOUNT_CLOSURE, "2023-06-11T00:00:00Z");
        for (Trigger t : Trigger.values()) {
            Policy p = policy("p", 1, roleRule("r", Role.STAFF), new Retention.After(Period.ofDays(10), t),
                    DispositionAction.DESTROY, Access.PUBLIC, null);
            Instant at = Instant.parse(expected.get(t));
            assertEquals(at, decide(p, staffTweet, "2030-01-01T00:00:00Z", List.of()).eligibleAt(), t.wireName());
            assertInstanceOf(Disposition.Retain.class, decide(p, staffTweet, at.minusSeconds(1).toString(), List.of()).disposition());
            assertEquals(new Disposition.Eligible(at, DispositionAction.DESTROY),
                    decide(p, staffTweet, at.toString(), List.of()).disposition(), t.wireName());
        }
    }

    @Test
    void openTenureMeansTheTriggerHasNotHappened() {
        Tweet officialTweet = TestTweets.tweet("2", AUTHOR, "2022-03-01T00:00:00Z");
        Policy p = policy("p", 1, roleRule("r", Role.OFFICIAL), new Retention.After(Period.ofYears(1), Trigger.END_OF_TENURE),
                DispositionAction.DESTROY, Access.PUBLIC, null);
        Decision d = decide(p, officialTweet, "2999-01-01T00:00:00Z", List.of());
        assertNull(d.eligibleAt());
        Disposition.Retain r = assertInstanceOf(Disposition.Retain.class, d.disposition());
        assertTrue(r.reason().contains("end-of-tenure trigger"), r.reason());
    }

    @Test
    void embargoMakesAccessStricterUntilItEnds() {
        Tweet t = TestTweets.tweet("3", AUTHOR, "2020-05-01T00:00:00Z");
        Policy p = policy("p", 1, roleRule("r", Role.STAFF), new Retention.Permanent(), null, Access.PUBLIC,
                new Embargo(Period.ofDays(30), Access.INTERNAL));
        Decision during = decide(p, t, "2020-05-30T23:59:59Z", List.of());
        assertEquals(Access.INTERNAL, during.access());
        assertEquals(Instant.parse("2020-05-31T00:00:00Z"), during.embargoEnd());
        assertTrue(during.visibleTo(ViewerRole.STAFF));
        assertTrue(!during.visibleTo(ViewerRole.PUBLIC));
        Decision afterwards = decide(p, t, "2020-05-31T00:00:00Z", List.of());
        assertEquals(Access.PUBLIC, afterwards.access());
        assertTrue(afterwards.visibleTo(ViewerRole.PUBLIC));

        Policy restricted = policy("q", 1, roleRule("r", Role.STAFF), new Retention.Permanent(), null, Access.RESTRICTED,
                new Embargo(Period.ofDays(30), Access.PUBLIC));
        assertEquals(Access.RESTRICTED, decide(restricted, t, "2020-05-02T00:00:00Z", List.of()).access(),
                "an embargo never loosens access");
    }

    @Test
    void activeHoldOverridesEligibilityAndReleasedHoldDoesNot() {
        Tweet t = TestTweets.tweet("4", AUTHOR, Instant.parse("2020-02-02T00:00:00Z"), "about the treaty talks");
        Policy p = policy("p", 1, roleRule("r", Role.STAFF), new Retention.After(Period.ofDays(1), Trigger.CREATION),
                DispositionAction.DESTROY, Access.PUBLIC, null);
        LegalHold byQuery = new LegalHold("H-2026-001", "FOIA request", "legal", Instant.parse("2026-01-01T00:00:00Z"),
                new HoldScope("treaty", Set.of(), null, null), null);
        LegalHold released = new LegalHold("H-2026-002", "matter", "legal", Instant.parse("2026-01-01T00:00:00Z"),
                new HoldScope(null, Set.of(AUTHOR), null, null),
                new LegalHold.Release("legal", Instant.parse("2026-02-01T00:00:00Z"), "closed"));
        assertEquals(new Disposition.Held(List.of("H-2026-001", "H-2026-002")),
                decide(p, t, "2026-01-15T00:00:00Z", List.of(byQuery, released)).disposition());
        assertEquals(new Disposition.Held(List.of("H-2026-001")),
                decide(p, t, "2026-03-01T00:00:00Z", List.of(byQuery, released)).disposition());
        assertInstanceOf(Disposition.Eligible.class, decide(p, t, "2025-12-31T00:00:00Z", List.of(byQuery, released)).disposition(),
                "a hold has no effect before it is placed");
        LegalHold outOfRange = new LegalHold("H-3", "r", "legal", Instant.EPOCH,
                new HoldScope(null, Set.of(AUTHOR), Instant.parse("2021-01-01T00:00:00Z"), null), null);
        assertInstanceOf(Disposition.Eligible.class, decide(p, t, "2026-03-01T00:00:00Z", List.of(outOfRange)).disposition());
    }

    @Test
    void highestPriorityMatchingPolicyWinsAndRulesMatchOnEveryCriterion() {
        Tweet tagged = TestTweets.tweet("5", AUTHOR, Instant.parse("2020-02-02T00:00:00Z"), "text", "Budget2020");
        MatchRule byTag = new MatchRule("tag", Set.of(), Set.of(), Set.of(), Set.of(), Set.of(), Set.of("budget2020"), null);
        MatchRule byClassAndHandle = new MatchRule("cls", Set.of(), Set.of("EMBASSY"), Set.of("office"), Set.of(),
                Set.of("@oldhandle"), Set.of(), null);
        Policy low = policy("low", 1, byClassAndHandle, new Retention.Permanent(), null, Access.PUBLIC, null);
        Policy high = policy("high", 5, byTag, new Retention.Permanent(), null, Access.INTERNAL, null);
        RetentionEngine e = new RetentionEngine(PolicySet.of(List.of(low, high)), registry(), List::of, QueryMatcher.NONE);
        assertEquals("high", ((Schedule.Scheduled) e.schedule(tagged)).policy().id());
        Tweet untagged = TestTweets.tweet("6", AUTHOR, "2020-02-02T00:00:00Z");
        assertEquals("low", ((Schedule.Scheduled) e.schedule(untagged)).policy().id(), "class, account type and registry handle match");
        Tweet afterRename = TestTweets.tweet("7", AUTHOR, "2022-02-02T00:00:00Z");
        assertInstanceOf(Schedule.Unscheduled.class, e.schedule(afterRename), "the old handle no longer covers the tweet");
    }
}
