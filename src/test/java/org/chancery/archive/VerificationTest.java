package org.chancery.archive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.chancery.config.DataDir;
import org.chancery.ledger.Ledger;
import org.chancery.ledger.TweetVersionEntry;
import org.chancery.store.CommittedPayload;
import org.chancery.store.OcflArchive;
import org.chancery.store.StoreSettings;
import org.chancery.store.TestCaptures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The match between the store and the log, both ways: a version the store holds but the log lacks, and a log
 * entry whose version the store lacks, are each named; the store and the log are otherwise healthy.
 */
class VerificationTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path dir;

    @Test
    void versionsMissingFromTheLogAndEntriesMissingFromTheStoreAreNamed() {
        DataDir data = new DataDir(dir.resolve("data"));
        List<CommittedPayload> committed = new ArrayList<>();
        try (Ledger ledger = Ledger.open(data.ledger(), data.keys(), "verification.test/archive");
                OcflArchive archive = new OcflArchive(StoreSettings.under(data.root()), CLOCK, committed::addAll)) {
            archive.put("test", List.of(TestCaptures.synthetic(1), TestCaptures.synthetic(2),
                    TestCaptures.synthetic(3)));
            archive.flush();
            assertEquals(3, committed.size());
            CommittedPayload unlogged = committed.get(1);
            TweetVersionEntry orphan = new TweetVersionEntry("999", unlogged.location().objectId(), "v9",
                    "raw/v9.bin#0+10", "0".repeat(64), CLOCK.instant());
            ledger.appendAndCheckpoint(List.of(LedgerRecorder.entryFor(committed.get(0)).encode(),
                    LedgerRecorder.entryFor(committed.get(2)).encode(), orphan.encode()));

            VerifyReport report = new Verification(archive, ledger, StoreSettings.under(data.root()).storeRoot()).run();

            List<String> found = report.problems().stream().map(p -> p.item() + ": " + p.problem()).sorted().toList();
            assertEquals(List.of(
                    "log entry 2 (tweet 999, " + orphan.objectId() + " v9): logged but no longer in the store",
                    "tweet " + unlogged.tweetId() + " (" + unlogged.location().objectId() + " "
                            + unlogged.location().version() + "): archived but not in the Merkle log"), found);
            assertEquals(3, report.payloads());
            assertEquals(3, report.logSize());
        }
    }

    @Test
    void aStoreTooDamagedToWalkAgainStillCountsTheUnloggedVersions() throws IOException {
        DataDir data = new DataDir(dir.resolve("data"));
        List<CommittedPayload> committed = new ArrayList<>();
        StoreSettings settings = StoreSettings.under(data.root());
        try (Ledger ledger = Ledger.open(data.ledger(), data.keys(), "verification.test/archive");
                OcflArchive archive = new OcflArchive(settings, CLOCK, committed::addAll)) {
            archive.put("test", List.of(TestCaptures.synthetic(1), TestCaptures.synthetic(2)));
            archive.flush();
            ledger.appendAndCheckpoint(List.of(LedgerRecorder.entryFor(committed.get(0)).encode()));
            Path records;
            try (Stream<Path> files = Files.walk(settings.storeRoot())) {
                records = files.filter(f -> f.endsWith(Path.of("records", "v1.jsonl"))).findFirst().orElseThrow();
            }
            Files.writeString(records, "not a records line\n", StandardCharsets.UTF_8, StandardOpenOption.APPEND);

            VerifyReport report = new Verification(archive, ledger, settings.storeRoot()).run();

            List<String> items = report.problems().stream().map(p -> p.item() + ": " + p.problem()).toList();
            assertTrue(items.stream().anyMatch(p -> p.startsWith("store: 1 archived tweet version(s) are not in the "
                    + "Merkle log")), items.toString());
            assertTrue(items.stream().anyMatch(p -> p.contains("records/v1.jsonl") && p.contains("not a valid records "
                    + "line")), items.toString());
        }
    }
}
