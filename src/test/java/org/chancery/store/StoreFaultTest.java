package org.chancery.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import org.chancery.StorageException;
import org.chancery.record.Capture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A full disk or an I/O error at any durable write leaves a valid store that loses nothing acknowledged. */
class StoreFaultTest {
    @TempDir
    Path data;

    private final FaultyIo io = new FaultyIo();

    private OcflArchive openFaulty() {
        return new OcflArchive(StoreSettings.under(data), OcflArchiveTest.CLOCK, CommitListener.NONE, io);
    }

    private OcflArchive openClean(CommitListener listener) {
        return new OcflArchive(StoreSettings.under(data), OcflArchiveTest.CLOCK, listener);
    }

    private static List<Capture> captures(long from, long to) {
        List<Capture> out = new ArrayList<>();
        for (long n = from; n < to; n++) {
            out.add(TestCaptures.synthetic(n));
        }
        return out;
    }

    /** Reopens without faults and checks verify() is clean and exactly the expected ranges are archived. */
    private void assertArchived(long[][] present, long[][] absent) {
        try (OcflArchive archive = openClean(CommitListener.NONE)) {
            assertEquals(List.of(), archive.verify());
            for (long[] range : present) {
                for (long n = range[0]; n < range[1]; n++) {
                    StoredTweet t = archive.find(TestCaptures.syntheticId(n)).orElseThrow(
                            () -> new AssertionError("acknowledged capture missing"));
                    assertArrayEquals(TestCaptures.syntheticRaw(n), t.raw().bytes());
                    assertEquals(1, archive.history(TestCaptures.syntheticId(n)).size());
                }
            }
            for (long[] range : absent) {
                for (long n = range[0]; n < range[1]; n++) {
                    assertEquals(Optional.empty(), archive.find(TestCaptures.syntheticId(n)));
                }
            }
        }
    }

    private static boolean named(Path p, String name) {
        return p.getFileName() != null && p.getFileName().toString().equals(name);
    }

    @Test
    void fullDiskDuringAJournalAppendLosesOnlyThatBatch() {
        try (OcflArchive archive = openFaulty()) {
            archive.put("first", captures(0, 30));
            io.limitWrites(p -> named(p, "journal.log"), 5_000);
            StorageException e = assertThrows(StorageException.class, () -> archive.put("second", captures(30, 60)));
            assertTrue(e.getMessage().contains("journal.log"), e.getMessage());
            assertTrue(e.getMessage().contains("No space left on device"), e.getMessage());
            assertEquals(Optional.empty(), archive.find(TestCaptures.syntheticId(30)));
            io.heal();
            assertEquals(new BatchResult(30, 0, 0), archive.put("third", captures(60, 90)));
        }
        assertArchived(new long[][] {{0, 30}, {60, 90}}, new long[][] {{30, 60}});
    }

    @Test
    void fullDiskWhileStagingACommitKeepsTheJournalForTheNextOpen() {
        try (OcflArchive archive = openFaulty()) {
            archive.put("first", captures(0, 50));
            archive.flush();
            archive.put("second", captures(50, 100));
            io.limitWrites(p -> p.startsWith(data.resolve("work")), 10_000);
            StorageException e = assertThrows(StorageException.class, archive::flush);
            assertTrue(e.getMessage().contains("OCFL object urn:chancery:account:"), e.getMessage());
            assertTrue(e.getMessage().contains("No space left on device"), e.getMessage());
            assertThrows(StorageException.class, () -> archive.put("third", captures(100, 110)),
                    "a failed flush leaves the instance read-only");
            assertArrayEquals(TestCaptures.syntheticRaw(70), archive.find(TestCaptures.syntheticId(70))
                    .orElseThrow().raw().bytes(), "acknowledged captures stay readable from the journal");
        }
        assertArchived(new long[][] {{0, 100}}, new long[][] {{100, 110}});
        assertHeadsAtMost(2);
    }

    @Test
    void ioErrorForcingCommittedVersionsIsRecoveredAndReportedToTheListenerOnReopen() {
        try (OcflArchive archive = openFaulty()) {
            archive.put("first", captures(0, 40));
            io.failSyncs(p -> p.startsWith(data.resolve("store")));
            StorageException e = assertThrows(StorageException.class, archive::flush);
            assertTrue(e.getMessage().contains("Input/output error"), e.getMessage());
            assertTrue(e.getMessage().contains("to disk failed"), e.getMessage());
        }
        List<CommittedPayload> heard = new ArrayList<>();
        try (OcflArchive archive = openClean(heard::addAll)) {
            assertEquals(40, heard.size(), "versions committed before the failure are delivered on reopen");
            List<CommittedPayload> all = new ArrayList<>();
            archive.forEachCommitted(all::add);
            assertEquals(new HashSet<>(all), new HashSet<>(heard));
        }
        assertArchived(new long[][] {{0, 40}}, new long[][] {});
        assertHeadsAtMost(1);
    }

    @Test
    void failureAppendingTheIdMapAfterACommitIsRecoveredOnReopen() {
        try (OcflArchive archive = openFaulty()) {
            archive.put("first", captures(0, 20));
            archive.flush();
            archive.put("second", captures(20, 40));
            io.failSyncs(p -> named(p, "idmap.bin"));
            StorageException e = assertThrows(StorageException.class, archive::flush);
            assertTrue(e.getMessage().contains("idmap.bin"), e.getMessage());
        }
        assertArchived(new long[][] {{0, 40}}, new long[][] {});
        assertHeadsAtMost(2);
    }

