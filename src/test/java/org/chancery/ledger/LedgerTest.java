package org.chancery.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.chancery.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LedgerTest {
    private static final String ORIGIN = "chancery.example/archive/0b7c1c7e-3f2a-4c55-9a5e-6f3f1d0f9a10";

    @TempDir
    Path root;

    private final List<byte[]> appended = new ArrayList<>();

    private Path ledgerDir() {
        return root.resolve("ledger");
    }

    private Path keysDir() {
        return root.resolve("keys");
    }

    @Test
    void eachAppendReturnsACheckpointSignedOverTheNaiveRootOfAllEntries() {
        try (Ledger ledger = Ledger.open(ledgerDir(), keysDir(), ORIGIN)) {
            CheckpointVerifier verifier = new CheckpointVerifier(ledger.verifierKey(), ORIGIN);
            for (int batch : new int[] {3, 260, 1}) {
                Checkpoint checkpoint = ledger.appendAndCheckpoint(entries(batch));
                assertEquals(appended.size(), checkpoint.size());
                assertEquals(new Hash(NaiveMerkle.mth(appended)), checkpoint.root());
                assertInstanceOf(NoteVerification.Verified.class, verifier.verify(checkpoint.text()));
            }
            assertEquals(3, ledger.checkpoints().count());
            assertEquals(List.of(3L, 263L, 264L), ledger.checkpoints().all().stream().map(Checkpoint::size).toList());
            assertEquals(List.of(), ledger.verify());
        }
    }

    @Test
    void reopenedLedgerKeepsItsCheckpointsAndStillVerifies() {
        Checkpoint last;
        try (Ledger ledger = Ledger.open(ledgerDir(), keysDir(), ORIGIN)) {
            ledger.appendAndCheckpoint(entries(10));
            last = ledger.appendAndCheckpoint(entries(300));
        }
        try (Ledger ledger = Ledger.open(ledgerDir(), keysDir(), ORIGIN)) {
            assertEquals(last, ledger.latestCheckpoint().orElseThrow());
            assertEquals(List.of(), ledger.verify());
            Checkpoint next = ledger.appendAndCheckpoint(entries(5));
            assertEquals(new Hash(NaiveMerkle.mth(appended)), next.root());
            ConsistencyProof proof = ledger.log().consistencyProof(last.size(), next.size());
            assertTrue(MerkleTree.verifyConsistency(proof, last.root(), next.root()).valid());
        }
    }

    @Test
    void aChangedEntryByteIsReportedWithTheEntryIndex() throws IOException {
        try (Ledger ledger = Ledger.open(ledgerDir(), keysDir(), ORIGIN)) {
            ledger.appendAndCheckpoint(entries(20));
            ledger.appendAndCheckpoint(entries(20));
        }
        flipByte(ledgerDir().resolve(MerkleLog.ENTRIES), recordOffset(25) + 4 + 2);
        try (Ledger ledger = Ledger.open(ledgerDir(), keysDir(), ORIGIN)) {
            List<LedgerProblem> problems = ledger.verify();
            assertTrue(problems.stream().anyMatch(p -> p.item().equals("entry 25") && p.problem().contains("checksum")),
                    problems.toString());
            assertTrue(problems.stream().anyMatch(p -> p.item().equals("checkpoint 1 (size 40)")
                    && p.problem().contains("recomputed from the entry bytes")), problems.toString());
            assertTrue(problems.stream().noneMatch(p -> p.item().startsWith("checkpoint 0")),
                    "the first checkpoint covers only entries 0-19: " + problems);
        }
    }

    @Test
    void aChangedLeafHashFileIsReported() throws IOException {
        try (Ledger ledger = Ledger.open(ledgerDir(), keysDir(), ORIGIN)) {
            ledger.appendAndCheckpoint(entries(12));
        }
        flipByte(ledgerDir().resolve(MerkleLog.LEAVES), 32L * 7 + 5);
        try (Ledger ledger = Ledger.open(ledgerDir(), keysDir(), ORIGIN)) {
            List<LedgerProblem> problems = ledger.verify();
            assertTrue(problems.stream().anyMatch(p -> p.item().equals("entry 7") && p.problem().contains("leaf hash")),
                    problems.toString());
            assertTrue(problems.stream().anyMatch(p -> p.item().equals("checkpoint 0 (size 12)")
                    && p.problem().contains("is not the log's root")), problems.toString());
        }
    }

    @Test
    void aChangedCheckpointIsReported() throws IOException {
        Checkpoint first;
        try (Ledger ledger = Ledger.open(ledgerDir(), keysDir(), ORIGIN)) {
            first = ledger.appendAndCheckpoint(entries(4));
            ledger.appendAndCheckpoint(entries(4));
        }
        Path file = ledgerDir().resolve(CheckpointStore.FILE);
        String stored = Files.readString(file, StandardCharsets.UTF_8);
        String forged = first.root().base64();
        String replacement = MerkleTree.emptyRoot().base64();
        Files.writeString(file, stored.replace(forged, replacement), StandardCharsets.UTF_8);
        try (Ledger ledger = Ledger.open(ledgerDir(), keysDir(), ORIGIN)) {
            List<LedgerProblem> problems = ledger.verify();
            assertTrue(problems.stream().anyMatch(p -> p.item().equals("checkpoint 0")
                    && p.problem().contains("does not verify")), problems.toString());
            assertTrue(problems.stream().anyMatch(p -> p.item().equals("checkpoint 1 (size 8)")
                    && p.problem().contains("not consistent")), problems.toString());
        }
    }

    @Test
    void entriesWithoutACheckpointAreReported() {
        try (Ledger ledger = Ledger.open(ledgerDir(), keysDir(), ORIGIN)) {
            ledger.appendAndCheckpoint(entries(3));
            ledger.log().append(entries(2));
            assertEquals(List.of(new LedgerProblem("log", "Entries 3 to 4 are not covered by a signed checkpoint.")),
                    ledger.verify());
        }
    }

    @Test
    void entriesAStopLeftWithoutACheckpointAreSignedForOnceAndThenVerify() {
        try (Ledger ledger = Ledger.open(ledgerDir(), keysDir(), ORIGIN)) {
            ledger.appendAndCheckpoint(entries(3));
            ledger.log().append(entries(2));
        }
        try (Ledger reopened = Ledger.open(ledgerDir(), keysDir(), ORIGIN)) {
            assertEquals(5, reopened.checkpointIfBehind().orElseThrow().size());
            assertEquals(List.of(), reopened.verify());
            assertTrue(reopened.checkpointIfBehind().isEmpty(), "covered: nothing more to sign");
        }
    }

    @Test
    void tornCheckpointRecordIsCutOffOnOpen() throws IOException {
        Checkpoint last;
        try (Ledger ledger = Ledger.open(ledgerDir(), keysDir(), ORIGIN)) {
            last = ledger.appendAndCheckpoint(entries(6));
        }
        Path file = ledgerDir().resolve(CheckpointStore.FILE);
        long length = Files.size(file);
        Files.write(file, "250\nchancery.example/arch".getBytes(StandardCharsets.UTF_8), StandardOpenOption.APPEND);
        try (Ledger ledger = Ledger.open(ledgerDir(), keysDir(), ORIGIN)) {
            assertEquals(last, ledger.latestCheckpoint().orElseThrow());
            assertEquals(1, ledger.checkpoints().count());
            assertEquals(List.of(), ledger.verify());
        }
        assertEquals(length, Files.size(file));
    }

    @Test
    void checkpointsMayNotGoBackwards() {
        try (Ledger ledger = Ledger.open(ledgerDir(), keysDir(), ORIGIN)) {
            ledger.appendAndCheckpoint(entries(5));
            ArchiveKey key = ArchiveKey.loadOrCreate(keysDir(), ORIGIN);
            Checkpoint older = new CheckpointSigner(key).sign(ORIGIN, 4, ledger.log().root(4));
            assertThrows(IllegalArgumentException.class, () -> ledger.checkpoints().append(older));
        }
    }

    @Test
    void openingWithAnotherOriginThanTheKeyWasMadeForIsRefused() {
        Ledger.open(ledgerDir(), keysDir(), ORIGIN).close();
        assertThrows(InvalidInputException.class, () -> Ledger.open(ledgerDir(), keysDir(), ORIGIN + "-2"));
    }

    private List<byte[]> entries(int n) {
        List<byte[]> batch = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int k = appended.size() + batch.size();
            batch.add(("entry number " + k + " " + "x".repeat(k % 17)).getBytes(StandardCharsets.UTF_8));
        }
        appended.addAll(batch);
        return batch;
    }

    /** Offset of a record computed from the documented format: u32 length, entry, u32 CRC-32C. */
    private long recordOffset(int index) {
        long offset = 0;
        for (int i = 0; i < index; i++) {
            offset += 8 + appended.get(i).length;
        }
        return offset;
    }

    private static void flipByte(Path file, long offset) throws IOException {
        byte[] all = Files.readAllBytes(file);
        all[Math.toIntExact(offset)] ^= 0x01;
        Files.write(file, all);
    }
}
