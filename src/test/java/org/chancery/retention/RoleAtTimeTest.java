package org.chancery.retention;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.chancery.capture.CollectingSink;
import org.chancery.capture.CongressTweetsImporter;
import org.chancery.record.Capture;
import org.chancery.record.Tweet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real tweets of @JeffFlake (user 16056306) from congresstweets 2017-07-10, with a registry entry making him
 * staff until 18:00 UTC that day and senior official after: the same account's tweets on either side fall
 * under different policies.
 */
class RoleAtTimeTest {
    private static final Instant APPOINTED = Instant.parse("2017-07-10T18:00:00Z");
    private static final Instant NOW = Instant.parse("2026-03-01T00:00:00Z");
    private static final Map<String, Tweet> TWEETS = new HashMap<>();
    private static final Map<String, JsonNode> ITEMS = new HashMap<>();
    private static AccountRegistry registry;

    @BeforeAll
    static void importRealTweetsAndRegistry(@TempDir Path dir) throws IOException {
        byte[] items = AccountRegistryTest.fixture("congresstweets-2017-07-10-items.json");
        for (JsonNode item : new ObjectMapper().readTree(items)) {
            ITEMS.put(item.get("id").asText(), item);
        }
        Path file = dir.resolve("2017-07-10.json");
        Files.write(file, items);
        CollectingSink sink = new CollectingSink();
        new CongressTweetsImporter(Clock.fixed(NOW, ZoneOffset.UTC)).read(file, "2017-07-10.json", sink);
        assertTrue(sink.rejected.isEmpty(), sink.rejected.toString());
        for (Capture c : sink.accepted) {
            TWEETS.put(c.id(), c.tweet());
        }
        assertEquals(4, TWEETS.size());

        Instant importedAt = Instant.parse("2026-01-01T00:00:00Z");
        List<Account> congress = CongressTweetsAccounts.parse(
                AccountRegistryTest.fixture("historical-users-filtered.json"), "historical-users-filtered.json");
        AccountRegistry v1 = AccountRegistry.empty().importAccounts(congress, "historical-users-filtered.json", importedAt, true).registry();
        List<Account> flake = AccountRegistry.parseFile(AccountRegistryTest.FLAKE_YAML.getBytes(StandardCharsets.UTF_8), "flake.yaml");
        registry = v1.importAccounts(flake, "flake.yaml", importedAt.plusSeconds(60), false).registry();
    }

    private static RetentionEngine engine() {
        return new RetentionEngine(PolicySet.load(PolicySetTest.SHIPPED), registry, List::of, QueryMatcher.NONE);
    }

    private static Instant postedAt(String id) {
        return OffsetDateTime.parse(ITEMS.get(id).get("time").asText()).toInstant();
    }

    @Test
    void tweetsBeforeAndAfterAppointmentFallUnderDifferentPolicies() {
        String before = "884426551177105409";
        String after = "884562688784859136";
        assertTrue(postedAt(before).isBefore(APPOINTED), "fixture: first tweet precedes the appointment");
        assertTrue(postedAt(after).isAfter(APPOINTED), "fixture: second tweet follows it");
        assertEquals("16056306", ITEMS.get(before).get("user_id").asText());
        assertEquals("16056306", ITEMS.get(after).get("user_id").asText());

        Decision staff = engine().decide(TWEETS.get(before), NOW);
        Schedule.Scheduled s1 = assertInstanceOf(Schedule.Scheduled.class, staff.schedule());
        assertEquals("staff-official-capacity", s1.policy().id());
        assertEquals("staff-role", s1.rule().id());
        assertEquals(Role.STAFF, s1.authorRole().role());
        assertTrue(s1.reason().startsWith("author 16056306 was staff (senate-member) on 2017-07-10 per registry v2"), s1.reason());
        assertEquals(Instant.parse("2025-01-01T00:00:00Z"), staff.eligibleAt(), "7 years after the 2017 year-end cutoff");
        assertEquals(new Disposition.Eligible(Instant.parse("2025-01-01T00:00:00Z"), DispositionAction.REVIEW), staff.disposition());

        Decision senior = engine().decide(TWEETS.get(after), NOW);
        Schedule.Scheduled s2 = assertInstanceOf(Schedule.Scheduled.class, senior.schedule());
        assertEquals("senior-officials", s2.policy().id());
        assertTrue(s2.reason().startsWith("author 16056306 was senior-official (senate-member) on 2017-07-10 per registry v2"), s2.reason());
        assertNull(senior.eligibleAt());
        assertInstanceOf(Disposition.Retain.class, senior.disposition());
        assertTrue(senior.visibleTo(ViewerRole.PUBLIC));
    }

    @Test
    void underTheUnrefinedRegistryVersionBothTweetsArePermanent() {
        RetentionEngine v1 = new RetentionEngine(PolicySet.load(PolicySetTest.SHIPPED),
                AccountRegistry.of(List.of(registry.version(1))), List::of, QueryMatcher.NONE);
        for (String id : List.of("884426551177105409", "884562688784859136", "884594557224198144")) {
            Schedule.Scheduled s = assertInstanceOf(Schedule.Scheduled.class, v1.schedule(TWEETS.get(id)));
            assertEquals("senior-officials", s.policy().id(), id);
            assertTrue(s.reason().contains("per registry v1"), s.reason());
        }
    }

    @Test
    void campaignAccountTweetIsShortLivedAndRestricted() {
        String nrsc = "884431765582073857";
        assertEquals("5693842", ITEMS.get(nrsc).get("user_id").asText());
        Decision d = engine().decide(TWEETS.get(nrsc), NOW);
        Schedule.Scheduled s = assertInstanceOf(Schedule.Scheduled.class, d.schedule());
        assertEquals("campaign-personal", s.policy().id());
        assertEquals(postedAt(nrsc).atZone(ZoneOffset.UTC).plusYears(1).toInstant(), d.eligibleAt());
        assertEquals(Access.RESTRICTED, d.access());
        assertEquals(Map.of(ViewerRole.PUBLIC, false, ViewerRole.STAFF, false, ViewerRole.ARCHIVIST, true,
                ViewerRole.LEGAL, true, ViewerRole.ADMIN, true), d.visibility());
    }

    @Test
    void authorUnknownToTheRegistryIsUnscheduledAndNeverEligible() {
        RetentionEngine empty = new RetentionEngine(PolicySet.load(PolicySetTest.SHIPPED), AccountRegistry.empty(),
                List::of, QueryMatcher.NONE);
        Decision d = empty.decide(TWEETS.get("884426551177105409"), Instant.parse("2999-01-01T00:00:00Z"));
        Schedule.Unscheduled u = assertInstanceOf(Schedule.Unscheduled.class, d.schedule());
        assertEquals("no policy matches tweet 884426551177105409; author 16056306 is not in registry v0", u.reason());
        assertInstanceOf(Disposition.Retain.class, d.disposition());
        assertEquals(Access.INTERNAL, d.access());
    }
}