    @Test
    void aListenerThatFailsGetsThePayloadsAgainOnReopen() {
        try (OcflArchive archive = new OcflArchive(StoreSettings.under(data), OcflArchiveTest.CLOCK, p -> {
            throw new IllegalStateException("ledger unavailable");
        })) {
            archive.put("first", captures(0, 25));
            assertThrows(RuntimeException.class, archive::flush);
        }
        List<CommittedPayload> heard = new ArrayList<>();
        try (OcflArchive archive = openClean(heard::addAll)) {
            assertEquals(25, heard.size());
            archive.put("second", captures(0, 25));
            archive.flush();
            assertEquals(25, heard.size(), "duplicates are not committed or delivered");
        }
        assertArchived(new long[][] {{0, 25}}, new long[][] {});
    }

    /** Leaves v1 committed and indexed, and v2 committed to OCFL but not indexed, with the journal kept. */
    private String commitV2WithoutIndexing() {
        try (OcflArchive archive = openFaulty()) {
            archive.put("first", List.of(TestCaptures.synthetic(0), TestCaptures.synthetic(7)));
            archive.flush();
            archive.put("second", List.of(TestCaptures.synthetic(14), TestCaptures.synthetic(21)));
            io.failSyncs(p -> p.startsWith(data.resolve("store")));
            assertThrows(StorageException.class, archive::flush);
        }
        io.heal();
        return OcflArchive.objectIdFor(TestCaptures.synthetic(0).tweet());
    }

    private Path objectRoot(String objectId) {
        return new Outsider(data.resolve("store")).objectRoot(objectId);
    }

    @Test
    void aVersionDirectoryTheRootInventoryDoesNotNameIsCompletedOnReopen() throws IOException {
        String objectId = commitV2WithoutIndexing();
        Path root = objectRoot(objectId);
        assertTrue(Files.isDirectory(root.resolve("v2")));
        Files.copy(root.resolve("v1/inventory.json"), root.resolve("inventory.json"), StandardCopyOption.REPLACE_EXISTING);
        Files.copy(root.resolve("v1/inventory.json.sha512"), root.resolve("inventory.json.sha512"),
                StandardCopyOption.REPLACE_EXISTING);
        assertArchived(new long[][] {{0, 1}, {7, 8}, {14, 15}, {21, 22}}, new long[][] {});
        assertEquals("v2", new Outsider(data.resolve("store")).inventory(objectId).get("head").asText());
    }

    @Test
    void aVersionWhoseContentNeverReachedTheDiskIsRemovedAndCommittedAgain() throws IOException {
        String objectId = commitV2WithoutIndexing();
        Path root = objectRoot(objectId);
        Files.write(root.resolve("v2/content/raw/v2.bin"), new byte[0]);
        assertArchived(new long[][] {{0, 1}, {7, 8}, {14, 15}, {21, 22}}, new long[][] {});
        assertEquals("v2", new Outsider(data.resolve("store")).inventory(objectId).get("head").asText());
        assertArrayEquals(OcflArchiveTest.concat(TestCaptures.syntheticRaw(14), TestCaptures.syntheticRaw(21)),
                new Outsider(data.resolve("store")).headFile(objectId, "raw/v2.bin"));
    }

    @Test
    void aHalfCopiedRootInventoryIsRestored() throws IOException {
        String objectId = commitV2WithoutIndexing();
        Path inventory = objectRoot(objectId).resolve("inventory.json");
        byte[] bytes = Files.readAllBytes(inventory);
        Files.write(inventory, java.util.Arrays.copyOf(bytes, bytes.length / 2));
        assertArchived(new long[][] {{0, 1}, {7, 8}, {14, 15}, {21, 22}}, new long[][] {});
    }

    @Test
    void anObjectWhoseFirstVersionWasCutShortIsCreatedAgain() throws IOException {
        try (OcflArchive archive = openFaulty()) {
            archive.put("first", List.of(TestCaptures.synthetic(3)));
            io.failSyncs(p -> p.startsWith(data.resolve("store")));
            assertThrows(StorageException.class, archive::flush);
        }
        io.heal();
        Path root = objectRoot(OcflArchive.objectIdFor(TestCaptures.synthetic(3).tweet()));
        ObjectRepair.deleteTree(root.resolve("v1"));
        Files.delete(root.resolve("inventory.json"));
        Files.delete(root.resolve("inventory.json.sha512"));
        assertArchived(new long[][] {{3, 4}}, new long[][] {});
    }

    private void assertHeadsAtMost(int max) {
        try (OcflArchive archive = openClean(CommitListener.NONE)) {
            List<CommittedPayload> all = new ArrayList<>();
            archive.forEachCommitted(all::add);
            for (CommittedPayload p : all) {
                int v = Integer.parseInt(p.location().version().substring(1));
                assertTrue(v <= max, "no object got a version beyond v" + max + ": " + p.location());
            }
            assertFalse(all.isEmpty());
        }
    }
}
