package org.chancery.retention;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.chancery.InvalidInputException;
import org.chancery.NotFoundException;
import org.chancery.StorageException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HoldRegistryTest {
    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-05T09:00:00Z"));

    @Test
    void placedAndReleasedHoldsPersistWithTheirHistory() throws IOException {
        HoldRegistry r = HoldRegistry.open(dir.resolve("holds"), clock);
        HoldEvent.Placed placed = r.place("H-2026-001", "FOIA 2026-17", "counsel",
                new HoldScope("treaty", Set.of("16056306"), Instant.parse("2017-01-01T00:00:00Z"), null));
        clock.set(Instant.parse("2026-02-01T00:00:00Z"));
        HoldEvent.Released released = r.release("H-2026-001", "counsel", "request closed");

        List<String> lines = Files.readAllLines(dir.resolve("holds").resolve(HoldRegistry.FILE_NAME), StandardCharsets.UTF_8);
        assertEquals(2, lines.size());
        assertArrayEquals(placed.canonicalBytes(), lines.get(0).getBytes(StandardCharsets.UTF_8), "the log line is the canonical event");
        assertArrayEquals(released.canonicalBytes(), lines.get(1).getBytes(StandardCharsets.UTF_8));
        JsonNode first = new ObjectMapper().readTree(lines.get(0));
        assertEquals("hold-placed", first.get("event").asText());
        assertEquals("2026-01-05T09:00:00Z", first.get("placedAt").asText());
        assertEquals("16056306", first.get("scope").get("accounts").get(0).asText());
        assertEquals("2017-01-01T00:00:00Z", first.get("scope").get("createdFrom").asText());

        HoldRegistry reopened = HoldRegistry.open(dir.resolve("holds"), clock);
        LegalHold h = reopened.get("H-2026-001");
        assertEquals("FOIA 2026-17", h.reason());
        assertEquals(Instant.parse("2026-02-01T00:00:00Z"), h.release().releasedAt());
        assertEquals("request closed", h.release().reason());
        assertTrue(h.activeAt(Instant.parse("2026-01-31T23:59:59Z")));
        assertTrue(!h.activeAt(Instant.parse("2026-02-01T00:00:00Z")));
        assertEquals(r.holds(), reopened.holds());
        assertEquals(2, reopened.events().size());
    }

    @Test
    void idsAreNeverReusedAndReleasesAreChecked() {
        HoldRegistry r = HoldRegistry.open(dir, clock);
        r.place("H-1", "a", "b", new HoldScope(null, Set.of("1"), null, null));
        InvalidInputException dup = assertThrows(InvalidInputException.class,
                () -> r.place("H-1", "a", "b", new HoldScope(null, Set.of("1"), null, null)));
        assertTrue(dup.getMessage().startsWith("Hold H-1 already exists"), dup.getMessage());
        assertThrows(NotFoundException.class, () -> r.release("H-9", "x", "y"));
        r.release("H-1", "x", "y");
        assertThrows(InvalidInputException.class, () -> r.release("H-1", "x", "y"));
        assertThrows(InvalidInputException.class, () -> r.place("H-1", "a", "b", new HoldScope(null, Set.of("1"), null, null)),
                "a released hold's id stays taken");
        assertThrows(IllegalArgumentException.class, () -> new HoldScope(null, Set.of(), null, null), "an empty scope is refused");
    }

    @Test
    void tornLastLineFromACrashIsDroppedAndTheHistoryKept() throws IOException {
        HoldRegistry r = HoldRegistry.open(dir, clock);
        r.place("H-1", "a", "b", new HoldScope(null, Set.of("1"), null, null));
        Path file = dir.resolve(HoldRegistry.FILE_NAME);
        Files.write(file, "{\"event\":\"hold-released\",\"id\":\"H-1\",\"rel".getBytes(StandardCharsets.UTF_8), StandardOpenOption.APPEND);
        HoldRegistry reopened = HoldRegistry.open(dir, clock);
        assertNull(reopened.get("H-1").release(), "the unacknowledged release is not applied");
        assertEquals(1, Files.readAllLines(file).size(), "the torn tail is cut off");
        reopened.release("H-1", "x", "y");
        assertEquals(2, HoldRegistry.open(dir, clock).events().size());
    }

    @Test
    void corruptCompleteLineIsRefusedNamingTheLine() throws IOException {
        HoldRegistry.open(dir, clock).place("H-1", "a", "b", new HoldScope(null, Set.of("1"), null, null));
        Files.write(dir.resolve(HoldRegistry.FILE_NAME), "{\"event\":\"hold-exploded\"}\n".getBytes(StandardCharsets.UTF_8),
                StandardOpenOption.APPEND);
        StorageException e = assertThrows(StorageException.class, () -> HoldRegistry.open(dir, clock));
        assertTrue(e.getMessage().contains("line 2"), e.getMessage());
    }

    @Test
    void holdCoversRecordsCapturedAfterItWasPlaced() {
        HoldRegistry r = HoldRegistry.open(dir, clock);
        r.place("H-2026-004", "litigation", "counsel", new HoldScope(null, Set.of("1001"), null, null));
        RetentionEngine engine = new RetentionEngine(
                PolicySet.of(List.of(RetentionEngineTest.policy("p", 1, RetentionEngineTest.roleRule("r", Role.STAFF),
                        new Retention.After(java.time.Period.ofDays(1), Trigger.CREATION), DispositionAction.DESTROY,
                        Access.PUBLIC, null))),
                RetentionEngineTest.registry(), r, QueryMatcher.NONE);
        // Posted in 2020, but only captured (and decided) now, after the hold was placed.
        Decision d = engine.decide(TestTweets.tweet("77", "1001", "2020-06-01T00:00:00Z"), Instant.parse("2026-03-01T00:00:00Z"));
        assertEquals(List.of("H-2026-004"), assertInstanceOf(Disposition.Held.class, d.disposition()).holdIds());
    }
}
