package org.chancery.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.chancery.StorageException;
import org.chancery.record.Capture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reads by id run outside the archive's lock: concurrent readers share, evict and reopen content files. */
class OcflArchiveReadersTest {
    @TempDir
    Path data;

    /** An archive holding {@code captures}, committed to OCFL. */
    private OcflArchive committed(List<Capture> captures) {
        OcflArchive archive = new OcflArchive(StoreSettings.under(data), OcflArchiveTest.CLOCK, CommitListener.NONE);
        archive.put("import congresstweets file 2017-07-10.json", captures);
        archive.flush();
        return archive;
    }

    @Test
    void concurrentReadersGetExactBytesWhileEvictingEachOthersOpenFiles() throws Exception {
        List<Capture> captures = TestCaptures.fixtureCaptures();
        List<byte[]> lines = TestCaptures.fixtureLines();
        try (OcflArchive archive = committed(captures)) {
            // Seven accounts, two content files each, at most two open: almost every read closes another's file.
            archive.limitOpenFiles(2);
            ExecutorService readers = Executors.newFixedThreadPool(8);
            try {
                List<Future<Integer>> done = new ArrayList<>();
                for (int t = 0; t < 8; t++) {
                    Random random = new Random(t);
                    done.add(readers.submit(() -> {
                        for (int n = 0; n < 2_000; n++) {
                            int i = random.nextInt(captures.size());
                            StoredTweet stored = archive.find(captures.get(i).id()).orElseThrow();
                            assertArrayEquals(lines.get(i), stored.raw().bytes(), "raw bytes of item " + i);
                            assertEquals(captures.get(i).tweet(), stored.tweet());
                        }
                        return 2_000;
                    }));
                }
                for (Future<Integer> f : done) {
                    assertEquals(2_000, f.get());
                }
            } finally {
                readers.shutdownNow();
            }
        }
    }

    @Test
    void anInterruptedReaderFailsAloneAndTheFileItClosedIsOpenedAgainForTheNext() throws Exception {
        List<Capture> captures = TestCaptures.fixtureCaptures();
        List<byte[]> lines = TestCaptures.fixtureLines();
        String id = captures.get(0).id();
        try (OcflArchive archive = committed(captures)) {
            archive.find(id).orElseThrow();
            // A read on a thread whose interrupt flag is set closes the shared channel (FileChannel is interruptible).
            Thread.currentThread().interrupt();
            try {
                StorageException e = assertThrows(StorageException.class, () -> archive.find(id));
                assertEquals(true, e.getMessage().contains("ClosedByInterruptException"), e.getMessage());
            } finally {
                Thread.interrupted();
            }
            assertArrayEquals(lines.get(0), archive.find(id).orElseThrow().raw().bytes());
        }
    }

    @Test
    void readersRacingAPurgeGetTheExactBytesOrNothingAndNeverAnError() throws Exception {
        List<Capture> captures = TestCaptures.fixtureCaptures();
        List<byte[]> lines = TestCaptures.fixtureLines();
        try (OcflArchive archive = committed(captures)) {
            List<String> objects = new ArrayList<>();
            for (Capture c : captures) {
                String object = archive.find(c.id()).orElseThrow().location().objectId();
                if (!objects.contains(object)) {
                    objects.add(object);
                }
            }
            ExecutorService readers = Executors.newFixedThreadPool(6);
            java.util.concurrent.atomic.AtomicBoolean purging = new java.util.concurrent.atomic.AtomicBoolean(true);
            try {
                List<Future<Integer>> done = new ArrayList<>();
                for (int t = 0; t < 6; t++) {
                    Random random = new Random(t);
                    done.add(readers.submit(() -> {
                        int reads = 0;
                        while (purging.get() || reads < 100) {
                            int i = random.nextInt(captures.size());
                            var stored = archive.find(captures.get(i).id());
                            stored.ifPresent(s -> assertArrayEquals(lines.get(i), s.raw().bytes(), "item " + i));
                            reads++;
                        }
                        return reads;
                    }));
                }
                // One object at a time, while the readers read every tweet, purged ones included.
                for (String object : objects) {
                    Thread.sleep(20);
                    assertEquals(List.of(object), archive.purge(List.of(object)));
                }
                purging.set(false);
                for (Future<Integer> f : done) {
                    assertTrue(f.get() >= 100);
                }
            } finally {
                purging.set(false);
                readers.shutdownNow();
            }
            for (Capture c : captures) {
                assertEquals(java.util.Optional.empty(), archive.find(c.id()), "tweet " + c.id() + " was purged");
            }
        }
    }

    @Test
    void anInterruptedReaderOfTheJournalFailsAloneAndTheJournalStaysWritable() {
        List<Capture> captures = TestCaptures.fixtureCaptures();
        List<byte[]> lines = TestCaptures.fixtureLines();
        try (OcflArchive archive = new OcflArchive(StoreSettings.under(data), OcflArchiveTest.CLOCK,
                CommitListener.NONE)) {
            archive.put("import congresstweets file 2017-07-10.json", captures.subList(0, 3));
            Thread.currentThread().interrupt();
            try {
                assertThrows(StorageException.class, () -> archive.find(captures.get(0).id()));
            } finally {
                Thread.interrupted();
            }
            assertArrayEquals(lines.get(0), archive.find(captures.get(0).id()).orElseThrow().raw().bytes());
            archive.put("import congresstweets file 2017-07-10.json", captures.subList(3, captures.size()));
            archive.flush();
            for (int i = 0; i < captures.size(); i++) {
                assertArrayEquals(lines.get(i), archive.find(captures.get(i).id()).orElseThrow().raw().bytes());
            }
        }
    }
}
