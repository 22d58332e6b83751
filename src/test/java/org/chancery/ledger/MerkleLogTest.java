package org.chancery.ledger;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.chancery.StorageException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MerkleLogTest {
    @TempDir
    Path dir;

    private final Random random = new Random(6962);
    private final List<byte[]> appended = new ArrayList<>();

    @Test
    void rootAfterEachBatchIsTheNaiveTreeHashAcrossBlockBoundaries() {
        try (MerkleLog log = MerkleLog.open(dir)) {
            assertEquals(new Hash(NaiveMerkle.mth(List.of())), log.root(0));
            for (int batch : new int[] {1, 255, 3, 300, 141, 0, 1, 511}) {
                long size = log.append(entries(batch));
                assertEquals(appended.size(), size);
                assertEquals(new Hash(NaiveMerkle.mth(appended)), log.root(size), "root after " + size);
            }
            for (int i = 0; i < appended.size(); i += 37) {
                assertArrayEquals(appended.get(i), log.entry(i), "entry " + i);
                assertArrayEquals(NaiveMerkle.leaf(appended.get(i)), log.leafHash(i).bytes(), "leaf " + i);
            }
        }
    }

    @Test
    void proofsFromTheLogEqualTheNaiveProofsAndVerifyAgainstNaiveRoots() {
        try (MerkleLog log = MerkleLog.open(dir)) {
            log.append(entries(700));
            for (int t = 0; t < 60; t++) {
                int n = 1 + random.nextInt(700);
                List<byte[]> prefix = appended.subList(0, n);
                Hash root = new Hash(NaiveMerkle.mth(prefix));
                assertEquals(root, log.root(n), "root of " + n);
                int m = random.nextInt(n);
                InclusionProof inclusion = log.inclusionProof(m, n);
                assertEquals(NaiveMerkle.path(m, prefix).stream().map(Hash::new).toList(), inclusion.path());
                assertTrue(MerkleTree.verifyInclusion(inclusion, new Hash(NaiveMerkle.leaf(appended.get(m))), root).valid());
                int from = 1 + random.nextInt(n);
                ConsistencyProof consistency = log.consistencyProof(from, n);
                if (from < n) {
                    assertEquals(NaiveMerkle.proof(from, prefix).stream().map(Hash::new).toList(), consistency.path());
                }
                assertTrue(MerkleTree.verifyConsistency(
                        consistency, new Hash(NaiveMerkle.mth(appended.subList(0, from))), root).valid());
            }
        }
    }

    /** Proofs reuse the inner nodes of complete blocks and of the last block; none may go stale or be misplaced. */
    @Test
    void proofsForEveryLeafInShuffledOrderAndBetweenAppendsEqualTheNaiveProofs() {
        try (MerkleLog log = MerkleLog.open(dir)) {
            for (int batch : new int[] {300, 41, 430}) {
                log.append(entries(batch));
                int n = appended.size();
                List<byte[]> all = appended.subList(0, n);
                List<Integer> order = new java.util.ArrayList<>(java.util.stream.IntStream.range(0, n).boxed().toList());
                java.util.Collections.shuffle(order, random);
                for (int m : order) {
                    assertEquals(NaiveMerkle.path(m, all).stream().map(Hash::new).toList(),
                            log.inclusionProof(m, n).path(), "leaf " + m + " of " + n);
                }
                int smaller = n - 1 - random.nextInt(40);
                int m = random.nextInt(smaller);
                assertEquals(NaiveMerkle.path(m, all.subList(0, smaller)).stream().map(Hash::new).toList(),
                        log.inclusionProof(m, smaller).path(), "leaf " + m + " of " + smaller);
            }
        }
    }

    @Test
    void reopenedLogHasTheSameSizeRootAndEntries() {
        Hash root;
        try (MerkleLog log = MerkleLog.open(dir)) {
            log.append(entries(300));
            log.append(entries(20));
            root = log.root(320);
        }
        try (MerkleLog log = MerkleLog.open(dir)) {
            assertEquals(320, log.size());
            assertEquals(root, log.root(320));
            assertEquals(new Hash(NaiveMerkle.mth(appended)), log.root(320));
            assertArrayEquals(appended.get(299), log.entry(299));
            log.append(entries(5));
            assertEquals(new Hash(NaiveMerkle.mth(appended)), log.root(325));
        }
    }

    @Test
    void partialRecordAfterACrashIsCutOffAndKeptAside() throws IOException {
        Hash root = appendAndClose(257);
        long entriesLength = Files.size(dir.resolve(MerkleLog.ENTRIES));
        byte[] torn = {0, 0, 0, 100, 'p', 'a', 'r', 't'};
        appendBytes(MerkleLog.ENTRIES, torn);
        try (MerkleLog log = MerkleLog.open(dir)) {
            assertEquals(257, log.size());
            assertEquals(root, log.root(257));
        }
        assertEquals(entriesLength, Files.size(dir.resolve(MerkleLog.ENTRIES)));
        Path aside = dir.resolve("torn-" + entriesLength + ".bin");
        assertArrayEquals(torn, Files.readAllBytes(aside));
    }

    @Test
    void zeroFilledTailLeftByTheFileSystemIsTreatedAsTorn() throws IOException {
        Hash root = appendAndClose(40);
        long entriesLength = Files.size(dir.resolve(MerkleLog.ENTRIES));
        appendBytes(MerkleLog.ENTRIES, new byte[4096]);
        try (MerkleLog log = MerkleLog.open(dir)) {
            assertEquals(40, log.size());
            assertEquals(root, log.root(40));
            log.append(entries(1));
            assertEquals(new Hash(NaiveMerkle.mth(appended)), log.root(41));
        }
        assertEquals(entriesLength + 8 + appended.get(40).length, Files.size(dir.resolve(MerkleLog.ENTRIES)));
    }

    @Test
    void junkAppendedToTheDerivedFilesIsDiscarded() throws IOException {
        Hash root = appendAndClose(300);
        appendBytes(MerkleLog.LEAVES, new byte[45]);
        appendBytes(MerkleLog.OFFSETS, new byte[] {0x7f, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10});
        try (MerkleLog log = MerkleLog.open(dir)) {
            assertEquals(300, log.size());
            assertEquals(root, log.root(300));
        }
        assertEquals(300L * 32, Files.size(dir.resolve(MerkleLog.LEAVES)));
        assertEquals(300L * 8, Files.size(dir.resolve(MerkleLog.OFFSETS)));
    }

    @Test
    void completeEntriesMissingFromTheDerivedFilesAreKeptAndIndexed() throws IOException {
        Hash root = appendAndClose(600);
        // A crash after the entries were forced but before the derived files were written.
        try (FileChannel leaves = FileChannel.open(dir.resolve(MerkleLog.LEAVES), StandardOpenOption.WRITE);
             FileChannel offsets = FileChannel.open(dir.resolve(MerkleLog.OFFSETS), StandardOpenOption.WRITE)) {
            leaves.truncate(450L * 32 + 7);
            offsets.truncate(430L * 8);
        }
        try (MerkleLog log = MerkleLog.open(dir)) {
            assertEquals(600, log.size());
            assertEquals(root, log.root(600));
            assertArrayEquals(appended.get(599), log.entry(599));
            assertArrayEquals(NaiveMerkle.leaf(appended.get(500)), log.leafHash(500).bytes());
        }
    }

    @Test
    void deletedDerivedFilesAreRebuiltFromTheEntries() throws IOException {
        Hash root = appendAndClose(333);
        Files.delete(dir.resolve(MerkleLog.LEAVES));
        Files.delete(dir.resolve(MerkleLog.OFFSETS));
        try (MerkleLog log = MerkleLog.open(dir)) {
            assertEquals(333, log.size());
            assertEquals(root, log.root(333));
            assertTrue(log.audit(List.of()).problems().isEmpty());
        }
    }

    @Test
    void auditNamesTheEntryWhoseBytesWereChanged() throws IOException {
        appendAndClose(50);
        long offset = recordOffset(17);
        flipByte(MerkleLog.ENTRIES, offset + 4);
        try (MerkleLog log = MerkleLog.open(dir)) {
            LogAudit audit = log.audit(List.of(50L));
            List<String> items = audit.problems().stream().map(LedgerProblem::item).distinct().toList();
            assertEquals(List.of("entry 17"), items, audit.problems().toString());
            assertEquals(50, audit.readableSize());
            List<byte[]> changed = new ArrayList<>(appended);
            byte[] e = changed.get(17).clone();
            e[0] ^= 0x01;
            changed.set(17, e);
            assertEquals(new Hash(NaiveMerkle.mth(changed)), audit.recomputedRoots().get(50L),
                    "the audit root comes from the bytes on disk, not from the stored leaf hashes");
            assertThrows(StorageException.class, () -> log.entry(17));
        }
    }

    @Test
    void auditOfAnIntactLogFindsNothingAndRecomputesRootsPerSize() {
        try (MerkleLog log = MerkleLog.open(dir)) {
            log.append(entries(290));
            LogAudit audit = log.audit(List.of(0L, 1L, 256L, 290L));
            assertEquals(List.of(), audit.problems());
            for (long s : List.of(0L, 1L, 256L, 290L)) {
                assertEquals(new Hash(NaiveMerkle.mth(appended.subList(0, (int) s))), audit.recomputedRoots().get(s));
            }
        }
    }

    /** A batch shares blocks and the right edge between proofs; every proof must still be the naive one. */
    @Test
    void batchProofsEqualTheNaiveProofsInTheOrderAsked() {
        try (MerkleLog log = MerkleLog.open(dir)) {
            log.append(entries(300));
            log.append(entries(77)); // the last 25 leaves lie in the unfinished block
            int size = appended.size();
            for (int treeSize : new int[] {size, size - 25, 256, 129, 1}) {
                List<byte[]> prefix = appended.subList(0, treeSize);
                List<Long> order = new ArrayList<>();
                for (long i = 0; i < treeSize; i++) {
                    order.add(i);
                }
                java.util.Collections.shuffle(order, random);
                order.addAll(order.subList(0, Math.min(5, treeSize))); // repeats are answered again
                long[] ascending = java.util.stream.LongStream.range(0, treeSize).toArray();
                for (long[] indices : new long[][] {ascending, order.stream().mapToLong(Long::longValue).toArray()}) {
                    List<InclusionProof> proofs = log.inclusionProofs(indices, treeSize);
                    assertEquals(indices.length, proofs.size());
                    for (int k = 0; k < indices.length; k++) {
                        int m = Math.toIntExact(indices[k]);
                        assertEquals(m, proofs.get(k).leafIndex());
                        assertEquals(treeSize, proofs.get(k).treeSize());
                        assertEquals(NaiveMerkle.path(m, prefix).stream().map(Hash::new).toList(),
                                proofs.get(k).path(), "leaf " + m + " of " + treeSize);
                    }
                }
            }
            assertThrows(IllegalArgumentException.class, () -> log.inclusionProofs(new long[] {0, 10}, 10));
            assertEquals(List.of(), log.inclusionProofs(new long[0], size));
        }
    }

    @Test
    void batchEntriesAreTheAppendedBytesInTheOrderAsked() {
        try (MerkleLog log = MerkleLog.open(dir)) {
            log.append(entries(150));
            log.append(List.of(new byte[0]));
            appended.add(new byte[0]);
            long[] indices = {3, 4, 5, 6, 100, 7, 7, 149, 150, 0, 1, 42, 43};
            List<byte[]> found = log.entries(indices);
            assertEquals(indices.length, found.size());
            for (int k = 0; k < indices.length; k++) {
                assertArrayEquals(appended.get(Math.toIntExact(indices[k])), found.get(k), "entry " + indices[k]);
            }
            assertThrows(IllegalArgumentException.class, () -> log.entries(new long[] {1, 151}));
        }
    }

    @Test
    void batchEntriesNameTheEntryWhoseBytesWereChanged() throws IOException {
        appendAndClose(50);
        flipByte(MerkleLog.ENTRIES, recordOffset(17) + 4);
        try (MerkleLog log = MerkleLog.open(dir)) {
            StorageException e = assertThrows(StorageException.class,
                    () -> log.entries(java.util.stream.LongStream.range(10, 30).toArray()));
            assertTrue(e.getMessage().startsWith("Entry 17 at byte " + recordOffset(17)), e.getMessage());
            assertArrayEquals(appended.get(16), log.entries(new long[] {16}).get(0));
        }
    }

    @Test
    void aSecondOpenOfTheSameLogIsRefused() {
        try (MerkleLog log = MerkleLog.open(dir)) {
            assertThrows(StorageException.class, () -> MerkleLog.open(dir));
            assertEquals(0, log.size());
        }
    }

    @Test
    void emptyEntriesAndEmptyBatchesAreAllowed() {
        try (MerkleLog log = MerkleLog.open(dir)) {
            assertEquals(0, log.append(List.of()));
            assertEquals(2, log.append(List.of(new byte[0], "x".getBytes(StandardCharsets.UTF_8))));
            assertArrayEquals(new byte[0], log.entry(0));
            assertEquals(new Hash(NaiveMerkle.mth(List.of(new byte[0], "x".getBytes(StandardCharsets.UTF_8)))), log.root(2));
        }
    }

    private Hash appendAndClose(int n) {
        try (MerkleLog log = MerkleLog.open(dir)) {
            long size = log.append(entries(n));
            return log.root(size);
        }
    }

    private List<byte[]> entries(int n) {
        List<byte[]> batch = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            byte[] e = new byte[1 + random.nextInt(60)];
            random.nextBytes(e);
            batch.add(e);
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

    private void appendBytes(String file, byte[] bytes) throws IOException {
        Files.write(dir.resolve(file), bytes, StandardOpenOption.APPEND);
    }

    private void flipByte(String file, long offset) throws IOException {
        byte[] all = Files.readAllBytes(dir.resolve(file));
        all[Math.toIntExact(offset)] ^= 0x01;
        Files.write(dir.resolve(file), all);
    }
}
