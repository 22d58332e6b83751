package org.chancery.archive;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
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
}
