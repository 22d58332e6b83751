package org.chancery.capture.xapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.chancery.InvalidInputException;
import org.chancery.archive.RecordOffice;
import org.chancery.config.DataDir;
import org.chancery.store.Batch;
import org.chancery.store.BatchResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The watch scheduler against the emulator, on a fake clock: intervals per account, and a restart keeps the schedule. */
class WatchTest {
    private static final Instant T0 = Instant.parse("2022-10-04T00:00:00Z");

    @TempDir
    Path dir;

    @Test
    void capturesEachAccountOnItsIntervalAndKeepsTheScheduleAcrossARestart() throws Exception {
        String editedHandle = new ObjectMapper().readTree(WatchTest.class.getResourceAsStream("/fixtures/xapi/edited_after.jsonl"))
                .path("includes").path("users").path(0).path("username").asText();
        Path accounts = dir.resolve("accounts.txt");
        Files.writeString(accounts, "# official accounts\n@MariamBarghouti 15m\n" + editedHandle + " 1h  # staff\n",
                StandardCharsets.UTF_8);
        FakeTime time = new FakeTime(T0);
        RunLog runs = new RunLog(dir.resolve("capture/runs.jsonl"));
        try (XApiEmulator api = new XApiEmulator(time).load("timeline-mariambarghouti.jsonl.gz").load("edited_before.jsonl");
             RecordOffice office = RecordOffice.open(new DataDir(dir.resolve("data")), time)) {
            XApiClient client = new XApiClient(new XApiConfig(api.baseUrl(), XApiEmulator.TOKEN, Duration.ofSeconds(10), 6),
                    time, time, new SplittableRandom(1));
            Harvester harvester = new Harvester(client, new CursorStore(dir.resolve("capture/cursors")),
                    new EvidenceStore(dir.resolve("capture/evidence")), (producer, captures) -> {
                        BatchResult r = office.archive().put(new Batch(producer, captures));
                        return new CaptureArchive.Archived(r.added(), r.observations(), r.alreadyArchived());
                    }, runs, time);
            List<RunSummary> done = new ArrayList<>();
            List<String> errors = new ArrayList<>();
            new Watch(harvester, runs, time, time).run(Watch.readAccounts(accounts), T0.plus(Duration.ofHours(2)),
                    done::add, errors::add);
            assertEquals(8, count(runs, "mariambarghouti"), "every 15 minutes from 0:00 to 1:45");
            assertEquals(2, count(runs, editedHandle.toLowerCase(java.util.Locale.ROOT)), "at 0:00 and 1:00");
            assertEquals(List.of(), errors);
            assertEquals(101, done.stream().mapToInt(RunSummary::added).sum(), "each tweet archived once");
            assertTrue(time.sleeps().stream().allMatch(d -> d.compareTo(Duration.ofMinutes(15)) <= 0));

            // Restarted five minutes after the last run: nothing is due yet, so nothing runs before 2:00.
            time.advance(Duration.ofMinutes(5));
            new Watch(harvester, runs, time, time).run(Watch.readAccounts(accounts), T0.plus(Duration.ofMinutes(119)),
                    done::add, errors::add);
            assertEquals(10, runs.list().size());
            new Watch(harvester, runs, time, time).run(Watch.readAccounts(accounts), T0.plus(Duration.ofMinutes(121)),
                    done::add, errors::add);
            assertEquals(12, runs.list().size(), "both fall due at 2:00");
            assertEquals(T0.plus(Duration.ofHours(2)), runs.list().get(11).startedAt());
        }
    }

    @Test
    void badAccountsFileIsRefusedWithItsLine() throws Exception {
        Path accounts = dir.resolve("accounts.txt");
        Files.writeString(accounts, "SenateDems 30m\nHouse GOP extra words\n", StandardCharsets.UTF_8);
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> Watch.readAccounts(accounts));
        assertTrue(e.getMessage().contains("line 2"), e.getMessage());
        Files.writeString(accounts, "SenateDems 10s\n", StandardCharsets.UTF_8);
        e = assertThrows(InvalidInputException.class, () -> Watch.readAccounts(accounts));
        assertTrue(e.getMessage().contains("line 1") && e.getMessage().contains("not an interval"), e.getMessage());
    }

    private static long count(RunLog runs, String handle) {
        return runs.list().stream().filter(r -> r.handle().equals(handle)).count();
    }
}
