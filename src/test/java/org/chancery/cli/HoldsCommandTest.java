package org.chancery.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Legal holds through the real CLI: create, list, release, their events in the log, and their effect on decisions. */
class HoldsCommandTest {
    @TempDir
    Path data;

    @Test
    void createListReleaseRoundTripLogsEveryEvent() throws Exception {
        Cli cli = new Cli(data);
        // Holds are placed in an existing archive: importing the registry starts it (one log entry).
        assertEquals(0, cli.run("accounts", "import", RetentionFixtures.USERS.toString()).exitCode());
        Cli.Result placed = cli.run("holds", "create", "--id", "H-2026-001", "--reason", "FOIA request 2026-17",
                "--by", "carol", "--account", "16056306", "--since", "2017-07-01", "--until", "2017-08-01");
        assertEquals(0, placed.exitCode(), placed.err());
        Cli.Result dup = cli.run("holds", "create", "--id", "H-2026-001", "--reason", "again", "--by", "carol",
                "--account", "16056306");
        assertEquals(1, dup.exitCode());
        assertTrue(dup.err().contains("H-2026-001 already exists"), dup.err());
        Cli.Result noScope = cli.run("holds", "create", "--id", "H-2", "--reason", "r", "--by", "carol");
        assertEquals(2, noScope.exitCode(), noScope.err());

        Cli.Result listed = cli.run("holds", "list");
        assertTrue(listed.out().contains("H-2026-001  IN FORCE  placed 2026-12-01T12:00:00Z by carol (FOIA request 2026-17)"
                + "  scope: accounts 16056306; created from 2017-07-01T00:00:00Z; created before 2017-08-01T00:00:00Z"),
                listed.out());

        Cli later = new Cli(data).clock(Clock.fixed(Instant.parse("2027-01-15T09:30:00Z"), ZoneOffset.UTC));
        Cli.Result released = later.run("holds", "release", "H-2026-001", "--by", "erin", "--reason", "Request closed");
        assertEquals(0, released.exitCode(), released.err());
        assertEquals(1, later.run("holds", "release", "H-2026-001", "--by", "erin", "--reason", "twice").exitCode());
        assertEquals(1, later.run("holds", "release", "H-none", "--by", "erin", "--reason", "unknown").exitCode());
        assertTrue(later.run("holds", "list").out().contains("H-2026-001  released 2027-01-15T09:30:00Z by erin (Request closed)"));

        // Both events are lines of the hold log and, byte for byte, entries of the Merkle log.
        byte[] all = Files.readAllBytes(data.resolve("holds/holds.jsonl"));
        List<String> lines = new String(all, StandardCharsets.UTF_8).lines().toList();
        assertEquals(2, lines.size());
        JsonNode place = RetentionFixtures.JSON.readTree(lines.get(0));
        assertEquals("hold-placed", place.path("event").asText());
        assertEquals("carol", place.path("placedBy").asText());
        assertEquals("hold-released", RetentionFixtures.JSON.readTree(lines.get(1)).path("event").asText());
        for (String line : lines) {
            assertEquals(1, RetentionFixtures.logIndexesOf(data, line.getBytes(StandardCharsets.UTF_8)).size(), line);
        }
        // Each event got its own signed checkpoint, and verify accepts the non-tweet entries.
        Cli.Result verify = cli.run("verify");
        assertEquals(0, verify.exitCode(), verify.out());
        assertTrue(verify.out().contains("3 log entries, 3 checkpoint(s)"), verify.out());
    }

    @Test
    void holdCoversRecordsCapturedAfterItWasPlacedAndBlocksTheirDisposition(@TempDir Path input) throws Exception {
        Cli cli = new Cli(data);
        assertEquals(0, cli.run("accounts", "import", RetentionFixtures.USERS.toString()).exitCode());
        assertEquals(0, cli.run("holds", "create", "--id", "H-Q", "--reason", "Litigation", "--by", "carol",
                "--query", "#Obamacare").exitCode());
        Path items = Files.copy(RetentionFixtures.FOUR_ITEMS, input.resolve("2017-07-10.json"));
        assertEquals(0, cli.run("import", items.toString()).exitCode());
        // The NRSC item carries #Obamacare in its text; the Flake items do not.
        String nrsc = null;
        String flake = null;
        for (JsonNode item : RetentionFixtures.items(items)) {
            boolean tagged = Arrays.asList(item.path("text").asText().split("\\s+")).contains("#Obamacare");
            if (tagged) {
                nrsc = item.path("id").asText();
            } else {
                flake = item.path("id").asText();
            }
        }
        Cli.Result heldDecision = cli.run("decide", nrsc);
        assertEquals(0, heldDecision.exitCode(), heldDecision.err());
        assertTrue(heldDecision.out().contains("Legal holds: H-Q"), heldDecision.out());
        assertTrue(heldDecision.out().contains("Disposition now: held"), heldDecision.out());
        assertTrue(cli.run("decide", flake).out().contains("Legal holds: none"));
        // NRSC is a campaign account: eligible a year on, but the hold keeps its object out of any plan.
        Cli.Result plan = cli.run("disposition", "plan", "--by", "alice");
        assertTrue(plan.out().contains("Nothing is eligible"), plan.out());
        assertEquals(0, cli.run("holds", "release", "H-Q", "--by", "erin", "--reason", "Settled").exitCode());
        Cli later = new Cli(data).clock(Clock.fixed(Instant.parse("2026-12-02T00:00:00Z"), ZoneOffset.UTC));
        assertTrue(later.run("disposition", "plan", "--by", "alice").out().contains("1 object(s), 1 record(s)"));
    }
}
